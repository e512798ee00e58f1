use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Nothing checks from outside that the deployment is up.
    ///
    /// ## What it checks
    /// For repositories that deploy, that uptime monitoring is configured as code: Checkly,
    /// Upptime, uptime-kuma, Gatus or blackbox-exporter services, monitoring-as-code Terraform
    /// resources (Better Uptime, Pingdom, Checkly), or a scheduled CI job that calls a URL.
    /// Monitors created in a SaaS dashboard cannot be seen here (low confidence).
    ///
    /// ## Why it matters
    /// Internal metrics go quiet exactly when the whole service is down. An outside check
    /// notices DNS, TLS and platform outages, and pages someone.
    ///
    /// ## How to fix
    /// ```yaml
    /// # .github/workflows/uptime.yml (a minimal home-made check)
    /// on: { schedule: [{ cron: "*/10 * * * *" }] }
    /// jobs:
    ///   ping:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: curl --fail --max-time 10 https://example.com/api/health
    /// ```
    ///
    /// References: <https://sre.google/sre-book/monitoring-distributed-systems/>
    NoUptimeMonitoring {
        id: "OBS007",
        name: "no-uptime-monitoring",
        category: Observability,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: Low,
        needs: ["deploy.platforms", "monitoring.uptime"],
        fix: "Monitor the public URL from outside (Checkly, Better Uptime, Upptime, uptime-kuma, a scheduled check).",
        done: "An external check watches that the deployment is up",
    }
    fn check(inv) {
        if inv.len("deploy.platforms") == 0 {
            return not_applicable("the repository does not deploy");
        }
        if inv.len("monitoring.uptime") > 0 {
            return pass();
        }
        fail("no uptime monitoring is configured in the repository", Vec::new())
    }
}
