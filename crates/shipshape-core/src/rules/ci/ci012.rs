use crate::declare_rule;
use crate::rules::not_applicable;

declare_rule! {
    /// No performance budget is enforced in CI.
    ///
    /// ## What it checks
    /// For repositories with a frontend framework, that a reachable CI step can fail on a
    /// performance regression: Lighthouse CI with assertions (`lhci autorun`/`lhci assert`
    /// with a `lighthouserc` that asserts, or the Lighthouse action with a budget),
    /// `size-limit`, `bundlesize` or `bundlewatch`. Warning-only limits do not count.
    ///
    /// ## Why it matters
    /// Bundles only grow. Without a budget that fails the build, every dependency and feature
    /// adds weight unnoticed until the app is slow on the phones most users have.
    ///
    /// ## How to fix
    /// ```json
    /// // .size-limit.json
    /// [{ "path": ".next/static/chunks/*.js", "limit": "250 kB" }]
    /// ```
    ///
    /// ```yaml
    /// - run: npx size-limit
    /// ```
    ///
    /// References: <https://github.com/ai/size-limit>, <https://github.com/GoogleChrome/lighthouse-ci>
    NoPerformanceBudget {
        id: "CI012",
        name: "no-performance-budget",
        category: Ci,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["ci.perf_budget", "ci.providers", "ci.workflows", "stack.frameworks"],
        fix: "Enforce a bundle or Lighthouse budget in CI (size-limit, lhci assertions).",
        done: "CI enforces a performance budget",
    }
    fn check(inv) {
        if !crate::rules::has_frontend(inv) {
            return not_applicable("no frontend framework");
        }
        super::ci_activity(inv, "ci.perf_budget", "enforces a performance budget")
    }
}
