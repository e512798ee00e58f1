use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Security headers configured in the repository are not served.
    ///
    /// ## What it checks
    /// Each header of `security.headers` (found in `next.config.js`, `vercel.json`, middleware,
    /// helmet, nginx …) against `live.headers`, the headers the page actually served. A header that
    /// is configured but not served fails: the configuration does not reach the response.
    ///
    /// ## Why it matters
    /// A header in a config file protects nobody until it is served. A middleware matcher that
    /// skips the page, a `headers()` source pattern that does not match, a CDN that strips headers
    /// or a deploy that runs an older build all look configured in review and are absent in
    /// production.
    ///
    /// ## How to fix
    /// ```sh
    /// curl -sI https://app.example.com/ | grep -i content-security-policy   # must print the header
    /// ```
    ///
    /// References: <https://nextjs.org/docs/app/api-reference/config/next-config-js/headers>
    HeadersConfiguredNotServed {
        id: "SEC013",
        name: "headers-configured-not-served",
        category: Security,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["security.headers", "live.headers", "live.url"],
        fix: "Make the configured headers reach responses: check the route matcher, the middleware matcher, and whether the platform or CDN strips them.",
        done: "The security headers configured are served",
    }
    fn check(inv) {
        let served = inv.list("live.headers");
        let missing: Vec<&str> = inv.list("security.headers").into_iter().filter(|h| !served.contains(h)).collect();
        if missing.is_empty() {
            return pass();
        }
        let mut evidence: Vec<_> = inv.get("security.headers").evidence.iter().take(3).cloned().collect();
        evidence.extend(inv.get("live.url").evidence.iter().cloned());
        fail(format!("configured in the repository but not served: {}", missing.join(", ")), evidence)
    }
}
