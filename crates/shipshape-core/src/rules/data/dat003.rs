use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// There is no disaster-recovery plan.
    ///
    /// ## What it checks
    /// Where the app stores data, that a document states recovery objectives (RTO and RPO with
    /// values) or a disaster-recovery / restore procedure with numbered steps.
    ///
    /// ## Why it matters
    /// Recovery time is decided before the incident or not at all. Without stated objectives
    /// nobody knows whether a 6-hour restore is acceptable; without steps, it takes longer.
    ///
    /// ## How to fix
    /// ```markdown
    /// ## Disaster recovery
    /// RTO: 4 hours. RPO: 1 hour (hourly WAL archiving).
    /// 1. Provision a new database from the latest snapshot
    /// 2. Point DATABASE_URL at it and redeploy
    /// ```
    ///
    /// References: <https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html>
    NoDisasterRecoveryPlan {
        id: "DAT003",
        name: "no-disaster-recovery-plan",
        category: Data,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["db.engines", "dr.documented"],
        fix: "Write down recovery objectives (RTO/RPO) and a step-by-step restore procedure.",
        done: "A disaster-recovery plan exists",
    }
    fn check(inv) {
        if inv.len("db.engines") == 0 {
            return not_applicable("no database");
        }
        if inv.is_true("dr.documented") {
            return pass();
        }
        fail("no document states recovery objectives or a restore procedure", Vec::new())
    }
}
