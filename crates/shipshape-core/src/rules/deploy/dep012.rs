use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass, reasons, short_list};

declare_rule! {
    /// A compose service has no restart policy.
    ///
    /// ## What it checks
    /// Every service of a compose file that is not only for development or tests (names
    /// containing `dev`, `test`, `override`, `ci` or `local` are skipped) sets `restart:` or
    /// `deploy.restart_policy`.
    ///
    /// ## Why it matters
    /// The default is `no`: after a crash, an out-of-memory kill or a host reboot the service
    /// stays down until someone notices.
    ///
    /// ## How to fix
    /// ```yaml
    /// services:
    ///   api:
    ///     restart: unless-stopped
    /// ```
    ///
    /// References: <https://docs.docker.com/reference/compose-file/services/#restart>
    ComposeWithoutRestartPolicy {
        id: "DEP012",
        name: "compose-without-restart-policy",
        category: Deploy,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deploy.compose_restart"],
        fix: "Set `restart: unless-stopped` (or a deploy.restart_policy) on every production compose service.",
        done: "Compose services have a restart policy",
    }
    fn check(inv) {
        if inv.is_true("deploy.compose_restart") {
            return pass();
        }
        let services: Vec<String> = reasons(inv, "deploy.compose_restart").iter().filter_map(|r| r.split('`').nth(1).map(str::to_string)).collect();
        fail(format!("{} compose service(s) stay down after a crash or reboot: {}", services.len(), short_list(&services)), discarded_evidence(inv, "deploy.compose_restart"))
    }
}
