use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Releases go straight to production: no staging or preview environment.
    ///
    /// ## What it checks
    /// When the repository deploys (from CI or through platform config), that a
    /// non-production environment is deployed to: a GitHub/GitLab environment or deploy flag
    /// named staging, stage, qa, uat, dev or preview, preview deployments (deploys from pull
    /// requests), or a deploy from a staging/develop branch. Platforms that create previews
    /// from their dashboard integration cannot be seen here, hence medium confidence.
    ///
    /// ## Why it matters
    /// Without a place that looks like production, configuration, migrations and
    /// integrations are first exercised by real users. Staging is where a bad release fails
    /// cheaply.
    ///
    /// ## How to fix
    /// Deploy every pull request as a preview, or main to staging before production:
    ///
    /// ```yaml
    /// deploy-staging:
    ///   if: github.ref == 'refs/heads/main'
    ///   environment: staging
    ///   steps:
    ///     - run: vercel deploy --token=${{ secrets.VERCEL_TOKEN }}
    /// deploy-production:
    ///   needs: deploy-staging
    ///   environment: production
    ///   steps:
    ///     - run: vercel deploy --prod --token=${{ secrets.VERCEL_TOKEN }}
    /// ```
    ///
    /// References: <https://docs.github.com/actions/deployment/targeting-different-environments>
    NoStagingEnvironment {
        id: "CI008",
        name: "no-staging-environment",
        category: Ci,
        severity: High,
        level: 3,
        effort: Medium,
        confidence: Medium,
        needs: ["ci.deploys", "ci.environments", "ci.staging", "deploy.platforms"],
        fix: "Deploy to a staging or preview environment before production.",
        done: "Releases go through a staging or preview environment first",
    }
    fn check(inv) {
        if !inv.is_true("ci.deploys") && inv.len("deploy.platforms") == 0 {
            return not_applicable("the repository does not deploy");
        }
        if inv.is_true("ci.staging") {
            return pass();
        }
        let envs = inv.list("ci.environments");
        let mut message = if envs.is_empty() {
            "no staging or preview environment is deployed to".to_string()
        } else {
            format!("deploys only to {}: no staging or preview environment", envs.join(", "))
        };
        let git_previews: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| matches!(*p, "vercel" | "netlify")).collect();
        if !git_previews.is_empty() {
            message.push_str(&format!(" in the repository ({} preview deployments from the Git integration are not visible here)", git_previews.join(", ")));
        }
        let mut evidence = inv.get("ci.environments").evidence.clone();
        if evidence.is_empty() {
            evidence = inv.get("deploy.platforms").evidence.clone();
        }
        fail(message, evidence)
    }
}
