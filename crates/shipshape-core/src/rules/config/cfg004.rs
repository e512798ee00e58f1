use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A real env file is committed to the repository.
    ///
    /// ## What it checks
    /// That no env file other than an example is tracked (`.env`, `.env.local`, `.env.production`,
    /// …). Files ignored by `.gitignore` are not seen, so anything listed here is committed. A file
    /// of placeholders still counts here; real values also raise CFG005.
    ///
    /// ## Why it matters
    /// Env files hold the values that differ per environment, usually credentials. Committed,
    /// they are in every clone and fork forever, and the next real value pasted in leaks.
    ///
    /// ## How to fix
    /// ```sh
    /// git rm --cached .env .env.production
    /// printf '.env\n.env.*\n!.env.example\n' >> .gitignore
    /// ```
    ///
    /// References: <https://docs.github.com/code-security/secret-scanning/introduction/about-secret-scanning>
    CommittedEnvFile {
        id: "CFG004",
        name: "committed-env-file",
        category: Config,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["env.committed_env_files", "env.vars_referenced", "env.example_files"],
        fix: "Remove committed .env files from the repository and ignore them; keep only examples.",
        done: "No real env file is committed",
    }
    fn check(inv) {
        let files = inv.list("env.committed_env_files");
        if files.is_empty() && inv.len("env.vars_referenced") == 0 && inv.len("env.example_files") == 0 {
            return not_applicable("no environment variable is read and no env file exists");
        }
        if files.is_empty() {
            return pass();
        }
        fail(format!("{} env file(s) committed: {}", files.len(), crate::rules::short_list(&files)), inv.get("env.committed_env_files").evidence.clone())
    }
}
