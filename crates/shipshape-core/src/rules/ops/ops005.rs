use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Releases are not automated.
    ///
    /// ## What it checks
    /// For repositories with a deployable service, that versioning and release notes are
    /// automated: semantic-release, changesets, release-please, goreleaser, cargo-release,
    /// standard-version, release-it, or CI triggered on tags.
    ///
    /// ## Why it matters
    /// Hand-made releases skip steps (a tag, a note, a version bump) and make "which version
    /// is in production?" hard to answer.
    ///
    /// ## How to fix
    /// ```yaml
    /// # .github/workflows/release.yml
    /// on: { push: { branches: [main] } }
    /// permissions: { contents: write, pull-requests: write }
    /// jobs:
    ///   release:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: googleapis/release-please-action@v4
    /// ```
    ///
    /// References: <https://github.com/googleapis/release-please>
    NoReleaseAutomation {
        id: "OPS005",
        name: "no-release-automation",
        category: Ops,
        severity: Low,
        level: 4,
        effort: Small,
        confidence: High,
        needs: ["stack.services", "release.automation"],
        fix: "Automate versioning and release notes (release-please, changesets, semantic-release).",
        done: "Releases are automated",
    }
    fn check(inv) {
        if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service");
        }
        if inv.len("release.automation") > 0 {
            return pass();
        }
        fail("versions and release notes are made by hand: no release tool and no tag-triggered CI", Vec::new())
    }
}
