use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A GitHub workflow does not restrict its token's permissions.
    ///
    /// ## What it checks
    /// Every workflow sets `permissions:` at the workflow level, or on every one of its jobs.
    ///
    /// ## Why it matters
    /// Without it the `GITHUB_TOKEN` gets the repository's default permissions, which on
    /// older repositories and organisations is read-write on everything. Any compromised step
    /// or dependency can then push code, create releases or change settings.
    ///
    /// ## How to fix
    /// ```yaml
    /// permissions:
    ///   contents: read
    /// jobs:
    ///   release:
    ///     permissions:
    ///       contents: write   # only where needed
    /// ```
    ///
    /// References: <https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token>
    UnrestrictedWorkflowPermissions {
        id: "CI014",
        name: "unrestricted-workflow-permissions",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.permissions_restricted", "ci.workflows"],
        fix: "Set `permissions: { contents: read }` at the top of every workflow; widen per job.",
        done: "GitHub workflows restrict their token's permissions",
    }
    fn check(inv) {
        if inv.is_true("ci.permissions_restricted") {
            return pass();
        }
        let open = discarded_evidence(inv, "ci.permissions_restricted");
        let total = inv.int("ci.workflows").unwrap_or(0);
        fail(format!("{} of {total} workflow(s) run with the default token permissions", open.len()), open)
    }
}
