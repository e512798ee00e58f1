use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// There is no automated rollback.
    ///
    /// ## What it checks
    /// When CI deploys, that a rollback is automated: `vercel rollback`,
    /// `kubectl rollout undo`, `helm rollback` or `helm upgrade --atomic`, `wrangler rollback`,
    /// `heroku rollback`, Cloud Run traffic shifting, or a job that runs on failure and deploys
    /// again.
    ///
    /// ## Why it matters
    /// When a release breaks production, the time to recover is the time to roll back. A
    /// rollback that must be improvised under pressure is slow and error-prone; one that runs
    /// itself (or is one click) makes recovery minutes.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: helm upgrade --install api ./chart --atomic --timeout 5m
    /// ```
    ///
    /// or a job that runs when the post-deploy check fails:
    ///
    /// ```yaml
    /// rollback:
    ///   needs: smoke-test
    ///   if: failure()
    ///   steps:
    ///     - run: vercel rollback --token=${{ secrets.VERCEL_TOKEN }}
    /// ```
    ///
    /// References: <https://helm.sh/docs/helm/helm_upgrade/>
    NoAutomatedRollback {
        id: "CI010",
        name: "no-automated-rollback",
        category: Ci,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["ci.deploys", "ci.rollback"],
        fix: "Automate rollback: helm --atomic, kubectl rollout undo, vercel rollback on a failed check.",
        done: "Rollback is automated",
    }
    fn check(inv) {
        if !inv.is_true("ci.deploys") {
            return not_applicable("CI does not deploy");
        }
        if inv.is_true("ci.rollback") {
            return pass();
        }
        fail("CI deploys, but nothing rolls a bad release back", inv.get("ci.deploys").evidence.clone())
    }
}
