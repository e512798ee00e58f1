use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Nothing checks a deployment after it goes out.
    ///
    /// ## What it checks
    /// When CI deploys, that something verifies the deployment: a later step of the deploy
    /// job or a job that needs it that calls the deployed URL (`curl`, `wget`, `wait-on`),
    /// runs smoke or end-to-end tests (Playwright, Cypress, k6, Newman), runs Lighthouse, or
    /// waits for `kubectl rollout status`; or a workflow triggered by `deployment_status`.
    ///
    /// ## Why it matters
    /// A deploy that "succeeded" can still serve errors: a missing environment variable, a
    /// failed migration, a crash on start. A check right after the deploy turns that into a
    /// red pipeline (and a rollback) minutes later instead of a user report hours later.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: vercel deploy --prod --token=${{ secrets.VERCEL_TOKEN }}
    /// - run: curl --fail --retry 5 --retry-delay 5 https://example.com/api/health
    /// ```
    ///
    /// References: <https://docs.github.com/actions/using-jobs/using-jobs-in-a-workflow>
    NoPostDeployCheck {
        id: "CI009",
        name: "no-post-deploy-check",
        category: Ci,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["ci.deploys", "ci.post_deploy_check"],
        fix: "After each deploy, call the health endpoint or run smoke tests against the deployed URL.",
        done: "Deployments are checked after they go out",
    }
    fn check(inv) {
        if !inv.is_true("ci.deploys") {
            return not_applicable("CI does not deploy");
        }
        if inv.is_true("ci.post_deploy_check") {
            return pass();
        }
        fail("CI deploys, but no step checks the deployment afterwards", inv.get("ci.deploys").evidence.clone())
    }
}
