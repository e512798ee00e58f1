use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass, reasons};

declare_rule! {
    /// A Kubernetes workload has containers without liveness or readiness probes.
    ///
    /// ## What it checks
    /// Every container of every Deployment and StatefulSet declares both a `livenessProbe`
    /// and a `readinessProbe`.
    ///
    /// ## Why it matters
    /// Without a readiness probe a pod receives traffic before it can serve it, and during a
    /// rolling update old pods are killed before new ones are ready. Without a liveness probe a
    /// deadlocked process is never restarted.
    ///
    /// ## How to fix
    /// ```yaml
    /// readinessProbe:
    ///   httpGet: { path: /health/ready, port: 8080 }
    ///   periodSeconds: 5
    /// livenessProbe:
    ///   httpGet: { path: /health/live, port: 8080 }
    ///   initialDelaySeconds: 10
    /// ```
    ///
    /// References: <https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/>
    K8sMissingProbes {
        id: "DEP008",
        name: "k8s-missing-probes",
        category: Deploy,
        severity: High,
        level: 3,
        effort: Small,
        confidence: High,
        needs: ["deploy.k8s_probes"],
        fix: "Give every container a readinessProbe and a livenessProbe.",
        done: "Kubernetes containers have liveness and readiness probes",
    }
    fn check(inv) {
        if inv.is_true("deploy.k8s_probes") {
            return pass();
        }
        let why = reasons(inv, "deploy.k8s_probes");
        fail(format!("{} container(s) lack probes: {}", why.len(), why.join("; ")), discarded_evidence(inv, "deploy.k8s_probes"))
    }
}
