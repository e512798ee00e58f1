use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// There is no security policy telling people how to report vulnerabilities.
    ///
    /// ## What it checks
    /// For repositories with a deployable service, that `SECURITY.md` exists at the root, in
    /// `.github/` or in `docs/`.
    ///
    /// ## Why it matters
    /// Researchers who find a hole need a private channel; without one they open a public issue,
    /// or give up.
    ///
    /// ## How to fix
    /// ```markdown
    /// # Security policy
    /// Report vulnerabilities to security@example.com. We answer within 2 business days.
    /// ```
    ///
    /// References: <https://docs.github.com/code-security/getting-started/adding-a-security-policy-to-your-repository>
    NoSecurityPolicy {
        id: "SEC008",
        name: "no-security-policy",
        category: Security,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["stack.services", "security.policy_file"],
        fix: "Add a SECURITY.md saying how to report vulnerabilities.",
        done: "A security policy says how to report vulnerabilities",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.is_true("security.policy_file") {
            return pass();
        }
        fail("no SECURITY.md: no private channel to report vulnerabilities", Vec::new())
    }
}
