use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Dependencies are not kept up to date by a bot.
    ///
    /// ## What it checks
    /// That Dependabot (`.github/dependabot.yml`) or Renovate (`renovate.json`, `.renovaterc*`,
    /// a `renovate` key in `package.json`) is configured with at least one active entry: an
    /// entry whose `open-pull-requests-limit` is `0` or whose directory does not exist does
    /// not count, nor does Renovate with `enabled: false`.
    ///
    /// ## Why it matters
    /// Outdated dependencies accumulate known vulnerabilities, and the longer updates wait the
    /// larger and riskier each one gets. A bot keeps every update small and reviewed.
    ///
    /// ## How to fix
    /// ```yaml
    /// # .github/dependabot.yml
    /// version: 2
    /// updates:
    ///   - package-ecosystem: npm
    ///     directory: /
    ///     schedule: { interval: weekly }
    ///     groups: { minor-and-patch: { update-types: [minor, patch] } }
    ///   - package-ecosystem: github-actions
    ///     directory: /
    ///     schedule: { interval: weekly }
    /// ```
    ///
    /// References: <https://docs.github.com/code-security/dependabot/dependabot-version-updates>
    NoDependencyUpdateBot {
        id: "CI015",
        name: "no-dependency-update-bot",
        category: Ci,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["deps.update_bot", "stack.package_managers"],
        fix: "Configure Dependabot or Renovate for every package ecosystem in the repository.",
        done: "A bot keeps dependencies up to date",
    }
    fn check(inv) {
        if inv.len("stack.package_managers") == 0 {
            return not_applicable("no dependency manifest or lockfile");
        }
        if inv.len("deps.update_bot") > 0 {
            return pass();
        }
        let discarded = &inv.get("deps.update_bot").discarded;
        if discarded.is_empty() {
            return fail("no Dependabot or Renovate configuration", inv.get("stack.package_managers").evidence.clone());
        }
        let reasons: Vec<&str> = discarded.iter().map(|d| d.reason.as_str()).collect();
        fail(format!("an update bot is configured but cannot open pull requests: {}", reasons.join("; ")), discarded.iter().map(|d| d.evidence.clone()).collect())
    }
}
