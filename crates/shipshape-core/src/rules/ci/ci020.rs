use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A deploy job does not use a GitHub environment.
    ///
    /// ## What it checks
    /// Every GitHub Actions job that deploys declares `environment:`.
    ///
    /// ## Why it matters
    /// Environments are where protection lives: required reviewers, wait timers, branch
    /// restrictions, and secrets scoped to the environment instead of the whole repository.
    /// They also record every deployment in the repository's history. A deploy job without one
    /// can be run by any workflow change with every repository secret.
    ///
    /// ## How to fix
    /// ```yaml
    /// deploy:
    ///   environment:
    ///     name: production
    ///     url: https://example.com
    /// ```
    ///
    /// Then add protection rules under Settings → Environments.
    ///
    /// References: <https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment>
    DeployWithoutEnvironmentGate {
        id: "CI020",
        name: "deploy-without-environment-gate",
        category: Ci,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.deploy_gated"],
        fix: "Declare `environment:` on deploy jobs and protect production with required reviewers.",
        done: "Deploy jobs use GitHub environments",
    }
    fn check(inv) {
        if inv.is_true("ci.deploy_gated") {
            return pass();
        }
        let jobs = discarded_evidence(inv, "ci.deploy_gated");
        fail(format!("{} deploy job(s) run without a GitHub environment: no approval, no scoped secrets", jobs.len()), jobs)
    }
}
