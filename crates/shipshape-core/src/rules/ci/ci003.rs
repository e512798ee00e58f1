use crate::declare_rule;

declare_rule! {
    /// CI never runs a linter.
    ///
    /// ## What it checks
    /// That a reachable CI step runs a linter (`eslint`, `next lint`, `biome`, `ruff`,
    /// `flake8`, `pylint`, `golangci-lint`, `cargo clippy`, `rubocop`, …), directly, through a
    /// package script, or through a lint action.
    ///
    /// ## Why it matters
    /// Linters catch whole classes of bugs (unused results, unhandled promises, shadowed
    /// variables) before review, and keep review about design instead of style.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: npx eslint . --max-warnings=0
    /// ```
    ///
    /// References: <https://eslint.org/docs/latest/use/getting-started>
    CiWithoutLint {
        id: "CI003",
        name: "ci-without-lint",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.providers", "ci.runs_lint", "ci.workflows"],
        fix: "Run the linter in CI (eslint, ruff, golangci-lint, clippy, …).",
        done: "CI runs a linter",
    }
    fn check(inv) {

        super::ci_activity(inv, "ci.runs_lint", "runs a linter")
    }
}
