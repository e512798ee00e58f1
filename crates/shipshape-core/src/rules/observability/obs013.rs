use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A health endpoint answers without Cache-Control: no-store.
    ///
    /// ## What it checks
    /// Every health endpoint that answers 2xx: its `Cache-Control` must contain `no-store`,
    /// `no-cache`, `private` or `max-age=0`. Not applicable when none answers.
    ///
    /// ## Why it matters
    /// A CDN or proxy that caches a healthy answer keeps reporting "up" while the origin is down;
    /// monitors then stay green through the outage.
    ///
    /// ## How to fix
    /// ```ts
    /// return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cache-Control>
    HealthEndpointCacheable {
        id: "OBS013",
        name: "health-endpoint-cacheable",
        category: Observability,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["live.health"],
        fix: "Answer health checks with Cache-Control: no-store.",
        done: "Health endpoints answer with Cache-Control: no-store",
    }
    fn check(inv) {
        let ok: Vec<&serde_json::Value> =
            inv.get("live.health").value.as_array().into_iter().flatten().filter(|h| h["status"].as_u64().is_some_and(|s| (200..300).contains(&s))).collect();
        if ok.is_empty() {
            return not_applicable("no health endpoint answers 2xx");
        }
        let uncached = |h: &&serde_json::Value| {
            let c = h["cache_control"].as_str().unwrap_or("").to_ascii_lowercase();
            ["no-store", "no-cache", "private", "max-age=0"].iter().any(|d| c.contains(d))
        };
        let cacheable: Vec<&str> = ok.iter().filter(|h| !uncached(h)).filter_map(|h| h["path"].as_str()).collect();
        if cacheable.is_empty() {
            return pass();
        }
        fail(format!("health answers a cache may keep: {}", cacheable.join(", ")), inv.get("live.health").evidence.clone())
    }
}
