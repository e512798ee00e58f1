use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A container has no health check.
    ///
    /// ## What it checks
    /// Every Dockerfile declares a `HEALTHCHECK` in its final stage (or inherits one), or the
    /// compose service that builds it declares `healthcheck:`.
    ///
    /// ## Why it matters
    /// Without a health check the runtime only knows whether the process exists, not whether it
    /// serves. A hung server keeps receiving traffic, `depends_on: condition: service_healthy`
    /// cannot work, and Swarm cannot replace the task.
    ///
    /// ## How to fix
    /// Probe a cheap endpoint from inside the container:
    ///
    /// ```dockerfile
    /// HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
    ///   CMD wget -qO- http://localhost:3000/health || exit 1
    /// ```
    ///
    /// or in compose:
    ///
    /// ```yaml
    /// healthcheck:
    ///   test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
    ///   interval: 30s
    /// ```
    ///
    /// References: <https://docs.docker.com/reference/dockerfile/#healthcheck>
    ContainerWithoutHealthcheck {
        id: "DEP005",
        name: "container-without-healthcheck",
        category: Deploy,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.docker_healthcheck"],
        fix: "Add a HEALTHCHECK to the Dockerfile or a healthcheck to its compose service.",
    }
    fn check(inv) {
        if inv.is_true("deploy.docker_healthcheck") {
            return pass();
        }
        let missing = discarded_evidence(inv, "deploy.docker_healthcheck");
        let total = inv.int("deploy.dockerfiles").unwrap_or(0);
        fail(format!("{} of {total} Dockerfile(s) have no health check, neither in the image nor on a compose service that builds it", missing.len()), missing)
    }
}
