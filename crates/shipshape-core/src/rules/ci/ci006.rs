use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// CI runs no security scan.
    ///
    /// ## What it checks
    /// That a reachable CI step scans for vulnerabilities or leaked secrets: CodeQL, Trivy,
    /// Snyk, `npm`/`pnpm`/`yarn audit`, `pip-audit`, Safety, Bandit, Semgrep, Gitleaks,
    /// TruffleHog, dependency review, OSSF Scorecard, ZAP, Grype, Checkov, `osv-scanner`,
    /// `govulncheck`, `cargo audit`/`cargo deny`. A scan whose failure is ignored does not count.
    ///
    /// ## Why it matters
    /// Most breaches of web apps start from a known-vulnerable dependency or a committed
    /// credential. A scan on every pull request catches both before they ship, for minutes of
    /// CI time.
    ///
    /// ## How to fix
    /// ```yaml
    /// # .github/workflows/codeql.yml
    /// on: [push, pull_request]
    /// permissions: { contents: read, security-events: write }
    /// jobs:
    ///   analyze:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - uses: actions/checkout@v4
    ///       - uses: github/codeql-action/init@v3
    ///         with: { languages: javascript-typescript }
    ///       - uses: github/codeql-action/analyze@v3
    /// ```
    ///
    /// References: <https://docs.github.com/code-security/code-scanning>
    NoSecurityScan {
        id: "CI006",
        name: "no-security-scan",
        category: Ci,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.providers", "ci.security_scans", "ci.workflows"],
        fix: "Add a dependency and code scan to CI (CodeQL, dependency-review, npm audit, pip-audit, Trivy).",
        done: "CI runs a security scan",
    }
    fn check(inv) {
        if inv.len("ci.providers") == 0 {
            return not_applicable("no CI configuration");
        }
        if inv.len("ci.security_scans") > 0 {
            return pass();
        }
        let fact = inv.get("ci.security_scans");
        let mut evidence: Vec<_> = fact.discarded.iter().map(|d| d.evidence.clone()).collect();
        let suffix = if evidence.is_empty() { String::new() } else { format!(" ({} scan(s) found whose failure is ignored)", evidence.len()) };
        if evidence.is_empty() {
            evidence = inv.get("ci.workflows").evidence.clone();
        }
        fail(format!("no CI step scans dependencies, code or secrets{suffix}"), evidence)
    }
}
