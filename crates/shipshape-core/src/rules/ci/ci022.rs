use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// CI installs JavaScript dependencies without enforcing the lockfile.
    ///
    /// ## What it checks
    /// Every reachable CI install uses a frozen install: `npm ci`, `pnpm install` (frozen by
    /// default in CI), `yarn install --frozen-lockfile` or `--immutable` (the default for Yarn
    /// 2+, detected by `.yarnrc.yml`), `bun install --frozen-lockfile`. A bare `npm install` or
    /// Yarn 1 `yarn install` does not count.
    ///
    /// ## Why it matters
    /// A non-frozen install resolves versions anew: CI tests different dependencies than the
    /// lockfile says and than production gets, and a compromised new patch release is pulled in
    /// without review.
    ///
    /// ## How to fix
    /// ```yaml
    /// - run: npm ci
    /// ```
    ///
    /// References: <https://docs.npmjs.com/cli/commands/npm-ci>
    LockfileNotEnforced {
        id: "CI022",
        name: "lockfile-not-enforced",
        category: Ci,
        severity: Low,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.frozen_install"],
        fix: "Use `npm ci` / `--frozen-lockfile` / `--immutable` for installs in CI.",
        done: "CI installs JavaScript dependencies from the lockfile",
    }
    fn check(inv) {
        if inv.is_true("ci.frozen_install") {
            return pass();
        }
        let installs = discarded_evidence(inv, "ci.frozen_install");
        fail(format!("{} CI install(s) may resolve versions other than the lockfile's", installs.len()), installs)
    }
}
