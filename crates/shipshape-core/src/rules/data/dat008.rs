use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A relational database is used without versioned schema migrations.
    ///
    /// ## What it checks
    /// Where the app uses a relational database (Postgres, MySQL, SQLite, SQL Server, CockroachDB), that a migration set
    /// exists: Prisma, Supabase, Drizzle, Alembic, Django, Rails, Flyway, Knex, raw SQL
    /// migrations, …
    ///
    /// ## Why it matters
    /// Without migrations the schema is whatever someone last typed in production: environments
    /// drift, and a new environment cannot be built from the repository.
    ///
    /// ## How to fix
    /// ```sh
    /// npx prisma migrate dev --name init   # then, on deploy: npx prisma migrate deploy
    /// ```
    ///
    /// References: <https://martinfowler.com/articles/evodb.html>
    NoSchemaMigrations {
        id: "DAT008",
        name: "no-schema-migrations",
        category: Data,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["db.engines"],
        reads: ["db.migrations"],
        fix: "Manage the schema with versioned migrations (Prisma Migrate, Alembic, Django, Flyway…).",
        done: "The schema changes through versioned migrations",
    }
    fn check(inv) {
        if !inv.list("db.engines").iter().any(|e| matches!(*e, "postgres" | "mysql" | "sqlite" | "sqlserver" | "cockroachdb")) {
            return not_applicable("no relational database");
        }
        if !inv.is_null("db.migrations") {
            return pass();
        }
        fail("a relational database is used, but no migrations are versioned", inv.get("db.engines").evidence.iter().take(2).cloned().collect())
    }
}
