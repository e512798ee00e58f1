use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// SQLite runs on a platform whose filesystem is ephemeral.
    ///
    /// ## What it checks
    /// SQLite used on Vercel, Netlify, Heroku, Render, Railway, Cloud Run or Cloudflare, whose
    /// filesystems are read-only or reset on every deploy and restart (libSQL/Turso, which
    /// replicates remotely, counts as SQLite here: check its URL).
    ///
    /// ## Why it matters
    /// Every deploy, restart or scale-out starts with an empty or stale database: writes vanish
    /// silently.
    ///
    /// ## How to fix
    /// ```sh
    /// # a managed database instead of a file
    /// DATABASE_URL=postgresql://…
    /// ```
    ///
    /// References: <https://vercel.com/guides/is-sqlite-supported-in-vercel>
    SqliteOnEphemeralPlatform {
        id: "DAT011",
        name: "sqlite-on-ephemeral-platform",
        category: Data,
        severity: High,
        level: 2,
        effort: Medium,
        confidence: Medium,
        needs: ["db.engines", "deploy.platforms"],
        fix: "Move data to a managed database or a persistent volume; ephemeral filesystems lose SQLite files.",
        done: "SQLite is not kept on an ephemeral filesystem",
    }
    fn check(inv) {
        if !inv.list("db.engines").contains(&"sqlite") {
            return not_applicable("no SQLite");
        }
        let ephemeral: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| matches!(*p, "vercel" | "netlify" | "heroku" | "render" | "railway" | "gcloud" | "cloudflare-workers" | "app-engine")).collect();
        if ephemeral.is_empty() {
            return pass();
        }
        fail(format!("SQLite on {}, whose filesystem does not keep data across deploys", ephemeral.join(", ")), inv.get("db.engines").evidence.iter().take(2).cloned().collect())
    }
}
