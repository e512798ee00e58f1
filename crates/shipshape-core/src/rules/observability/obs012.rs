use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// A health endpoint answers with a server error.
    ///
    /// ## What it checks
    /// That no candidate health endpoint answers 5xx.
    ///
    /// ## Why it matters
    /// A failing health check means the platform is, or soon will be, taking instances out of
    /// rotation, or that a dependency (database, cache) is down while the page still renders.
    ///
    /// ## How to fix
    /// ```sh
    /// curl -s https://app.example.com/api/health   # read what it reports
    /// ```
    ///
    /// References: <https://learn.microsoft.com/en-us/azure/architecture/patterns/health-endpoint-monitoring>
    HealthEndpointFailing {
        id: "OBS012",
        name: "health-endpoint-failing",
        category: Observability,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["live.health"],
        fix: "Find out why the health check fails (its body usually says) and fix the dependency it reports.",
        done: "Health endpoints answer without a server error",
    }
    fn check(inv) {
        let failing: Vec<String> = inv
            .get("live.health")
            .value
            .as_array()
            .into_iter()
            .flatten()
            .filter(|h| h["status"].as_u64().is_some_and(|s| s >= 500))
            .map(|h| format!("{} answered {}", h["path"].as_str().unwrap_or("?"), h["status"]))
            .collect();
        if failing.is_empty() {
            return pass();
        }
        fail(failing.join("; "), inv.get("live.health").evidence.clone())
    }
}
