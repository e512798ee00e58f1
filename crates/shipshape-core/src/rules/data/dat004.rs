use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Database connections are not pooled.
    ///
    /// ## What it checks
    /// Where a SQL driver or ORM connects to Postgres or MySQL from serverless functions (Vercel,
    /// Netlify, Cloudflare, Serverless Framework), that an external pooler is configured (on
    /// long-running servers ORMs and drivers keep their own pool): a pooler URL (`:6543`,
    /// `pgbouncer=true`, `connection_limit`), a pgbouncer service, `new Pool({ max })`,
    /// SQLAlchemy `pool_size`/`max_overflow`, a driver pool size, or a serverless driver of a
    /// platform that pools on its side (`@planetscale/database`, `@neondatabase/serverless`,
    /// their Prisma adapters, Prisma Accelerate, `@vercel/postgres`).
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
    ///
    /// References: <https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections>
    NoConnectionPooling {
        id: "DAT004",
        name: "no-connection-pooling",
        category: Data,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["db.engines", "db.pooling", "db.sql_clients", "db.sql_clients_serverless", "deploy.platforms"],
        fix: "Pool database connections (pgbouncer/Supavisor URL, Pool with a max, pool_size).",
        done: "Database connections are pooled",
    }
    fn check(inv) {
                        if !inv.list("db.engines").iter().any(|e| matches!(*e, "postgres" | "mysql")) || inv.len("db.sql_clients") == 0 {
            return not_applicable("no direct Postgres or MySQL connections (HTTP clients such as supabase-js pool on the server side)");
        }
        let serverless: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| crate::facts::deploy::SERVERLESS_PLATFORMS.contains(p)).collect();
        if serverless.is_empty() {
            return not_applicable("long-running servers: ORMs and drivers keep their own connection pool");
        }
        if inv.len("db.sql_clients_serverless") == 0 {
            return not_applicable("no SQL client is in a package under the serverless platform's configuration: long-running servers keep their own pool");
        }
        if inv.is_true("db.pooling") {
            return pass();
        }
                fail(format!("{} open Postgres/MySQL connections from {} functions without an external pooler", inv.list("db.sql_clients_serverless").join(", "), serverless.join(", ")), inv.get("db.sql_clients_serverless").evidence.clone())
    }
}
