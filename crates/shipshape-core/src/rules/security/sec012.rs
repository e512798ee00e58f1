use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// The security headers the deployment serves grade below B.
    ///
    /// ## What it checks
    /// The grade of the page's response headers, computed in the manner of the HTTP Observatory:
    /// 100 points, minus a penalty for each weakness; bonuses count only when the result is 90 or
    /// more. A score under 70 (below B) fails.
    ///
    /// | test | condition | modifier |
    /// |---|---|---|
    /// | `csp-not-implemented` | no `Content-Security-Policy` | −25 |
    /// | `csp-unsafe-inline` | `'unsafe-inline'` in `script-src` (or `default-src` without one), no nonce or hash | −20 |
    /// | `csp-unsafe-eval` | `'unsafe-eval'` anywhere | −10 |
    /// | `csp-wildcard-source` | `*`, `http:`, `https:` in a fetch directive, or `frame-ancestors *` | −20 |
    /// | `hsts-not-implemented` | HTTPS page without `Strict-Transport-Security` | −20 |
    /// | `hsts-max-age-under-six-months` | `max-age` under 15552000 | −10 |
    /// | `redirection-to-https-missing` | the `http://` form answers without redirecting to `https://` | −20 |
    /// | `x-frame-options-not-implemented` | no `X-Frame-Options: DENY/SAMEORIGIN` and no `frame-ancestors` | −20 |
    /// | `x-content-type-options-not-implemented` | no `X-Content-Type-Options: nosniff` | −5 |
    /// | `referrer-policy-unsafe` | `unsafe-url` or `no-referrer-when-downgrade` | −5 |
    /// | `cookies-without-secure-flag` | an HTTPS cookie without `Secure` | −20 |
    /// | `cookies-without-httponly-flag` | a cookie without `HttpOnly` | −10 |
    /// | `cors-universal-access-with-credentials` | `Access-Control-Allow-Origin: *` with credentials | −50 |
    /// | `csp-strict` (bonus) | a CSP with none of the weaknesses above | +5 |
    /// | `hsts-preloaded` (bonus) | `max-age` ≥ one year, `includeSubDomains`, `preload` | +5 |
    /// | `frame-ancestors` (bonus) | the CSP sets `frame-ancestors` | +5 |
    /// | `referrer-policy-private` (bonus) | `no-referrer`, `same-origin`, `strict-origin`, `strict-origin-when-cross-origin` | +5 |
    /// | `cookies-secure-httponly-samesite` (bonus) | every cookie has `Secure`, `HttpOnly` and `SameSite` | +5 |
    ///
    /// Grades: A+ ≥ 100, A ≥ 90, A− ≥ 85, B+ ≥ 80, B ≥ 70, B− ≥ 65, C+ ≥ 60, C ≥ 50, C− ≥ 45,
    /// D+ ≥ 40, D ≥ 30, D− ≥ 25, F below. Worked examples, tested case by case: no headers at all
    /// over HTTPS scores 30 (D); everything but a CSP scores 75 (B); a strict CSP with
    /// `frame-ancestors`, preloaded HSTS, `nosniff` and a private referrer policy scores 120 (A+).
    ///
    /// ## Why it matters
    /// Headers are the browser's half of the defence: without them, one injected script or one
    /// framing page is enough. Graders like the Observatory are what auditors and customers run
    /// first.
    ///
    /// ## How to fix
    /// ```js
    /// // next.config.js
    /// async headers() {
    ///   return [{ source: "/(.*)", headers: [
    ///     { key: "Content-Security-Policy", value: "default-src 'self'; frame-ancestors 'none'" },
    ///     { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
    ///     { key: "X-Content-Type-Options", value: "nosniff" },
    ///     { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    ///   ] }];
    /// }
    /// ```
    ///
    /// References: <https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring>
    WeakServedSecurityHeaders {
        id: "SEC012",
        name: "weak-served-security-headers",
        category: Security,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: High,
        needs: ["live.header_grade"],
        fix: "Serve a CSP, HSTS, X-Frame-Options or frame-ancestors, nosniff and a private Referrer-Policy until the grade is B or better.",
        done: "The deployment's security headers grade B or better",
    }
    fn check(inv) {
        let grade = &inv.get("live.header_grade").value;
        let score = grade["score"].as_i64().unwrap_or(0);
        if score >= 70 {
            return pass();
        }
        let penalties: Vec<&str> = grade["modifiers"].as_array().into_iter().flatten().filter(|m| m["modifier"].as_i64().is_some_and(|v| v < 0)).filter_map(|m| m["test"].as_str()).collect();
        fail(
            format!("the served headers grade {} ({score}/100): {}", grade["grade"].as_str().unwrap_or("?"), penalties.join(", ")),
            inv.get("live.header_grade").evidence.clone(),
        )
    }
}
