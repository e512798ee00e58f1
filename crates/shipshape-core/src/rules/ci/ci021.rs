use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A deploy does not wait for the tests.
    ///
    /// ## What it checks
    /// Every CI job that deploys runs after tests: a test step earlier in the same job, a
    /// test job among the jobs it `needs` (transitively), an earlier GitLab stage that tests,
    /// or a workflow started by `workflow_run` after another workflow.
    ///
    /// ## Why it matters
    /// A deploy that runs in parallel with the tests ships the commit whether or not they
    /// pass: the red test run arrives after the broken release.
    ///
    /// ## How to fix
    /// ```yaml
    /// jobs:
    ///   test: { … }
    ///   deploy:
    ///     needs: test
    /// ```
    ///
    /// References: <https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds>
    DeployNotGatedByTests {
        id: "CI021",
        name: "deploy-not-gated-by-tests",
        category: Ci,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["ci.deploy_after_tests"],
        fix: "Make deploy jobs `needs:` the test job (or run tests earlier in the same job).",
        done: "Deploys wait for the tests",
    }
    fn check(inv) {
        if inv.is_true("ci.deploy_after_tests") {
            return pass();
        }
        let jobs = discarded_evidence(inv, "ci.deploy_after_tests");
        fail(format!("{} deploy job(s) ship without waiting for tests", jobs.len()), jobs)
    }
}
