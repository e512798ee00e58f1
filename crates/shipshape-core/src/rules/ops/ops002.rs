use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// There are no runbooks or incident-response documents.
    ///
    /// ## What it checks
    /// For repositories that deploy somewhere, that a runbook, incident-response, on-call or
    /// postmortem document exists (`runbook*`, `runbooks/`, `incident*`, `on-call*`,
    /// `postmortem*`).
    ///
    /// ## Why it matters
    /// At 3 a.m. nobody remembers how to fail over the database or rotate a leaked key. A
    /// written procedure turns an incident from improvisation into a checklist, and makes
    /// recovery time predictable.
    ///
    /// ## How to fix
    /// ```markdown
    /// # docs/runbooks/database-outage.md
    /// ## Symptoms
    /// ## Diagnose
    /// ## Mitigate (step by step, with commands)
    /// ## Escalate
    /// ```
    ///
    /// References: <https://sre.google/sre-book/being-on-call/>
    NoRunbooks {
        id: "OPS002",
        name: "no-runbooks",
        category: Ops,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["deploy.platforms", "docs.runbooks"],
        fix: "Write runbooks for the likely incidents (outage, bad deploy, leaked secret, data loss).",
        done: "Runbooks or incident-response documents exist",
    }
    fn check(inv) {
        if inv.len("deploy.platforms") == 0 {
            return not_applicable("the repository does not deploy");
        }
        if inv.len("docs.runbooks") > 0 {
            return pass();
        }
        fail("no runbook or incident-response document: recovery depends on memory", Vec::new())
    }
}
