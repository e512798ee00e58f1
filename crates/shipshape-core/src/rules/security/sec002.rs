use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Security headers are set, but no Content-Security-Policy.
    ///
    /// ## What it checks
    /// Where the app sets security headers, that one of them is `Content-Security-Policy` (or its
    /// Report-Only variant).
    ///
    /// ## Why it matters
    /// CSP is the one header that limits the damage of an XSS: which scripts may run and where
    /// data may be sent. Without it, one injection runs anything.
    ///
    /// ## How to fix
    /// ```js
    /// { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self' 'nonce-…'; frame-ancestors 'none'" }
    /// ```
    ///
    /// References: <https://developer.mozilla.org/docs/Web/HTTP/CSP>
    NoContentSecurityPolicy {
        id: "SEC002",
        name: "no-content-security-policy",
        category: Security,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["security.headers"],
        fix: "Add a Content-Security-Policy (start with Report-Only, then enforce).",
        done: "A Content-Security-Policy is set",
    }
    fn check(inv) {
        let headers = inv.list("security.headers");
        if headers.is_empty() {
            return not_applicable("no security headers at all (see SEC001)");
        }
        if headers.contains(&"content-security-policy") {
            return pass();
        }
        fail(format!("security headers are set ({}) but no Content-Security-Policy", headers.join(", ")), inv.get("security.headers").evidence.iter().take(3).cloned().collect())
    }
}
