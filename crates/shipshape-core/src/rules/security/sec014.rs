use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The HTTPS page is served without Strict-Transport-Security.
    ///
    /// ## What it checks
    /// That the page, fetched over HTTPS, carries `Strict-Transport-Security`. Not applicable to a
    /// plain-HTTP URL (browsers ignore HSTS there).
    ///
    /// ## Why it matters
    /// Without HSTS, the first request of every visit can be downgraded to plain HTTP by anyone on
    /// the network path, and cookies without `Secure` travel in clear.
    ///
    /// ## How to fix
    /// ```nginx
    /// add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security>
    HstsNotServed {
        id: "SEC014",
        name: "hsts-not-served",
        category: Security,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["live.hsts", "live.url"],
        fix: "Serve Strict-Transport-Security: max-age=63072000; includeSubDomains on every HTTPS response.",
        done: "The HTTPS page sends Strict-Transport-Security",
    }
    fn check(inv) {
        if inv.get("live.hsts").value != serde_json::Value::Bool(false) {
            return pass();
        }
        fail("the HTTPS page is served without Strict-Transport-Security", inv.get("live.url").evidence.clone())
    }
}
