use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Database connections are not pooled.
    ///
    /// ## What it checks
    /// For Postgres or MySQL, that pooling is configured: a pooler URL (`:6543`,
    /// `pgbouncer=true`, `connection_limit`), a pgbouncer service, `new Pool({ max })`,
    /// SQLAlchemy `pool_size`/`max_overflow`, or a driver pool size.
    ///
    /// ## Why it matters
    /// Each instance (and each serverless invocation) opens its own connections; Postgres allows
    /// a few hundred. Traffic spikes then fail with "too many connections" long before the
    /// database is busy.
    ///
    /// ## How to fix
    /// ```sh
    /// # Supabase / Neon: the pooled connection string
    /// DATABASE_URL=postgresql://user:pass@pooler.example.com:6543/app?pgbouncer=true&connection_limit=1
    /// ```
    NoConnectionPooling {
        id: "DAT004",
        name: "no-connection-pooling",
        category: Data,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["db.engines", "db.pooling", "deploy.platforms"],
        fix: "Pool database connections (pgbouncer/Supavisor URL, Pool with a max, pool_size).",
    }
    fn check(inv) {
        if !inv.list("db.engines").iter().any(|e| matches!(*e, "postgres" | "mysql")) {
            return not_applicable("no Postgres or MySQL");
        }
        if inv.is_true("db.pooling") {
            return pass();
        }
        fail("Postgres/MySQL connections are not pooled", inv.get("db.engines").evidence.iter().take(2).cloned().collect())
    }
}
