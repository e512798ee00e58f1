use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// Deploy jobs can run concurrently and race each other.
    ///
    /// ## What it checks
    /// Every GitHub Actions job that deploys belongs to a `concurrency:` group, set on the
    /// job or on its workflow.
    ///
    /// ## Why it matters
    /// Two merges in quick succession start two deploys; the older one can finish last and
    /// put the previous version back in production, or two migrations run at once.
    ///
    /// ## How to fix
    /// ```yaml
    /// concurrency:
    ///   group: deploy-production
    ///   cancel-in-progress: false
    /// ```
    ///
    /// References: <https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs>
    DeployWithoutConcurrency {
        id: "CI017",
        name: "deploy-without-concurrency",
        category: Ci,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.deploy_concurrency"],
        fix: "Put deploy jobs in a `concurrency:` group so deploys queue instead of racing.",
        done: "Deploy jobs cannot run concurrently",
    }
    fn check(inv) {
        if inv.is_true("ci.deploy_concurrency") {
            return pass();
        }
        let jobs = discarded_evidence(inv, "ci.deploy_concurrency");
        fail(format!("{} deploy job(s) have no concurrency group: overlapping deploys can race", jobs.len()), jobs)
    }
}
