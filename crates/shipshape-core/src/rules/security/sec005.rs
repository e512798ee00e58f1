use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The server has no rate limiting.
    ///
    /// ## What it checks
    /// For server-side frameworks, that a limiter is applied to requests: express-rate-limit,
    /// @upstash/ratelimit, rate-limiter-flexible, slowapi, fastapi-limiter, django-ratelimit or
    /// nginx `limit_req`. A limiter in a module no entry point loads (directly or through the
    /// modules it imports) does not count. Limits enforced by a WAF or API gateway outside the
    /// repository cannot be seen (medium confidence).
    ///
    /// ## Why it matters
    /// Without limits, one client can brute-force logins, scrape everything, or exhaust the
    /// database and the bill.
    ///
    /// ## How to fix
    /// ```ts
    /// import { Ratelimit } from "@upstash/ratelimit";
    /// import { Redis } from "@upstash/redis";
    /// export const limiter = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, "10 s") });
    /// ```
    ///
    /// References: <https://cheatsheetseries.owasp.org/cheatsheets/Denial_of_Service_Cheat_Sheet.html>
    NoRateLimiting {
        id: "SEC005",
        name: "no-rate-limiting",
        category: Security,
        severity: High,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["stack.frameworks", "security.rate_limiting", "stack.code_analyzed"],
        fix: "Rate-limit the API server-side, with a shared store (Redis) when there are several instances.",
        done: "The server rate-limits requests",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if !crate::rules::has_server(inv) {
            return not_applicable("no server-side framework");
        }
        if inv.len("security.rate_limiting") > 0 {
            return pass();
        }
        let fact = inv.get("security.rate_limiting");
        let detail = fact.discarded.first().map(|d| format!(" ({})", d.reason)).unwrap_or_default();
        fail(format!("no server-side rate limiting{detail}"), fact.discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
