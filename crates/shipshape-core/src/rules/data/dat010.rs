use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Backup scripts exist but nothing runs them on a schedule.
    ///
    /// ## What it checks
    /// Where the only backup automation found is a script, that something schedules it: a
    /// scheduled CI job, a Kubernetes CronJob, a backup container, or platform snapshots.
    ///
    /// ## Why it matters
    /// A backup script that someone has to remember to run is run after the incident.
    ///
    /// ## How to fix
    /// ```yaml
    /// apiVersion: batch/v1
    /// kind: CronJob
    /// metadata: { name: db-backup }
    /// spec: { schedule: "0 3 * * *", jobTemplate: { … } }
    /// ```
    ///
    /// References: <https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/>
    BackupsNotScheduled {
        id: "DAT010",
        name: "backups-not-scheduled",
        category: Data,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: Medium,
        needs: ["db.backup"],
        fix: "Run the backup script on a schedule (CI cron, CronJob, systemd timer, backup container).",
        done: "Backup scripts run on a schedule",
    }
    fn check(inv) {
        let kinds = inv.list("db.backup");
        if kinds.is_empty() {
            return not_applicable("no backup automation");
        }
        if kinds.iter().any(|k| *k != "script") {
            return pass();
        }
        fail("backups depend on someone running a script: nothing schedules it", inv.get("db.backup").evidence.clone())
    }
}
