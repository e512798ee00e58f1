use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Health endpoints return a constant without checking dependencies.
    ///
    /// ## What it checks
    /// Where health endpoints exist, that at least one checks a dependency: a database query or
    /// ping, a Redis ping, an upstream fetch.
    ///
    /// ## Why it matters
    /// A constant `200 OK` says the process is up, not that it can serve: with the database
    /// down, every request fails while the health check stays green and no traffic is moved.
    ///
    /// ## How to fix
    /// ```py
    /// @app.get("/health/ready")
    /// async def ready():
    ///     await database.execute("SELECT 1")
    ///     return {"status": "ok"}
    /// ```
    ///
    /// References: <https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/>
    ShallowHealthCheck {
        id: "OBS006",
        name: "shallow-health-check",
        category: Observability,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: Medium,
        needs: ["health.endpoints", "health.checks_dependencies"],
        fix: "Let one health endpoint (readiness) check the database and other dependencies.",
        done: "Health endpoints check their dependencies",
    }
    fn check(inv) {
        if inv.len("health.endpoints") == 0 {
            return not_applicable("no health endpoint");
        }
        if inv.is_true("health.checks_dependencies") {
            return pass();
        }
        fail(format!("{} answer without checking any dependency", inv.list("health.endpoints").join(", ")), inv.get("health.endpoints").evidence.clone())
    }
}
