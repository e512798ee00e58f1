use crate::declare_rule;
use crate::rules::{fail, pass, short_list};

declare_rule! {
    /// A Kubernetes workload runs a single replica.
    ///
    /// ## What it checks
    /// Deployments and StatefulSets with `replicas` unset or `1` that no
    /// HorizontalPodAutoscaler or KEDA ScaledObject targets.
    ///
    /// ## Why it matters
    /// One replica is one point of failure: every rollout, node drain or crash is downtime,
    /// and a PodDisruptionBudget cannot help.
    ///
    /// ## How to fix
    /// ```yaml
    /// spec:
    ///   replicas: 2
    /// ```
    ///
    /// or let an HPA with `minReplicas: 2` own the count.
    ///
    /// References: <https://kubernetes.io/docs/concepts/workloads/controllers/deployment/>
    SingleReplicaWorkload {
        id: "DEP013",
        name: "single-replica-workload",
        category: Deploy,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.k8s_single_replica"],
        fix: "Run at least two replicas (or an HPA with minReplicas: 2).",
        done: "Kubernetes workloads run more than one replica",
    }
    fn check(inv) {
        let names = inv.list("deploy.k8s_single_replica");
        if names.is_empty() {
            return pass();
        }
        fail(format!("{} workload(s) run one replica: {}", names.len(), short_list(&names)), inv.get("deploy.k8s_single_replica").evidence.clone())
    }
}
