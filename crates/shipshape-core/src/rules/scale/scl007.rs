use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// An in-memory cache is used by an app that runs on several instances.
    ///
    /// ## What it checks
    /// Where an in-memory cache (lru-cache, node-cache, cachetools) is used and the app scales
    /// out (autoscaling or serverless functions), and no shared cache (Redis, Upstash, Memcached)
    /// is used beside it: one is, the in-memory cache is taken for a short-lived layer in front
    /// of it, and the rule does not apply.
    ///
    /// ## Why it matters
    /// Each instance keeps its own copy: hit rates fall with every instance, invalidation reaches
    /// one instance only, and users see different data depending on which one answers.
    ///
    /// ## How to fix
    /// ```ts
    /// import { Redis } from "@upstash/redis";
    /// const cache = Redis.fromEnv();
    /// ```
    ///
    /// References: <https://redis.io/docs/latest/develop/use/client-side-caching/>
    InMemoryCacheAcrossInstances {
        id: "SCL007",
        name: "in-memory-cache-across-instances",
        category: Scale,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["cache.layers", "deploy.autoscaling"],
        fix: "Move shared cache state to Redis/Upstash when the app runs on more than one instance.",
        done: "No in-memory cache is shared by several instances",
    }
    fn check(inv) {
        if !inv.list("cache.layers").contains(&"in-memory") {
            return not_applicable("no in-memory cache");
        }
        if !inv.is_true("deploy.autoscaling") {
            return pass();
        }
        let shared: Vec<&str> = inv.list("cache.layers").into_iter().filter(|l| *l != "in-memory").collect();
        if !shared.is_empty() {
            return not_applicable(format!(
                "a shared cache ({}) is used too: the in-memory cache is taken for a per-instance layer in front of it",
                shared.join(", ")
            ));
        }
        fail("an in-memory cache is used by an app that scales out: each instance has its own", inv.get("cache.layers").evidence.clone())
    }
}
