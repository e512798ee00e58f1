use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A shared cache has no retry, circuit breaker or fallback.
    ///
    /// ## What it checks
    /// Where a shared cache (Redis, Upstash, Memcached) is used, that some resilience is
    /// configured: a retry strategy on the client, a circuit breaker (opossum, cockatiel,
    /// pybreaker) or a retry library.
    ///
    /// ## Why it matters
    /// A cache is an optimisation. Without resilience, its outage becomes the app's outage: every
    /// request waits for a dead connection and then fails.
    ///
    /// ## How to fix
    /// ```ts
    /// const redis = new Redis(url, { maxRetriesPerRequest: 2, retryStrategy: (n) => Math.min(n * 100, 2000) });
    /// ```
    ///
    /// References: <https://learn.microsoft.com/azure/architecture/patterns/circuit-breaker>
    CacheWithoutResilience {
        id: "DAT009",
        name: "cache-without-resilience",
        category: Data,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Low,
        needs: ["cache.layers", "cache.resilience"],
        fix: "Make cache failures non-fatal: retries with backoff, a circuit breaker, a fallback to the source.",
        done: "The shared cache has a retry, circuit breaker or fallback",
    }
    fn check(inv) {
        if !inv.list("cache.layers").iter().any(|l| matches!(*l, "redis" | "upstash" | "memcached" | "valkey")) {
            return not_applicable("no shared cache");
        }
        if inv.len("cache.resilience") > 0 {
            return pass();
        }
        fail("the shared cache has no retry, circuit breaker or fallback: its outage is the app's outage", inv.get("cache.layers").evidence.clone())
    }
}
