use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

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
    }
    fn check(inv) {
        if inv.len("ci.providers") == 0 {
            return not_applicable("no CI configuration");
        }

        if inv.is_true("ci.runs_build") {
            return pass();
        }
        let discarded = inv.get("ci.runs_build").discarded.len();
        let message = if discarded > 0 {
            format!("no CI step builds the application that counts ({discarded} found that cannot run or whose failure is ignored)")
        } else {
            "no CI step builds the application".to_string()
        };
        let mut evidence: Vec<_> = inv.get("ci.runs_build").discarded.iter().map(|d| d.evidence.clone()).collect();
        if evidence.is_empty() {
            evidence = inv.get("ci.workflows").evidence.clone();
        }
        fail(message, evidence)
    }
}
