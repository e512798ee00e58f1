use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// A self-hosted database has no automated backups.
    ///
    /// ## What it checks
    /// Where a database runs in the repository's own infrastructure (a compose or Kubernetes
    /// service), that backups are automated: a dump script (`pg_dump`, `mongodump`, `mysqldump`), a
    /// scheduled CI job that dumps, a backup container, a backup CronJob, CloudNativePG or Velero
    /// schedules, or Fly volume snapshots. Prose saying "we back up" does not count. Managed
    /// databases (Supabase, Neon, RDS…) back up on their own: attest them in `shipshape.toml`.
    ///
    /// ## Why it matters
    /// Without backups, a bad migration, a deleted volume or ransomware is permanent data loss.
    ///
    /// ## How to fix
    /// ```yaml
    /// # docker-compose.yml
    /// backup:
    ///   image: prodrigestivill/postgres-backup-local:16
    ///   environment: { POSTGRES_HOST: db, SCHEDULE: "@daily", BACKUP_KEEP_DAYS: 7 }
    ///   volumes: ["./backups:/backups"]
    /// ```
    ///
    /// References: <https://www.postgresql.org/docs/current/backup.html>
    NoBackups {
        id: "DAT001",
        name: "no-backups",
        category: Data,
        severity: High,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["db.engines", "db.self_hosted", "db.backup"],
        fix: "Automate database backups (scheduled dumps, a backup container, or the platform's snapshots).",
        done: "The self-hosted database is backed up automatically",
    }
    fn check(inv) {
        if !inv.is_true("db.self_hosted") {
            return not_applicable("no self-hosted database");
        }
        if inv.len("db.backup") > 0 {
            return pass();
        }
        fail("a self-hosted database runs without automated backups", inv.get("db.self_hosted").evidence.clone())
    }
}
