use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass, reasons};

declare_rule! {
    /// A container image runs its process as root.
    ///
    /// ## What it checks
    /// The final stage of every Dockerfile (following `FROM <stage>` chains) ends with a
    /// `USER` that is not `root` or `0`, or builds on a base image that is non-root by design
    /// (e.g. distroless `:nonroot`).
    ///
    /// ## Why it matters
    /// A compromised process running as root owns the container, can modify its binaries, and
    /// is one kernel or runtime bug away from the host. Kubernetes' restricted Pod Security
    /// Standard refuses such pods.
    ///
    /// ## How to fix
    /// Create or use an unprivileged user in the final stage:
    ///
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY --chown=node:node . .
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// References: <https://docs.docker.com/build/building/best-practices/#user>
    ContainerRunsAsRoot {
        id: "DEP004",
        name: "container-runs-as-root",
        category: Deploy,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.docker_nonroot", "deploy.dockerfiles"],
        fix: "Add a non-root `USER` to the final stage of each Dockerfile.",
    }
    fn check(inv) {
        if inv.is_true("deploy.docker_nonroot") {
            return pass();
        }
        let why = reasons(inv, "deploy.docker_nonroot");
        let total = inv.int("deploy.dockerfiles").unwrap_or(0);
        fail(format!("{} of {total} Dockerfile(s) run as root: {}", why.len(), why.join("; ")), discarded_evidence(inv, "deploy.docker_nonroot"))
    }
}
