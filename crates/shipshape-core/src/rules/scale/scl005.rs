use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A database-backed server has no caching layer.
    ///
    /// ## What it checks
    /// For server-side frameworks with a database, that some server-side cache is used: Redis,
    /// Upstash, Memcached, an in-memory cache with expiry, or `Cache-Control` with `s-maxage` /
    /// `stale-while-revalidate` set by the app. Framework data caches that need no code cannot
    /// be seen (low confidence).
    ///
    /// ## Why it matters
    /// Every request then reaches the database; read-heavy traffic scales the database instead
    /// of the cache, at a much higher price.
    ///
    /// ## How to fix
    /// ```ts
    /// export async function GET() {
    ///   return Response.json(await products(), { headers: { "Cache-Control": "s-maxage=60, stale-while-revalidate=300" } });
    /// }
    /// ```
    ///
    /// References: <https://developer.mozilla.org/docs/Web/HTTP/Caching>
    NoCachingLayer {
        id: "SCL005",
        name: "no-caching-layer",
        category: Scale,
        severity: Medium,
        level: 4,
        effort: Medium,
        confidence: Low,
        needs: ["stack.frameworks", "db.engines", "cache.layers", "stack.code_analyzed"],
        fix: "Cache hot reads server-side (Redis/Upstash, or HTTP caching with s-maxage at the edge).",
        done: "The database-backed server has a caching layer",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        let persistent = ["postgres", "mysql", "mongodb", "sqlite", "cockroachdb", "clickhouse", "dynamodb", "firestore"];
        if !crate::rules::has_server(inv) || !inv.list("db.engines").iter().any(|e| persistent.contains(e)) {
            return not_applicable("no database-backed server");
        }
        if inv.len("cache.layers") > 0 {
            return pass();
        }
        fail("every read goes to the database: no server-side cache", inv.get("db.engines").evidence.iter().take(2).cloned().collect())
    }
}
