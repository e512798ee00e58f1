use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The Content-Security-Policy allows what it should block.
    ///
    /// ## What it checks
    /// The CSP's directives: `'unsafe-inline'` in `script-src` (or `default-src` without a
    /// `script-src`) and not neutralised by a nonce, hash or `'strict-dynamic'`; `'unsafe-eval'`;
    /// wildcard sources (`*`, bare `https:`) in fetch directives or `frame-ancestors *`; no
    /// `default-src`.
    ///
    /// ## Why it matters
    /// A policy with `'unsafe-inline'` lets an injected `<script>` run: it looks like protection
    /// and is none.
    ///
    /// ## How to fix
    /// ```text
    /// Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'
    /// ```
    ///
    /// References: <https://csp.withgoogle.com/docs/strict-csp.html>
    WeakContentSecurityPolicy {
        id: "SEC003",
        name: "weak-content-security-policy",
        category: Security,
        severity: Medium,
        level: 4,
        effort: Medium,
        confidence: High,
        needs: ["security.headers", "security.csp_unsafe"],
        fix: "Remove 'unsafe-inline'/'unsafe-eval' and wildcards from the CSP; use nonces or hashes.",
        done: "The Content-Security-Policy blocks inline script, eval and any source",
    }
    fn check(inv) {
        if !inv.list("security.headers").contains(&"content-security-policy") {
            return not_applicable("no Content-Security-Policy");
        }
        let weak = inv.list("security.csp_unsafe");
        if weak.is_empty() {
            return pass();
        }
        fail(format!("the Content-Security-Policy allows {}", weak.join(", ")), inv.get("security.csp_unsafe").evidence.clone())
    }
}
