use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// No changelog is maintained.
    ///
    /// ## What it checks
    /// For repositories with a deployable service, that a `CHANGELOG*`, `CHANGES*`,
    /// `HISTORY*` or `release-notes*` file (per-package ones count) has at least two versioned
    /// entries.
    ///
    /// ## Why it matters
    /// When a release misbehaves, the first question is what changed. A changelog answers it
    /// for people who do not read commit logs: support, product, the on-call engineer.
    ///
    /// ## How to fix
    /// Keep one by hand (<https://keepachangelog.com>) or generate it from commits:
    ///
    /// ```sh
    /// npx changeset init
    /// ```
    ///
    /// References: <https://keepachangelog.com/en/1.1.0/>
    NoChangelog {
        id: "OPS004",
        name: "no-changelog",
        category: Ops,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["stack.services", "release.changelog"],
        fix: "Keep a CHANGELOG (by hand or with changesets / release-please).",
        done: "A changelog is maintained",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.is_true("release.changelog") {
            return pass();
        }
        let fact = inv.get("release.changelog");
        let message = match fact.discarded.first() {
            Some(d) => format!("the changelog has {}", d.reason),
            None => "no CHANGELOG, CHANGES, HISTORY or release-notes file".to_string(),
        };
        fail(message, fact.discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
