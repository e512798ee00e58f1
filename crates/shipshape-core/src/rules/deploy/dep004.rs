use crate::declare_rule;
use crate::rules::{fail, failures, pass};

declare_rule! {
    /// A container image runs its process as root.
    ///
    /// ## What it checks
    /// The final stage of every Dockerfile (following `FROM <stage>` chains) ends with a
    /// `USER` that is not `root` or `0`, or builds on a base image that is non-root by design
    /// (e.g. distroless `:nonroot`). Images named for development or tests (`Dockerfile.dev`,
    /// `Dockerfile.playwright`, `test.Dockerfile`, files under `e2e/`) are not judged.
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
        needs: ["deploy.docker_nonroot"],
        fix: "Add a non-root `USER` to the final stage of each Dockerfile.",
        done: "Container images run as a non-root user",
    }
    fn check(inv) {
        if inv.is_true("deploy.docker_nonroot") {
            return pass();
        }
        let root = failures(inv, "deploy.docker_nonroot");
        let total = root.len() + inv.get("deploy.docker_nonroot").evidence.len();
        let why: Vec<&str> = root.iter().map(|d| d.reason.as_str()).collect();
        fail(format!("{} of {total} production Dockerfile(s) run as root: {}", root.len(), why.join("; ")), root.iter().map(|d| d.evidence.clone()).collect())
    }
}
