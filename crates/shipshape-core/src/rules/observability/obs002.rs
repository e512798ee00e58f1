use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Requests are not traced.
    ///
    /// ## What it checks
    /// That tracing is set up: an OpenTelemetry SDK, `@vercel/otel`, dd-trace, New Relic,
    /// Elastic APM, Honeycomb, or Sentry with traces sampled (`tracesSampleRate` /
    /// `traces_sample_rate` above 0, or a sampler). Sentry at a rate of 0 does not count.
    ///
    /// ## Why it matters
    /// Without traces, "it is slow" has no answer: which endpoint, which query, which
    /// downstream call. Traces turn latency reports into a flame graph.
    ///
    /// ## How to fix
    /// ```ts
    /// // instrumentation.ts
    /// import { registerOTel } from "@vercel/otel";
    /// export function register() { registerOTel({ serviceName: "web" }); }
    /// ```
    ///
    /// References: <https://opentelemetry.io/docs/concepts/signals/traces/>
    NoTracing {
        id: "OBS002",
        name: "no-tracing",
        category: Observability,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["stack.services", "monitoring.tracing", "stack.code_analyzed"],
        fix: "Add tracing (OpenTelemetry, or Sentry with tracesSampleRate > 0).",
        done: "Requests are traced",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("monitoring.tracing") > 0 {
            return pass();
        }
        let fact = inv.get("monitoring.tracing");
        let detail = fact.discarded.first().map(|d| format!(" ({})", d.reason)).unwrap_or_default();
        fail(format!("no request tracing is configured{detail}"), fact.discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
