use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The app sets no HTTP security headers.
    ///
    /// ## What it checks
    /// For web applications, that some security header is set by the app or its edge: Next.js
    /// `headers()` or middleware, `vercel.json`/`netlify.toml`/`_headers`, nginx `add_header`,
    /// helmet, or Django security settings. Header names in comments do not count.
    ///
    /// ## Why it matters
    /// Without them the browser's defences stay off: pages can be framed for clickjacking,
    /// responses sniffed into scripts, and injected scripts run unrestricted.
    ///
    /// ## How to fix
    /// ```js
    /// // next.config.js
    /// module.exports = { async headers() { return [{ source: "/(.*)", headers: [
    ///   { key: "X-Frame-Options", value: "DENY" },
    ///   { key: "X-Content-Type-Options", value: "nosniff" },
    ///   { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    /// ] }]; } };
    /// ```
    ///
    /// References: <https://owasp.org/www-project-secure-headers/>
    NoSecurityHeaders {
        id: "SEC001",
        name: "no-security-headers",
        category: Security,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["stack.frameworks", "security.headers", "stack.code_analyzed"],
        fix: "Set security headers (CSP, HSTS, X-Frame-Options, X-Content-Type-Options, Referrer-Policy).",
        done: "The app sets HTTP security headers",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") && inv.len("security.headers") == 0 {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if !(crate::rules::has_frontend(inv) || crate::rules::has_server(inv)) {
            return not_applicable("no web framework");
        }
        if inv.len("security.headers") > 0 {
            return pass();
        }
        fail("no security header is set by the app or its edge configuration", inv.get("stack.frameworks").evidence.iter().take(1).cloned().collect())
    }
}
