use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// No alert rules are defined as code.
    ///
    /// ## What it checks
    /// For repositories that deploy, that alert rules exist as code: Prometheus rule files,
    /// Alertmanager configuration, Grafana alerting provisioning, or Terraform monitors (Datadog,
    /// Sentry, PagerDuty, Opsgenie, CloudWatch alarms). Alerts clicked together in a dashboard
    /// cannot be seen here (low confidence).
    ///
    /// ## Why it matters
    /// Dashboards nobody watches do not wake anyone up. Alerts as code are reviewed, versioned
    /// and restored with everything else.
    ///
    /// ## How to fix
    /// ```yaml
    /// groups:
    ///   - name: api
    ///     rules:
    ///       - alert: HighErrorRate
    ///         expr: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
    ///         for: 10m
    /// ```
    ///
    /// References: <https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/>
    NoAlerting {
        id: "OBS008",
        name: "no-alerting",
        category: Observability,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Low,
        needs: ["deploy.platforms", "monitoring.alerting"],
        fix: "Define alert rules as code (Prometheus rules, Grafana alerting, Datadog/Sentry monitors in Terraform).",
        done: "Alert rules are defined as code",
    }
    fn check(inv) {
        if inv.len("deploy.platforms") == 0 {
            return not_applicable("the repository does not deploy");
        }
        if inv.is_true("monitoring.alerting") {
            return pass();
        }
        fail("no alert rules are defined as code", Vec::new())
    }
}
