use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Containers run without CPU or memory limits.
    ///
    /// ## What it checks
    /// Where the repository defines containers to run (compose files or Kubernetes
    /// manifests), that resource limits are set somewhere: Kubernetes `resources.limits`,
    /// compose `deploy.resources.limits`, `mem_limit` or `cpus`.
    ///
    /// ## Why it matters
    /// One runaway process (a memory leak, a hot loop) starves everything else on the node or
    /// host, turning one bug into an outage of every service that shares it. Limits also make
    /// capacity planning and autoscaling decisions possible.
    ///
    /// ## How to fix
    /// ```yaml
    /// # compose
    /// deploy:
    ///   resources:
    ///     limits: { cpus: "1.0", memory: 512M }
    /// ```
    ///
    /// References: <https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/>
    NoResourceLimits {
        id: "DEP009",
        name: "no-resource-limits",
        category: Deploy,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: Medium,
        needs: ["deploy.compose_files", "deploy.resource_limits", "deploy.k8s_manifests"],
        fix: "Set CPU and memory limits on every container (Kubernetes resources.limits, compose deploy.resources.limits).",
        done: "Containers run with CPU and memory limits",
    }
    fn check(inv) {
        let k8s = inv.int("deploy.k8s_manifests").unwrap_or(0) > 0;
        let compose = inv.len("deploy.compose_files") > 0;
        if !k8s && !compose {
            return not_applicable("no compose file or Kubernetes manifest runs containers");
        }
        if inv.is_true("deploy.resource_limits") {
            return pass();
        }
        let mut evidence = inv.get("deploy.compose_files").evidence.clone();
        evidence.extend(inv.get("deploy.k8s_manifests").evidence.iter().take(3).cloned());
        fail("no container has CPU or memory limits: one runaway process can starve its neighbours", evidence)
    }
}
