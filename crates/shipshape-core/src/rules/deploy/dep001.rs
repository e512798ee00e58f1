use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The repository has an application but no deployment configuration.
    ///
    /// ## What it checks
    /// That at least one deployment platform is configured in the repository: a platform file
    /// (`vercel.json`, `netlify.toml`, `render.yaml`, `fly.toml`, `railway.json`, `Procfile`,
    /// `firebase.json`, `wrangler.toml`, `serverless.yml`, …), a container definition
    /// (`Dockerfile`, compose file), Kubernetes manifests or a Helm chart, or a CI step that
    /// deploys. It applies when the repository has at least one deployable service.
    ///
    /// ## Why it matters
    /// A deployment that lives only in a dashboard cannot be reviewed, reproduced or rolled
    /// back from version control, and nobody can tell from the code how production is built.
    /// Platforms connected through their dashboard (Vercel, Netlify) work without a file, which
    /// is why this rule has low confidence.
    ///
    /// ## How to fix
    /// Commit the platform's configuration next to the code, even a minimal one:
    ///
    /// ```json
    /// // vercel.json
    /// { "$schema": "https://openapi.vercel.sh/vercel.json", "regions": ["fra1"] }
    /// ```
    ///
    /// References: <https://12factor.net/build-release-run>
    NoDeployConfig {
        id: "DEP001",
        name: "no-deploy-config",
        category: Deploy,
        severity: Medium,
        level: 2,
        effort: Small,
        confidence: Low,
        needs: ["deploy.platforms", "stack.services"],
        fix: "Commit the deployment platform's configuration (vercel.json, render.yaml, fly.toml, Dockerfile, …).",
        done: "The deployment is configured in the repository",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service found");
        }
        if inv.len("deploy.platforms") > 0 {
            return pass();
        }
        fail(
            format!("{} service(s) found, but no deployment configuration: no platform file, container definition, manifest or deploy step", inv.len("stack.services")),
            inv.get("stack.services").evidence.clone(),
        )
    }
}
