use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

/// Platforms that can route traffic by a health check configured in the repository.
const HEALTH_AWARE: &[&str] = &["render", "fly", "kubernetes", "helm", "docker", "docker-compose", "docker-swarm", "railway", "app-engine"];

declare_rule! {
    /// The platform is not told how to check the application's health.
    ///
    /// ## What it checks
    /// On platforms that route traffic by health (Render, Fly.io, Kubernetes, Docker, compose,
    /// Railway, App Engine), that a health check is wired: Render `healthCheckPath`, Fly.io
    /// `[[http_service.checks]]`, Kubernetes `httpGet` probes, Docker `HEALTHCHECK`, a compose
    /// `healthcheck` that calls an HTTP endpoint, Railway `healthcheckPath`.
    ///
    /// ## Why it matters
    /// A health endpoint nobody calls protects nothing. Wired to the platform, it lets a
    /// deploy wait until the new version answers, stops traffic to a broken instance, and
    /// turns a bad release into a failed deploy instead of an outage.
    ///
    /// ## How to fix
    /// ```yaml
    /// # render.yaml
    /// services:
    ///   - type: web
    ///     name: api
    ///     healthCheckPath: /health
    /// ```
    ///
    /// References: <https://render.com/docs/deploys#health-checks>
    HealthCheckNotWired {
        id: "DEP011",
        name: "health-check-not-wired",
        category: Deploy,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["deploy.platforms", "health.platform_wired"],
        fix: "Point the platform's health check (healthCheckPath, probes, HEALTHCHECK) at a health endpoint.",
        done: "The platform checks the application's health",
    }
    fn check(inv) {
        let platforms: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| HEALTH_AWARE.contains(p)).collect();
        if platforms.is_empty() {
            return not_applicable("no platform that routes traffic by health checks is configured");
        }
        if inv.is_true("health.platform_wired") {
            return pass();
        }
        fail(
            format!("{} configured, but no health check is wired to it: traffic reaches instances whether or not they serve", platforms.join(", ")),
            inv.get("deploy.platforms").evidence.clone(),
        )
    }
}
