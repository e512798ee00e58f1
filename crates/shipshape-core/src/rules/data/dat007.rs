use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Redis used as a cache has no eviction policy.
    ///
    /// ## What it checks
    /// Where Redis is configured in the repository and used as a cache, that a
    /// `maxmemory-policy` is set.
    ///
    /// ## Why it matters
    /// Without one, Redis grows until the host runs out of memory (and is killed) or, with
    /// `noeviction`, starts rejecting writes.
    ///
    /// ## How to fix
    /// ```text
    /// maxmemory 512mb
    /// maxmemory-policy allkeys-lru
    /// ```
    ///
    /// References: <https://redis.io/docs/latest/develop/reference/eviction/>
    RedisNoEvictionPolicy {
        id: "DAT007",
        name: "redis-no-eviction-policy",
        category: Data,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: Medium,
        needs: ["redis.config", "cache.layers"],
        fix: "Set maxmemory and a maxmemory-policy (allkeys-lru for caches) on Redis.",
        done: "Redis used as a cache has an eviction policy",
    }
    fn check(inv) {
        if !inv.list("cache.layers").contains(&"redis") {
            return not_applicable("Redis is not used as a cache");
        }
        if inv.get("redis.config").value["maxmemory_policy"].is_string() {
            return pass();
        }
        fail("Redis is used as a cache without a maxmemory-policy", inv.get("redis.config").evidence.clone())
    }
}
