use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// No CI pipeline runs on this repository.
    ///
    /// ## What it checks
    /// That at least one CI configuration exists: GitHub Actions workflows under
    /// `.github/workflows/` (at the repository root only), `.gitlab-ci.yml`, CircleCI, Azure
        /// Pipelines, Bitbucket Pipelines, Travis, Buildkite, Drone or a `Jenkinsfile`. Applies to
    /// repositories with a deployable service.
    ///
    /// ## Why it matters
    /// Without CI nothing checks a change before it ships: tests run when someone remembers,
    /// and a broken main branch is found by users.
    ///
    /// ## How to fix
    /// Start with one workflow that installs, lints, tests and builds on every push and pull
    /// request:
    ///
    /// ```yaml
    /// # .github/workflows/ci.yml
    /// name: CI
    /// on: [push, pull_request]
    /// permissions: { contents: read }
    /// jobs:
    ///   test:
    ///     runs-on: ubuntu-latest
    ///     timeout-minutes: 15
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - uses: actions/setup-node@v4
    ///         with: { node-version: 20, cache: npm }
    ///       - run: npm ci
    ///       - run: npm run lint && npm test && npm run build
    /// ```
    ///
    /// References: <https://docs.github.com/actions/quickstart>
    NoCi {
        id: "CI001",
        name: "no-ci",
        category: Ci,
        severity: High,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["ci.providers", "stack.languages", "stack.services"],
        fix: "Add a CI pipeline that installs, lints, tests and builds every change.",
        done: "A CI pipeline runs on the repository",
    }
    fn check(inv) {
                if inv.len("stack.services") == 0 {
            return not_applicable("no deployable service: production readiness does not apply yet");
        }
        if inv.len("ci.providers") > 0 {
            return pass();
        }
        fail("no CI configuration found: nothing checks a change before it ships", Vec::new())
    }
}
