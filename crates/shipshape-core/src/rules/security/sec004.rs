use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// HTTPS is not enforced with Strict-Transport-Security.
    ///
    /// ## What it checks
    /// Where the app sets security headers itself, that `Strict-Transport-Security` is among them.
    /// Platforms that add HSTS themselves (Vercel, Netlify, Cloudflare, Firebase) are exempt.
    ///
    /// ## Why it matters
    /// Without HSTS, the first request of a visit can go over plain HTTP and be intercepted or
    /// redirected (SSL stripping) before the redirect to HTTPS happens.
    ///
    /// ## How to fix
    /// ```nginx
    /// add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    /// ```
    ///
    /// References: <https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security>
    NoHsts {
        id: "SEC004",
        name: "no-hsts",
        category: Security,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["security.headers", "deploy.platforms"],
        fix: "Send Strict-Transport-Security (max-age of a year, includeSubDomains).",
        done: "HTTPS is enforced with Strict-Transport-Security",
    }
    fn check(inv) {
        let headers = inv.list("security.headers");
        if headers.is_empty() {
            return not_applicable("no security headers at all (see SEC001)");
        }
        if inv.list("deploy.platforms").iter().any(|p| matches!(*p, "vercel" | "netlify" | "cloudflare-workers" | "firebase")) {
            return not_applicable("the platform adds HSTS itself");
        }
        if headers.contains(&"strict-transport-security") {
            return pass();
        }
        fail("security headers are set, but not Strict-Transport-Security", inv.get("security.headers").evidence.iter().take(3).cloned().collect())
    }
}
