use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Logs of self-managed containers stay on the host.
    ///
    /// ## What it checks
    /// Where containers run on self-managed hosts (compose, Swarm, Kubernetes), that logs are
    /// shipped somewhere central: Loki/promtail, Elasticsearch, the Datadog agent, Vector,
    /// Fluentd, or a logging driver such as `awslogs`. Managed platforms keep logs for you and
    /// are out of scope.
    ///
    /// ## Why it matters
    /// Container logs rotate away and vanish with the host. After an incident, the evidence is
    /// gone; during one, searching five hosts by hand wastes the first hour.
    ///
    /// ## How to fix
    /// ```yaml
    /// services:
    ///   api:
    ///     logging:
    ///       driver: awslogs
    ///       options: { awslogs-group: /acme/api, awslogs-region: eu-west-1 }
    /// ```
    ///
    /// References: <https://docs.docker.com/engine/logging/configure/>
    NoLogAggregation {
        id: "OBS010",
        name: "no-log-aggregation",
        category: Observability,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["deploy.platforms", "monitoring.log_aggregation"],
        fix: "Ship container logs to a central store (Loki, Elasticsearch, Datadog, CloudWatch).",
        done: "Logs of self-managed containers leave the host",
    }
    fn check(inv) {
        let managed_by_you = ["docker-compose", "docker-swarm", "kubernetes", "helm"];
        if !inv.list("deploy.platforms").iter().any(|p| managed_by_you.contains(p)) {
            return not_applicable("no self-managed container platform");
        }
        if inv.len("monitoring.log_aggregation") > 0 {
            return pass();
        }
        fail("container logs are not shipped to a central store", inv.get("deploy.platforms").evidence.iter().take(2).cloned().collect())
    }
}
