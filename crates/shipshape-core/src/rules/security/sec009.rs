use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Tables reachable through Supabase have row level security disabled.
    ///
    /// ## What it checks
    /// For Supabase projects, the tables that exist after replaying the SQL migrations in order
    /// (`CREATE TABLE`, `DROP TABLE`, `RENAME TO`, `ALTER TABLE … ENABLE/DISABLE ROW LEVEL
    /// SECURITY`), in the `public` schema: each must have row level security enabled.
    ///
    /// ## Why it matters
    /// Supabase exposes the `public` schema over its REST API to anyone with the anon key,
    /// which ships in the browser bundle. A table without RLS is world-readable and
    /// world-writable.
    ///
    /// ## How to fix
    /// ```sql
    /// alter table public.profiles enable row level security;
    /// create policy "own profile" on public.profiles for select using (auth.uid() = id);
    /// ```
    ///
    /// References: <https://supabase.com/docs/guides/database/postgres/row-level-security>
    RlsDisabled {
        id: "SEC009",
        name: "rls-disabled",
        category: Security,
        severity: Critical,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["security.rls", "deploy.platforms", "db.migrations"],
        fix: "Enable row level security on every table exposed through Supabase, with policies.",
        done: "Every table reachable through Supabase has row level security",
    }
    fn check(inv) {
        let supabase = inv.list("deploy.platforms").contains(&"supabase") || inv.get("db.migrations").value.get("tool").and_then(|t| t.as_str()) == Some("supabase");
        if !supabase {
            return not_applicable("not a Supabase project");
        }
        let rls = &inv.get("security.rls").value;
        let tables = rls.get("tables").and_then(|t| t.as_u64()).unwrap_or(0);
        let enabled = rls.get("rls_enabled").and_then(|t| t.as_u64()).unwrap_or(0);
        if enabled >= tables {
            return pass();
        }
        let missing: Vec<String> = inv.get("security.rls").discarded.iter().filter_map(|d| d.reason.split('`').nth(1).map(str::to_string)).collect();
        fail(
            format!("{enabled} of {tables} tables have row level security; without it: {}", crate::rules::short_list(&missing)),
            inv.get("security.rls").discarded.iter().map(|d| d.evidence.clone()).collect(),
        )
    }
}
