use crate::declare_rule;

declare_rule! {
    /// CI never runs the test suite.
    ///
    /// ## What it checks
    /// That a CI step that can actually run executes a test suite: a test runner (`vitest`,
    /// `jest`, `pytest`, `go test`, `cargo test`, `playwright test`, …) directly, or through a
    /// `package.json` script whose body does (`pnpm run check` → `vitest run`), in any workspace
    /// package. The `npm init` placeholder (`echo "Error: no test specified" && exit 1`) is not
    /// a test suite; a test step in a job whose `if:` can never match, or whose failure is
    /// ignored (`|| true`, `continue-on-error: true`), does not count.
    ///
    /// ## Why it matters
    /// Tests that do not run in CI do not protect main: regressions merge silently and are
    /// found in production.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: npm ci
    /// - run: npm test
    /// ```
    ///
    /// References: <https://docs.github.com/actions/automating-builds-and-tests>
    CiWithoutTests {
        id: "CI002",
        name: "ci-without-tests",
        category: Ci,
        severity: High,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["ci.providers", "ci.runs_tests", "ci.workflows"],
        fix: "Run the test suite in CI on every push and pull request.",
        done: "CI runs the test suite",
    }
    fn check(inv) {

        super::ci_activity(inv, "ci.runs_tests", "runs the test suite")
    }
}
