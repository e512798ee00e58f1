use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Cookies are set without Secure, SameSite or (for session cookies) HttpOnly.
    ///
    /// ## What it checks
    /// Every `Set-Cookie` of the page (names and flags only; values are never kept): on HTTPS each
    /// needs `Secure`; each needs `SameSite`; a session-like cookie (a name containing `sess`,
    /// `sid`, `auth` or `token`) needs `HttpOnly`.
    ///
    /// ## Why it matters
    /// A cookie without `Secure` can leak over plain HTTP; without `SameSite` it rides along on
    /// cross-site requests (CSRF); a session cookie readable from JavaScript is one XSS away from
    /// account takeover.
    ///
    /// ## How to fix
    /// ```js
    /// res.cookie("sid", token, { secure: true, httpOnly: true, sameSite: "lax" });
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#security>
    InsecureCookies {
        id: "SEC015",
        name: "insecure-cookies",
        category: Security,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["live.cookies", "live.url"],
        fix: "Set cookies with Secure, SameSite=Lax (or Strict), and HttpOnly for session cookies.",
        done: "Cookies are set with Secure, SameSite and HttpOnly where needed",
    }
    fn check(inv) {
        let https = inv.get("live.url").value.as_str().is_some_and(|u| u.starts_with("https://"));
        let mut weak = Vec::new();
        for cookie in inv.get("live.cookies").value.as_array().into_iter().flatten() {
            let name = cookie["name"].as_str().unwrap_or("?");
            let lower = name.to_ascii_lowercase();
            let session = ["sess", "sid", "auth", "token"].iter().any(|k| lower.contains(k));
            let mut missing = Vec::new();
            if https && cookie["secure"] != true {
                missing.push("Secure");
            }
            if cookie["same_site"] != true {
                missing.push("SameSite");
            }
            if session && cookie["http_only"] != true {
                missing.push("HttpOnly");
            }
            if !missing.is_empty() {
                weak.push(format!("`{name}` without {}", missing.join(", ")));
            }
        }
        if weak.is_empty() {
            return pass();
        }
        fail(format!("cookies set insecurely: {}", weak.join("; ")), inv.get("live.cookies").evidence.clone())
    }
}
