use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A likely real secret is committed.
    ///
    /// ## What it checks
    /// Tracked files (docs included, test fixtures excluded) for secrets: cloud access keys,
    /// private keys, GitHub/Slack/Stripe live tokens, JWTs (Supabase anon keys are public and
    /// exempt; service-role keys are not), passwords in connection URLs to non-local hosts, and
    /// random-looking values assigned to secret-named keys. Placeholders (`changeme`,
    /// `your-…-here`, `<…>`, `${VAR}`) are ignored. The value is never printed.
    ///
    /// ## Why it matters
    /// A committed secret is compromised: it is in every clone, fork and CI log, and bots scan
    /// public repositories for keys within minutes. Deleting the line does not remove it from
    /// history.
    ///
    /// ## How to fix
    /// ```sh
    /// # 1. rotate the credential at the provider  2. remove it from the code
    /// # 3. read it from the environment instead:
    /// const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
    /// ```
    ///
    /// References: <https://owasp.org/Top10/A02_2021-Cryptographic_Failures/>, <https://docs.github.com/code-security/secret-scanning>
    HardcodedSecret {
        id: "CFG005",
        name: "hardcoded-secret",
        category: Config,
        severity: Critical,
        level: 2,
        effort: Small,
        confidence: Medium,
        needs: ["secrets.hardcoded", "stack.services"],
        fix: "Remove the secret, rotate it now, and load it from the environment or a secret manager.",
        done: "No likely real secret is committed",
    }
    fn check(inv) {
        let secrets = inv.get("secrets.hardcoded").value.as_array().cloned().unwrap_or_default();
                if secrets.is_empty() && inv.len("stack.services") == 0 {
            return not_applicable("no deployable service, and no secret found");
        }
        if secrets.is_empty() {
            return pass();
        }
        let mut kinds: Vec<String> = secrets.iter().filter_map(|s| s["kind"].as_str().map(str::to_string)).collect();
        kinds.sort();
        kinds.dedup();
        fail(format!("{} likely secret(s) committed ({})", secrets.len(), kinds.join(", ")), inv.get("secrets.hardcoded").evidence.clone())
    }
}
