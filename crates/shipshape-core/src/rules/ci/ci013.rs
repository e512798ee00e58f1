use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// Third-party GitHub Actions are pinned to tags, not commit SHAs.
    ///
    /// ## What it checks
    /// Every `uses:` of an action or reusable workflow outside `actions/*` and `github/*`
    /// (local `./` actions excluded) is pinned to a full 40-character commit SHA;
    /// `docker://` images to a `@sha256:` digest.
    ///
    /// ## Why it matters
    /// A tag can be moved. When an action's repository is compromised, every workflow that
    /// uses it by tag runs the attacker's code with its secrets, as in the tj-actions/changed-files
    /// incident of March 2025. A SHA cannot be moved.
    ///
    /// ## How to fix
    /// Pin to the commit and keep the tag as a comment (Dependabot and Renovate update both):
    ///
    /// ```yaml
    /// - uses: pnpm/action-setup@a7487c7e89a18df4991f7f222e4898a00d66ddda # v4.1.0
    /// ```
    ///
    /// References: <https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions>
    UnpinnedActions {
        id: "CI013",
        name: "unpinned-actions",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.pinned_actions"],
        fix: "Pin third-party actions to a full commit SHA (with the version as a comment).",
        done: "Third-party GitHub Actions are pinned to commit SHAs",
    }
    fn check(inv) {
        if inv.is_true("ci.pinned_actions") {
            return pass();
        }
        let unpinned = discarded_evidence(inv, "ci.pinned_actions");
        fail(format!("{} third-party action use(s) are pinned to a movable tag or branch", unpinned.len()), unpinned)
    }
}
