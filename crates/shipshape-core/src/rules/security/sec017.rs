use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The Content-Security-Policy the deployment serves allows inline script, eval or any source.
    ///
    /// ## What it checks
    /// The served `Content-Security-Policy` against the weaknesses of `security.csp_unsafe`:
    /// `unsafe-inline` in `script-src` (without a nonce, hash or `strict-dynamic`), `unsafe-eval`,
    /// and wildcard sources. Not applicable when no CSP is served (SEC012 and SEC013 cover that).
    ///
    /// ## Why it matters
    /// A CSP that allows inline script or any origin stops almost nothing an attacker injects; it
    /// looks like protection in a checklist and is none.
    ///
    /// ## How to fix
    /// ```text
    /// Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-{random}' 'strict-dynamic'; object-src 'none'; base-uri 'none'
    /// ```
    ///
    /// References: <https://csp.withgoogle.com/docs/strict-csp.html>
    ServedCspWeak {
        id: "SEC017",
        name: "served-csp-weak",
        category: Security,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["live.csp_unsafe", "live.headers"],
        fix: "Remove 'unsafe-inline' and 'unsafe-eval' from the served CSP (use nonces or hashes) and replace wildcard sources with hosts.",
        done: "The served Content-Security-Policy allows no inline script, eval or any source",
    }
    fn check(inv) {
        if !inv.list("live.headers").contains(&"content-security-policy") {
            return not_applicable("no Content-Security-Policy is served");
        }
        let weak: Vec<&str> = inv.list("live.csp_unsafe").into_iter().filter(|w| *w != "no-default-src").collect();
        if weak.is_empty() {
            return pass();
        }
        fail(format!("the served CSP allows {}", weak.join(", ")), inv.get("live.csp_unsafe").evidence.clone())
    }
}
