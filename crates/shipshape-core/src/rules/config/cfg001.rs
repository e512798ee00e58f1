use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The app reads environment variables but no example env file lists them.
    ///
    /// ## What it checks
    /// When application source reads environment variables, that an example env file is committed
    /// (`.env.example`, `.env.sample`, `.env.template`, `env.example`, `.env.*.example`).
    ///
    /// ## Why it matters
    /// A newcomer, a CI job or a new environment has to discover the required variables by
    /// crashing, one at a time. The example file is the contract between code and deployment.
    ///
    /// ## How to fix
    /// ```sh
    /// # .env.example
    /// DATABASE_URL=postgresql://user:password@localhost:5432/app
    /// STRIPE_SECRET_KEY=
    /// ```
    ///
    /// References: <https://12factor.net/config>
    NoEnvExample {
        id: "CFG001",
        name: "no-env-example",
        category: Config,
        severity: Medium,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["env.vars_to_set", "env.example_files"],
        fix: "Commit a .env.example listing every variable the app reads (no values).",
        done: "An example env file lists the variables the app reads",
    }
    fn check(inv) {
        let referenced = inv.len("env.vars_to_set");
        if referenced == 0 {
            return not_applicable("no environment variable is read that the platform does not set");
        }
        if inv.len("env.example_files") > 0 {
            return pass();
        }
        fail(format!("{referenced} environment variable(s) are read, but no example env file lists them"), inv.get("env.vars_to_set").evidence.iter().take(3).cloned().collect())
    }
}
