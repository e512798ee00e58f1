use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Plain HTTP is served instead of redirected to HTTPS.
    ///
    /// ## What it checks
    /// That the `http://` form of the URL answers with a redirect (3xx) to an `https://` location.
    /// Not applicable when nothing listens on plain HTTP.
    ///
    /// ## Why it matters
    /// Visitors who type the bare domain, old links and some crawlers arrive over HTTP. Served in
    /// clear, the page can be read and rewritten on the way, and a session cookie without `Secure`
    /// goes with it.
    ///
    /// ## How to fix
    /// ```nginx
    /// server { listen 80; server_name app.example.com; return 308 https://$host$request_uri; }
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring>
    NoHttpsRedirect {
        id: "DEP014",
        name: "no-https-redirect",
        category: Deploy,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["live.https_redirect"],
        fix: "Redirect every plain-HTTP request to HTTPS with a 301 or 308.",
        done: "Plain HTTP redirects to HTTPS",
    }
    fn check(inv) {
        if inv.is_true("live.https_redirect") {
            return pass();
        }
        fail("the http:// form of the URL is served instead of redirected to https://", inv.get("live.https_redirect").evidence.clone())
    }
}
