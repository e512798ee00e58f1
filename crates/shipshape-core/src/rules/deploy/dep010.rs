use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

/// Platforms whose scaling is configured in the repository (a manifest, render.yaml, fly.toml,
/// compose); others scale, or not, in their dashboard.
const SCALABLE_IN_REPO: &[&str] =
    &["kubernetes", "helm", "render", "fly", "docker", "docker-compose", "docker-swarm", "app-engine", "railway"];

declare_rule! {
    /// Capacity does not follow load: no autoscaling is configured.
    ///
    /// ## What it checks
    /// On platforms whose scaling is configured in the repository (Kubernetes, Helm, Render,
    /// Fly.io, Docker, compose, Swarm, App Engine, Railway), that some configuration scales the
    /// service without a human: a Kubernetes
    /// HorizontalPodAutoscaler or KEDA ScaledObject, Render `scaling` with
    /// `maxInstances > minInstances`, Fly.io `auto_start_machines`/`auto_stop_machines`, or
    /// functions on a serverless platform (Vercel, Netlify, Cloudflare Workers, Serverless
    /// Framework). Fixed replica counts do not count.
    ///
    /// ## Why it matters
    /// Traffic spikes (a launch, a newsletter, a crawler) saturate fixed capacity: latency
    /// climbs, then requests fail, and someone has to be awake to scale by hand.
    ///
    /// ## How to fix
    /// ```yaml
    /// apiVersion: autoscaling/v2
    /// kind: HorizontalPodAutoscaler
    /// metadata: { name: api }
    /// spec:
    ///   scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
    ///   minReplicas: 2
    ///   maxReplicas: 10
    ///   metrics:
    ///     - type: Resource
    ///       resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
    /// ```
    ///
    /// References: <https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/>
    NoAutoscaling {
        id: "DEP010",
        name: "no-autoscaling",
        category: Deploy,
        severity: Medium,
        level: 4,
        effort: Medium,
        confidence: Medium,
        needs: ["deploy.autoscaling", "deploy.platforms"],
        fix: "Configure autoscaling (HPA, render.yaml scaling, fly auto_start/stop machines) instead of fixed capacity.",
        done: "Autoscaling follows load",
    }
    fn check(inv) {
        let platforms: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| SCALABLE_IN_REPO.contains(p)).collect();
        if platforms.is_empty() {
            return not_applicable("no platform whose scaling is configured in the repository");
        }
        if inv.is_true("deploy.autoscaling") {
            return pass();
        }
        fail(format!("capacity is fixed on {}: nothing scales with load", platforms.join(", ")), inv.get("deploy.platforms").evidence.clone())
    }
}
