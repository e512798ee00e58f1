use crate::declare_rule;
use crate::rules::{fail, failures, not_applicable, pass};

/// Platforms that run images with health checks of their own and ignore Docker's HEALTHCHECK.
const OWN_HEALTH_CHECKS: &[&str] = &["fly", "render", "railway", "kubernetes", "helm", "app-engine", "heroku"];

declare_rule! {
    /// A container has no health check.
    ///
    /// ## What it checks
    /// Every Dockerfile declares a `HEALTHCHECK` in its final stage (or inherits one), or the
    /// compose service that builds it declares `healthcheck:`. Where images run on a platform
    /// that ignores Docker health checks and uses its own (Fly.io, Render, Railway, Kubernetes,
    /// App Engine, Heroku) and no compose file runs them, the rule does not apply: DEP011 checks
    /// the platform's health check instead.
    ///
    /// ## Why it matters
    /// Without a health check the runtime only knows whether the process exists, not whether it
    /// serves. A hung server keeps receiving traffic, `depends_on: condition: service_healthy`
    /// cannot work, and Swarm cannot replace the task.
    ///
    /// ## How to fix
    /// Probe a cheap endpoint from inside the container:
    ///
    /// ```dockerfile
    /// HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
    ///   CMD wget -qO- http://localhost:3000/health || exit 1
    /// ```
    ///
    /// or in compose:
    ///
    /// ```yaml
    /// healthcheck:
    ///   test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
    ///   interval: 30s
    /// ```
    ///
    /// References: <https://docs.docker.com/reference/dockerfile/#healthcheck>
    ContainerWithoutHealthcheck {
        id: "DEP005",
        name: "container-without-healthcheck",
        category: Deploy,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.docker_healthcheck", "deploy.compose_files", "deploy.platforms"],
        fix: "Add a HEALTHCHECK to the Dockerfile or a healthcheck to its compose service.",
        done: "Containers have health checks",
    }
    fn check(inv) {
        let platforms = inv.list("deploy.platforms");
        let elsewhere: Vec<&str> = platforms.iter().copied().filter(|p| OWN_HEALTH_CHECKS.contains(p)).collect();
        if inv.len("deploy.compose_files") == 0 && !elsewhere.is_empty() {
            return not_applicable(format!("images run on {}, which ignores Docker health checks", elsewhere.join(", ")));
        }
        if inv.is_true("deploy.docker_healthcheck") {
            return pass();
        }
        let missing: Vec<_> = failures(inv, "deploy.docker_healthcheck").into_iter().map(|d| d.evidence).collect();
        let total = missing.len() + inv.get("deploy.docker_healthcheck").evidence.len();
        fail(format!("{} of {total} production Dockerfile(s) have no health check, neither in the image nor on a compose service that builds it", missing.len()), missing)
    }
}
