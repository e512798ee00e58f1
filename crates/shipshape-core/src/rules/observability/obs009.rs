use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The application exports no metrics.
    ///
    /// ## What it checks
    /// For deployable services, that application metrics are collected: a Prometheus client
    /// with metrics, a StatsD client, OpenTelemetry metrics, `@vercel/analytics` or
    /// `@vercel/speed-insights`, or a Prometheus scrape configuration.
    ///
    /// ## Why it matters
    /// Without metrics there is no baseline: no request rate, error rate or latency to alert
    /// on, and no way to tell whether a release made things better or worse.
    ///
    /// ## How to fix
    /// ```ts
    /// import client from "prom-client";
    /// client.collectDefaultMetrics();
    /// app.get("/metrics", async (_req, res) => res.type("text/plain").send(await client.register.metrics()));
    /// ```
    ///
    /// References: <https://prometheus.io/docs/instrumenting/clientlibs/>
    NoMetrics {
        id: "OBS009",
        name: "no-metrics",
        category: Observability,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["stack.services", "monitoring.metrics", "stack.code_analyzed"],
        fix: "Export application metrics (Prometheus client, StatsD, OpenTelemetry metrics, Vercel Analytics).",
        done: "The application exports metrics",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("monitoring.metrics") > 0 {
            return pass();
        }
        fail("no application metrics are collected", Vec::new())
    }
}
