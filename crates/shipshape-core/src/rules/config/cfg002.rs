use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Environment variables read by the code are documented nowhere.
    ///
    /// ## What it checks
    /// Each variable read by application source appears in an example env file (commented lines
    /// count), the README or `docs/`, or deploy configuration (vercel.json, render.yaml, compose,
    /// Kubernetes, fly.toml, CI `env:`). Platform-provided names (`NODE_ENV`, `PORT`, `VERCEL_*`,
    /// …) are exempt.
    ///
    /// ## Why it matters
    /// An undocumented variable is a production outage waiting for the next environment: the
    /// deploy succeeds, then the first request that needs it fails.
    ///
    /// ## How to fix
    /// ```sh
    /// # .env.example
    /// # Required in production: signs session cookies
    /// SESSION_SECRET=
    /// ```
    ///
    /// References: <https://12factor.net/config>
    UndocumentedEnvVars {
        id: "CFG002",
        name: "undocumented-env-vars",
        category: Config,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["env.vars_referenced", "env.vars_undocumented"],
        fix: "Add every variable the code reads to the example env file (or the deploy config).",
        done: "Every environment variable the code reads is documented",
    }
    fn check(inv) {
        if inv.len("env.vars_referenced") == 0 {
            return not_applicable("no environment variable is read");
        }
        let names = inv.list("env.vars_undocumented");
        if names.is_empty() {
            return pass();
        }
        fail(format!("{} variable(s) read by the code are documented nowhere: {}", names.len(), crate::rules::short_list(&names)), inv.get("env.vars_undocumented").evidence.clone())
    }
}
