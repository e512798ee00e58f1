use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// No feature flags are evaluated in the code.
    ///
    /// ## What it checks
    /// For deployable services, that a feature-flag SDK is used to evaluate flags in source
    /// (LaunchDarkly, Unleash, Flagsmith, GrowthBook, PostHog, OpenFeature, Vercel Flags). An SDK
    /// that is installed but never evaluates a flag does not count.
    ///
    /// ## Why it matters
    /// Flags separate deploying from releasing: code ships dark, is turned on for some users,
    /// and is turned off in seconds when it misbehaves, without a rollback.
    ///
    /// ## How to fix
    /// ```ts
    /// if (await posthog.isFeatureEnabled("new-checkout", userId)) { return newCheckout(); }
    /// ```
    ///
    /// References: <https://martinfowler.com/articles/feature-toggles.html>, <https://openfeature.dev/>
    NoFeatureFlags {
        id: "CFG008",
        name: "no-feature-flags",
        category: Config,
        severity: Low,
        level: 5,
        effort: Medium,
        confidence: Medium,
        needs: ["stack.services", "feature_flags", "stack.code_analyzed"],
        fix: "Evaluate risky changes behind feature flags (OpenFeature, PostHog, Unleash, LaunchDarkly, …).",
        done: "Feature flags are evaluated in the code",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("feature_flags") > 0 {
            return pass();
        }
        fail("no feature flag is evaluated: every change is released when it is deployed", Vec::new())
    }
}
