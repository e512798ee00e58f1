use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

/// Platforms that deploy on push through their own Git integration.
const GIT_INTEGRATED: &[&str] =
    &["vercel", "netlify", "render", "railway", "aws-amplify", "heroku", "azure-static-web-apps", "cloudflare-workers"];

declare_rule! {
    /// Deploys are not automated: nothing in CI deploys to the configured platform.
    ///
    /// ## What it checks
    /// When the repository configures a deployment platform that does not deploy by itself
    /// on push (Kubernetes, Helm, Fly.io, plain Docker, compose, Firebase, …), that a
    /// reachable CI job deploys. Platforms with their own Git integration (Vercel, Netlify,
    /// Render, Railway, Amplify, Heroku, Cloudflare) are exempt.
    ///
    /// ## Why it matters
    /// Manual deploys depend on one person's laptop, credentials and memory: they are slow,
    /// unrepeatable, unaudited, and make rollback a second manual operation.
    ///
    /// ## How to fix
    /// ```yaml
    /// deploy:
    ///   needs: test
    ///   if: github.ref == 'refs/heads/main'
    ///   environment: production
    ///   runs-on: ubuntu-latest
    ///   steps:
    ///     - uses: actions/checkout@v4
    ///     - uses: superfly/flyctl-actions/setup-flyctl@master
    ///     - run: flyctl deploy --remote-only
    ///       env: { FLY_API_TOKEN: "${{ secrets.FLY_API_TOKEN }}" }
    /// ```
    ///
    /// References: <https://fly.io/docs/launch/continuous-deployment-with-github-actions/>
    NoDeployAutomation {
        id: "CI007",
        name: "no-deploy-automation",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: Low,
        needs: ["ci.deploys", "deploy.platforms"],
        fix: "Deploy from CI on merge to the main branch, not from a laptop.",
        done: "CI deploys to the configured platform",
    }
    fn check(inv) {
        let platforms = inv.list("deploy.platforms");
        if platforms.is_empty() {
            return not_applicable("no deployment platform configured");
        }
        if platforms.iter().any(|p| GIT_INTEGRATED.contains(p)) {
            return not_applicable("the platform deploys on push through its Git integration");
        }
        if inv.is_true("ci.deploys") {
            return pass();
        }
        let mut evidence = inv.get("deploy.platforms").evidence.clone();
        evidence.extend(inv.get("ci.deploys").discarded.iter().map(|d| d.evidence.clone()));
        let publishing = inv.get("ci.deploys").discarded.iter().any(|d| d.reason.contains("publishing"));
        let detail = if publishing { ": CI publishes an image, but nothing rolls it out" } else { "" };
        fail(format!("{} configured, but no CI job deploys{detail}", platforms.join(", ")), evidence)
    }
}
