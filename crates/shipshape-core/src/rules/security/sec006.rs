use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Rate limits are kept in process memory.
    ///
    /// ## What it checks
    /// The store of each rate limiter: express-rate-limit without a `store`, `RateLimiterMemory`,
    /// slowapi without a `storage_uri`, nginx `limit_req` zones (per server).
    ///
    /// ## Why it matters
    /// In-memory counters are per instance and reset on every deploy: with N instances or
    /// serverless functions, the effective limit is N times higher, or none at all.
    ///
    /// ## How to fix
    /// ```ts
    /// import { RedisStore } from "rate-limit-redis";
    /// app.use(rateLimit({ windowMs: 60_000, limit: 100, store: new RedisStore({ sendCommand: (...a) => redis.sendCommand(a) }) }));
    /// ```
    ///
    /// References: <https://express-rate-limit.mintlify.app/reference/stores>
    InMemoryRateLimit {
        id: "SEC006",
        name: "in-memory-rate-limit",
        category: Security,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["security.rate_limiting"],
        fix: "Back the rate limiter with a shared store (Redis) so limits hold across instances.",
        done: "Rate limits are kept in a shared store",
    }
    fn check(inv) {
        let all = inv.get("security.rate_limiting").value.as_array().cloned().unwrap_or_default();
        if all.is_empty() {
            return not_applicable("no rate limiter");
        }
        let memory: Vec<String> = all.iter().filter(|l| l["store"] == "memory").filter_map(|l| l["library"].as_str().map(str::to_string)).collect();
        if memory.is_empty() {
            return pass();
        }
        fail(format!("rate limiting uses an in-memory store ({}): limits are per instance", memory.join(", ")), inv.get("security.rate_limiting").evidence.clone())
    }
}
