use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The TLS configuration allows obsolete protocol versions.
    ///
    /// ## What it checks
    /// Where the repository terminates TLS itself (nginx, Caddy), that `ssl_protocols` does not
    /// allow SSLv3, TLS 1.0 or TLS 1.1.
    ///
    /// ## Why it matters
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS and most security reviews;
    /// allowing them enables downgrade attacks.
    ///
    /// ## How to fix
    /// ```nginx
    /// ssl_protocols TLSv1.2 TLSv1.3;
    /// ```
    ///
    /// References: <https://www.rfc-editor.org/rfc/rfc8996>, <https://ssl-config.mozilla.org/>
    WeakTls {
        id: "SEC010",
        name: "weak-tls",
        category: Security,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["security.tls_config"],
        fix: "Allow only TLS 1.2 and 1.3 (`ssl_protocols TLSv1.2 TLSv1.3;`).",
        done: "TLS allows only current protocol versions",
    }
    fn check(inv) {
        if inv.is_true("security.tls_config") {
            return pass();
        }
        let fact = inv.get("security.tls_config");
        let why: Vec<&str> = fact.discarded.iter().map(|d| d.reason.as_str()).collect();
        fail(why.join("; "), fact.discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
