use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// A privileged workflow checks out and runs a pull request's code.
    ///
    /// ## What it checks
    /// Workflows triggered by `pull_request_target` or `workflow_run` (which run with the base
    /// repository's secrets and a write token) that check out the pull request's head
    /// (`ref: ${{ github.event.pull_request.head.sha }}`, `github.head_ref`, `refs/pull/…`).
    ///
    /// ## Why it matters
    /// Any build step then runs code from a fork (a `postinstall` script, a test, a config
    /// file) with access to secrets: the "pwn request" pattern behind several supply-chain
    /// compromises.
    ///
    /// ## How to fix
    /// Use `pull_request` for anything that builds or tests the contribution; keep
    /// `pull_request_target` for labelling and commenting without checking out the head:
    ///
    /// ```yaml
    /// on: pull_request
    /// permissions: { contents: read }
    /// ```
    ///
    /// References: <https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/>
    DangerousPullRequestTarget {
        id: "CI019",
        name: "dangerous-pull-request-target",
        category: Ci,
        severity: High,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["ci.dangerous_triggers"],
        fix: "Do not check out pull request code in pull_request_target or workflow_run workflows.",
        done: "No privileged workflow runs a pull request's code",
    }
    fn check(inv) {
        let triggers = inv.list("ci.dangerous_triggers");
        if triggers.is_empty() {
            return pass();
        }
        let fact = inv.get("ci.dangerous_triggers");
        fail(format!("{} checkout(s) of pull request code in a {} workflow, which runs with secrets", fact.evidence.len(), triggers.join("/")), fact.evidence.clone())
    }
}
