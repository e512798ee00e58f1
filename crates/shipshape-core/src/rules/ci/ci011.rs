use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Database migrations exist but no pipeline applies them.
    ///
    /// ## What it checks
    /// When the repository has a migration set (Prisma, Supabase, Drizzle, Alembic, Django,
    /// Rails, Flyway, raw SQL, …), that migrations are applied or validated by CI or by the
    /// deploy configuration: `prisma migrate deploy`, `supabase db push`, `alembic upgrade`,
    /// `manage.py migrate`, `rails db:migrate`, a Procfile `release:` phase, Render
    /// `preDeployCommand`, Fly.io `release_command`, a container start command, or a build
    /// script that migrates.
    ///
    /// ## Why it matters
    /// Migrations applied by hand drift: production ends up with a schema nobody can
    /// reproduce, and a deploy whose code expects a column that is not there yet fails at
    /// runtime.
    ///
    /// ## How to fix
    /// ```toml
    /// # fly.toml
    /// [deploy]
    /// release_command = "npx prisma migrate deploy"
    /// ```
    ///
    /// References: <https://www.prisma.io/docs/orm/prisma-client/deployment/deploy-database-changes-with-prisma-migrate>
    MigrationsNotInPipeline {
        id: "CI011",
        name: "migrations-not-in-pipeline",
        category: Ci,
        severity: High,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["db.migrations", "ci.migrations"],
        fix: "Apply migrations from the pipeline or the platform's release phase (prisma migrate deploy, alembic upgrade).",
        done: "A pipeline applies the database migrations",
    }
    fn check(inv) {
        if inv.is_true("ci.migrations") {
            return pass();
        }
        let m = &inv.get("db.migrations").value;
        let tool = m.get("tool").and_then(|t| t.as_str()).unwrap_or("?");
        let count = m.get("count").and_then(|c| c.as_u64()).unwrap_or(0);
        let dir = m.get("dirs").and_then(|d| d.get(0)).and_then(|d| d.as_str()).unwrap_or("?");
        fail(
            format!("{count} {tool} migration(s) in {dir}, but no CI step or deploy hook applies them"),
            inv.get("db.migrations").evidence.clone(),
        )
    }
}
