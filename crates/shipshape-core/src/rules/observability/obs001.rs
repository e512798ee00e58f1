use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Errors in production are not reported anywhere.
    ///
    /// ## What it checks
    /// That an error-tracking SDK is initialised in application source: `Sentry.init`,
    /// `sentry_sdk.init`, `Bugsnag.start`, Rollbar, Honeybadger, LogRocket, Highlight, New Relic
    /// or Datadog. An init in a module no entry point loads, or for a package that is not in any
    /// manifest, does not count (the finding says which was found).
    ///
    /// ## Why it matters
    /// Users meet exceptions long before anyone reads a log: without a tracker, errors are
    /// found by support tickets, without stack traces, releases or affected-user counts.
    ///
    /// ## How to fix
    /// ```ts
    /// // instrumentation.ts (Next.js) or the server entry point
    /// import * as Sentry from "@sentry/nextjs";
    /// Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });
    /// ```
    ///
    /// References: <https://docs.sentry.io/platforms/>
    NoErrorTracking {
        id: "OBS001",
        name: "no-error-tracking",
        category: Observability,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["stack.services", "monitoring.error_tracking", "stack.code_analyzed"],
        fix: "Initialise an error tracker (Sentry, Bugsnag, Rollbar, …) in the app's entry points.",
        done: "Production errors are reported to an error tracker",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("monitoring.error_tracking") > 0 {
            return pass();
        }
        let fact = inv.get("monitoring.error_tracking");
        let mut reasons: Vec<&str> = Vec::new();
        for d in &fact.discarded {
            if !reasons.contains(&d.reason.as_str()) {
                reasons.push(&d.reason);
            }
        }
        let message = if reasons.is_empty() { "no error-tracking SDK is initialised: production errors go unreported".to_string() } else { format!("no effective error tracking: {}", reasons.join("; ")) };
        fail(message, fact.discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
