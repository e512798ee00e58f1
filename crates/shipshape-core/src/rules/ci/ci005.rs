use crate::declare_rule;

declare_rule! {
    /// CI never builds the application.
    ///
    /// ## What it checks
    /// That a reachable CI step builds the app or its image: `next build`, `vite build`,
    /// `docker build`, `cargo build`, `go build`, a `build` package script, the
    /// `docker/build-push-action`, …
    ///
    /// ## Why it matters
    /// If CI never builds, the first build of a change happens during the deploy: a missing
    /// import or a broken config fails in front of users instead of on the pull request.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: npm run build
    /// ```
    ///
    /// References: <https://docs.github.com/actions/automating-builds-and-tests>
    CiWithoutBuild {
        id: "CI005",
        name: "ci-without-build",
        category: Ci,
        severity: Medium,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.providers", "ci.runs_build", "ci.workflows"],
        fix: "Build the application (or its image) in CI on every change.",
        done: "CI builds the application",
    }
    fn check(inv) {

        super::ci_activity(inv, "ci.runs_build", "builds the application")
    }
}
