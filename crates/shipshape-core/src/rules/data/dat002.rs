use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Backups are taken but never restored to check them.
    ///
    /// ## What it checks
    /// Where backups are automated, that a script or CI job restores one (`pg_restore`,
    /// `mongorestore`, `psql < dump`).
    ///
    /// ## Why it matters
    /// A backup nobody has restored is a hope: corrupt dumps, missing roles and wrong formats are
    /// found during the incident.
    ///
    /// ## How to fix
    /// ```yaml
    /// on: { schedule: [{ cron: "0 5 * * 1" }] }
    /// jobs:
    ///   restore-test:
    ///     steps:
    ///       - run: pg_restore --clean -d restore_check latest.dump && psql -d restore_check -c 'select count(*) from users'
    /// ```
    ///
    /// References: <https://sre.google/sre-book/data-integrity/>
    BackupsNotVerified {
        id: "DAT002",
        name: "backups-not-verified",
        category: Data,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["db.backup", "db.backup_verified"],
        fix: "Restore a backup automatically and check it (a scheduled restore test).",
        done: "Backups are restored to check them",
    }
    fn check(inv) {
        if inv.len("db.backup") == 0 {
            return not_applicable("no automated backups to verify");
        }
        if inv.is_true("db.backup_verified") {
            return pass();
        }
        fail("backups are taken but no script or job ever restores one", inv.get("db.backup").evidence.clone())
    }
}
