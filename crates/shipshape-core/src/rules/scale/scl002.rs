use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The frontend has no enforceable bundle budget.
    ///
    /// ## What it checks
    /// For frontend frameworks, that an enforceable budget exists: `.size-limit*`, a `size-limit`,
    /// `bundlesize` or `bundlewatch` key in package.json, or Lighthouse CI assertions or budgets.
    /// Warning-only limits do not count. (CI012 checks that CI runs it.)
    ///
    /// ## Why it matters
    /// JavaScript weight is the main cause of slow pages on mid-range phones, and it only grows
    /// unless something refuses the increase.
    ///
    /// ## How to fix
    /// ```json
    /// { "size-limit": [{ "path": "dist/assets/*.js", "limit": "200 kB" }] }
    /// ```
    ///
    /// References: <https://web.dev/articles/performance-budgets-101>
    NoBundleBudget {
        id: "SCL002",
        name: "no-bundle-budget",
        category: Scale,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["stack.frameworks", "perf.bundle_budget"],
        fix: "Define a bundle budget that fails the build (size-limit, bundlesize, Lighthouse budgets).",
        done: "The frontend has an enforced bundle budget",
    }
    fn check(inv) {
        if !crate::rules::has_frontend(inv) {
            return not_applicable("no frontend framework");
        }
        if inv.is_true("perf.bundle_budget") {
            return pass();
        }
        fail("no bundle budget is defined", Vec::new())
    }
}
