//! The report: one serializable model that every renderer formats. It is a versioned DTO,
//! not a dump of internal types: field order is the JSON key order, maps are sorted, and the
//! same input gives the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::escape;
use crate::facts::{Evidence, Fact, Inventory};
use crate::parse::Repo;
use crate::policy::{Outcome, Status};
use crate::rounds::RoundDiff;
use crate::rules::{Category, Confidence, Severity};
use crate::score::{self, LEVEL_NAMES, Scores};
use crate::walk::FileKind;

/// Bumped on any incompatible change to the JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub scoring_version: u32,
    pub tool: Tool,
    pub source: Source,
    pub summary: Summary,
    pub categories: Vec<CategoryReport>,
    pub findings: Vec<FindingReport>,
    pub roadmap: Vec<Phase>,
    pub rules: Vec<RuleOutcome>,
    /// Rules passing on the owners' word (shipshape.toml `[attest]`): not verified.
    pub attestations: Vec<Attestation>,
    /// Findings silenced with `shipshape: ignore[ID] reason`.
    pub suppressed: Vec<Suppressed>,
    pub facts: BTreeMap<String, FactReport>,
    pub skipped: Vec<SkippedFile>,
    /// What changed since the previous recorded run, for the Markdown and HTML reports. Not in
    /// the JSON report, which depends only on the audited tree (`shipshape diff` prints it).
    #[serde(skip)]
    pub since_last_round: Option<RoundDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attestation {
    pub rule: &'static str,
    pub statement: String,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    pub rule: &'static str,
    pub message: String,
    pub evidence: Vec<EvidenceReport>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub path: String,
    pub commit: Option<String>,
    /// The day of the audit (UTC, `YYYY-MM-DD`), set by the caller: `SOURCE_DATE_EPOCH` when
    /// given, for reproducible reports.
    pub date: Option<String>,
    pub files: usize,
    pub files_read: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Mean of the category scores that exist; `null` when none does.
    pub score: Option<u32>,
    pub level: Level,
    pub posture: &'static str,
    pub findings: SeverityCounts,
    /// Rules that could not be evaluated because a file they depend on could not be read:
    /// every format says so in its headline.
    pub not_evaluated: NotEvaluated,
}

/// What the audit could not evaluate, and why.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NotEvaluated {
    /// How many rules.
    pub rules: usize,
    /// The files that stopped them, each with why it could not be read.
    pub files: Vec<UnreadFile>,
    /// The languages whose source is not read that stopped the rules reading code.
    pub languages: Vec<UnreadLanguage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnreadLanguage {
    /// As in `stack.languages` (`ruby`).
    pub language: String,
    /// Application files of it (outside mobile shells).
    pub files: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnreadFile {
    pub path: String,
    pub reason: String,
}

impl NotEvaluated {
    /// The headline every format shows, `None` when every rule was evaluated:
    /// `3 rules not evaluated: apps/web/types_db.ts could not be read (not valid UTF-8)`.
    pub fn headline(&self) -> Option<String> {
        if self.rules == 0 {
            return None;
        }
        let rules = if self.rules == 1 { "1 rule not evaluated".to_string() } else { format!("{} rules not evaluated", self.rules) };
        let languages = self.languages.iter().map(|l| {
            let files = if l.files == 1 { "1 file".to_string() } else { format!("{} files", l.files) };
            format!("{} source is not read ({files})", crate::facts::stack::language_name(&l.language))
        });
        let files = self.files.iter().take(3).map(|f| format!("{} could not be read ({})", f.path, f.reason));
        let shown: Vec<String> = languages.chain(files).collect();
        let more = match self.files.len().saturating_sub(3) {
            0 => String::new(),
            n => format!(" and {n} more file(s)"),
        };
        Some(format!("{rules}: {}{more}", shown.join("; ")))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub value: u8,
    pub name: &'static str,
    /// The next level and the failing rules that stand before it; `null` at level 5.
    pub next: Option<NextLevel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextLevel {
    pub value: u8,
    pub name: &'static str,
    pub blockers: Vec<&'static str>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SeverityCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryReport {
    pub id: &'static str,
    pub title: &'static str,
    pub score: Option<u32>,
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
    pub not_evaluated: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingReport {
    pub rule: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub confidence: Confidence,
    pub priority: String,
    pub effort: &'static str,
    pub phase: u8,
    pub message: String,
    pub evidence: Vec<EvidenceReport>,
    /// For findings of absence (no location to cite): what was looked at.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub searched: Vec<String>,
    pub remediation: &'static str,
    /// Already in the `--baseline` report (then `--fail-on` ignores it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_baseline: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceReport {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub phase: u8,
    pub title: &'static str,
    pub findings: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleOutcome {
    pub id: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub level: u8,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What holds when the rule passes ("CI runs the test suite"): the checklist's words.
    pub done: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactReport {
    pub value: serde_json::Value,
    pub evidence: Vec<EvidenceReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub searched: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discarded: Vec<DiscardedReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscardedReport {
    #[serde(flatten)]
    pub at: EvidenceReport,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: String,
    pub kind: &'static str,
    pub reason: String,
}

const MAX_SNIPPET: usize = 160;

/// Evidence as the report shows it: path, line and a one-line, redacted snippet.
pub fn evidence(repo: &Repo, ev: &Evidence) -> EvidenceReport {
    let path = repo.file(ev.file).path.clone();
    let located = ev.span.as_ref().and_then(|s| repo.line_at(ev.file, s.start));
    match located {
        Some((line, text)) => {
            // Cut to MAX_SNIPPET only once masked (`Report::cleaned`): a cut value would no
            // longer match its mask.
            EvidenceReport { path, line: Some(line), snippet: Some(redact(text.trim())) }
        }
        None => EvidenceReport { path, line: None, snippet: None },
    }
}

fn mask_json(masker: &Masker, value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => masker.apply(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mask_json(masker, v)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| mask_json(masker, v)),
        _ => {}
    }
}

/// Mask what may be a secret in a snippet: credentials in URLs, values assigned to
/// secret-named keys, and long random-looking tokens.
pub fn redact(line: &str) -> String {
    let mut out = line.to_string();
    // scheme://user:password@host
    if let Some(scheme) = out.find("://") {
        let rest = &out[scheme + 3..];
        if let Some(at) = rest.find('@')
            && let Some(colon) = rest[..at].find(':')
            && !rest[..at].contains('/')
            && !rest[colon + 1..at].is_empty()
        {
            let start = scheme + 3 + colon + 1;
            out.replace_range(start..scheme + 3 + at, "***");
        }
    }
    // KEY=value / key: value / "key": "value" where the key names a secret.
    const SECRET_WORDS: &[&str] =
        &["SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE", "CREDENTIAL", "ACCESS_KEY", "AUTH"];
    let upper = out.to_ascii_uppercase();
    if SECRET_WORDS.iter().any(|w| upper.contains(w))
        && let Some(sep) = out.find(['=', ':'])
    {
        let value = out[sep + 1..].trim().trim_matches(['"', '\'', ',']).trim();
        let is_reference = value.is_empty()
            || value.starts_with("${")
            || value.starts_with('$')
            || value.contains("secrets.")
            || value.contains("process.env")
            || value.starts_with('<')
            || value.contains("env(");
        if !is_reference && value.len() >= 4 && !value.contains(' ') {
            out = format!("{} ***", &out[..sep + 1]);
        }
    }
    // Known token shapes, and long random-looking tokens (not hex digests, not paths).
    let tokens: Vec<String> = out
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/' | '=' | '.')))
        .filter(|t| is_token_shape(t) || t.split('.').any(|part| part.len() >= 32 && looks_random(part)))
        .map(str::to_string)
        .collect();
    for t in tokens {
        out = out.replace(&t, "***");
    }
    out
}

/// Shapes of credentials that are secret at any length: cloud keys, provider tokens, JWTs.
fn is_token_shape(t: &str) -> bool {
    let upper_digits = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (t.len() == 20 && (t.starts_with("AKIA") || t.starts_with("ASIA")) && upper_digits(t))
        || (t.len() >= 20 && (crate::facts::secrets::is_provider_token(t) || t.starts_with("sk_test_")))
        || (t.starts_with("eyJ") && t.split('.').count() == 3 && t.len() > 40)
}

fn looks_random(t: &str) -> bool {
    let hex = t.bytes().all(|b| b.is_ascii_hexdigit());
    let has_upper = t.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = t.bytes().any(|b| b.is_ascii_lowercase());
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    !hex && !t.contains('/') && has_upper && has_lower && has_digit
}

fn fact_report(repo: &Repo, fact: &Fact) -> FactReport {
    FactReport {
        value: fact.value.clone(),
        evidence: fact.evidence.iter().map(|e| evidence(repo, e)).collect(),
        searched: fact.searched.clone(),
        discarded: fact.discarded.iter().map(|d| DiscardedReport { at: evidence(repo, &d.evidence), reason: d.reason.clone() }).collect(),
    }
}

/// The rules not evaluated, and the unreadable files their facts depend on.
fn not_evaluated(repo: &Repo, inv: &Inventory, outcomes: &[Outcome]) -> NotEvaluated {
    let stopped: Vec<&Outcome> = outcomes.iter().filter(|o| o.status == Status::NotEvaluated).collect();
    let files = inv
        .incomplete_of(stopped.iter().flat_map(|o| o.rule.needs.iter().chain(o.rule.reads)))
        .into_iter()
        .map(|path| UnreadFile {
            path: path.to_string(),
            reason: repo
                .skipped
                .iter()
                .find(|s| s.path == path)
                .map(|s| s.reason.to_string())
                .or_else(|| inv.gap_reason(path).map(str::to_string))
                .unwrap_or_default(),
        })
        .collect();
    let unread_source = stopped.iter().any(|o| o.reason.as_deref().is_some_and(|r| r.starts_with(crate::policy::NOT_ASSESSED)));
    let languages = if unread_source {
        crate::facts::stack::unread_languages(inv)
            .into_iter()
            .map(|(language, files)| UnreadLanguage { language: language.to_string(), files })
            .collect()
    } else {
        Vec::new()
    };
    NotEvaluated { rules: stopped.len(), files, languages }
}

pub fn build(repo: &Repo, inv: &Inventory, outcomes: &[Outcome], scores: &Scores) -> Report {
    let mut findings: Vec<FindingReport> = outcomes
        .iter()
        .filter(|o| o.status == Status::Fail)
        .filter_map(|o| {
            let f = o.finding.as_ref()?;
            let mut evidence: Vec<EvidenceReport> = f.evidence.iter().map(|e| evidence(repo, e)).collect();
            evidence.dedup();
            let mut searched: Vec<String> = if evidence.is_empty() {
                o.rule.needs.iter().chain(o.rule.reads).flat_map(|k| inv.get(k).searched.iter().cloned()).collect()
            } else {
                Vec::new()
            };
            searched.dedup();
            Some(FindingReport {
                rule: o.rule.id,
                name: o.rule.name,
                category: o.rule.category,
                severity: o.severity,
                confidence: o.rule.confidence,
                priority: format!("P{}", score::priority(o.severity)),
                effort: o.rule.effort.as_str(),
                phase: score::phase(o.severity, o.rule.effort),
                message: f.message.clone(),
                evidence,
                searched,
                remediation: o.rule.fix,
                in_baseline: false,
            })
        })
        .collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.category.cmp(&b.category)).then(a.rule.cmp(b.rule)));

    let mut counts = SeverityCounts::default();
    for f in &findings {
        *match f.severity {
            Severity::Critical => &mut counts.critical,
            Severity::High => &mut counts.high,
            Severity::Medium => &mut counts.medium,
            Severity::Low => &mut counts.low,
            Severity::Info => &mut counts.info,
        } += 1;
    }

    let roadmap = [(1, "Week 1"), (2, "Weeks 2–4"), (3, "Later")]
        .into_iter()
        .map(|(phase, title)| Phase { phase, title, findings: findings.iter().filter(|f| f.phase == phase).map(|f| f.rule).collect() })
        .collect();

    let next = (scores.level < 5).then(|| NextLevel {
        value: scores.level + 1,
        name: LEVEL_NAMES[scores.level as usize],
        blockers: scores.blockers.clone(),
    });

    Report {
        schema_version: SCHEMA_VERSION,
        scoring_version: score::SCORING_VERSION,
        tool: Tool { name: "shipshape", version: env!("CARGO_PKG_VERSION") },
        source: Source {
            path: repo.source.path.clone(),
            commit: repo.source.commit.clone(),
            date: None,
            files: repo.files.iter().filter(|f| f.kind != Some(FileKind::LiveResponse)).count(),
            files_read: repo.files.iter().filter(|f| f.is_read() && f.kind != Some(FileKind::LiveResponse)).count(),
        },
        summary: Summary {
            score: scores.overall,
            level: Level { value: scores.level, name: LEVEL_NAMES[scores.level as usize - 1], next },
            posture: scores.posture.as_str(),
            findings: counts,
            not_evaluated: not_evaluated(repo, inv, outcomes),
        },
        categories: scores
            .categories
            .iter()
            .map(|c| CategoryReport {
                id: c.category.id(),
                title: c.category.title(),
                score: c.score,
                passed: c.passed,
                failed: c.failed,
                not_applicable: c.not_applicable,
                not_evaluated: c.not_evaluated,
            })
            .collect(),
        findings,
        roadmap,
        rules: outcomes
            .iter()
            .map(|o| RuleOutcome {
                id: o.rule.id,
                name: o.rule.name,
                category: o.rule.category,
                severity: o.severity,
                level: o.rule.level,
                status: o.status.as_str(),
                reason: o.reason.clone(),
                done: o.rule.done,
            })
            .collect(),
        attestations: outcomes
            .iter()
            .filter(|o| o.status == Status::Attested)
            .map(|o| Attestation { rule: o.rule.id, statement: o.reason.clone().unwrap_or_default(), verified: false })
            .collect(),
        suppressed: outcomes
            .iter()
            .filter(|o| o.status == Status::Suppressed)
            .filter_map(|o| {
                let f = o.finding.as_ref()?;
                Some(Suppressed {
                    rule: o.rule.id,
                    message: f.message.clone(),
                    evidence: f.evidence.iter().map(|e| evidence(repo, e)).collect(),
                    reason: o.reason.clone().unwrap_or_default(),
                })
            })
            .collect(),
        facts: inv.iter().map(|(k, f)| (k.to_string(), fact_report(repo, f))).collect(),
        skipped: repo
            .skipped
            .iter()
            .map(|s| SkippedFile { path: s.path.clone(), kind: s.reason.code(), reason: s.reason.to_string() })
            .collect(),
        since_last_round: None,
    }
    .cleaned(&Masker::new(inv.masked()))
}

/// Replaces every value the secret scan saw with `***`, wherever it appears.
struct Masker(Option<aho_corasick::AhoCorasick>);

impl Masker {
    fn new(values: &[String]) -> Masker {
        let ac = (!values.is_empty())
            .then(|| aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(values).ok())
            .flatten();
        Masker(ac)
    }

    fn apply(&self, text: &mut String) {
        if let Some(ac) = &self.0
            && ac.is_match(text.as_str())
        {
            *text = ac.replace_all(text, &vec!["***"; ac.patterns_len()]);
        }
    }
}

impl Report {
    /// Every string that may come from the audited tree (or a probed server) with each value
    /// the secret scan saw masked, and control characters escaped ([`escape::controls`]): no
    /// format can carry a secret or a terminal escape. Snippets are then cut to one line's
    /// worth.
    fn cleaned(mut self, masker: &Masker) -> Report {
        let e = |text: &mut String| {
            masker.apply(text);
            escape::in_place(text);
        };
        let snippet = |text: &mut String| {
            e(text);
            if text.chars().count() > MAX_SNIPPET {
                *text = text.chars().take(MAX_SNIPPET - 1).collect::<String>() + "…";
            }
        };
        let evidence = |list: &mut Vec<EvidenceReport>| {
            for ev in list {
                e(&mut ev.path);
                ev.snippet.iter_mut().for_each(snippet);
            }
        };
        e(&mut self.source.path);
        for f in &mut self.findings {
            e(&mut f.message);
            evidence(&mut f.evidence);
            f.searched.iter_mut().for_each(e);
        }
        for r in &mut self.rules {
            r.reason.iter_mut().for_each(e);
        }
        for a in &mut self.attestations {
            e(&mut a.statement);
        }
        for s in &mut self.suppressed {
            e(&mut s.message);
            e(&mut s.reason);
            evidence(&mut s.evidence);
        }
        for fact in self.facts.values_mut() {
            mask_json(masker, &mut fact.value);
            escape::json(&mut fact.value);
            evidence(&mut fact.evidence);
            fact.searched.iter_mut().for_each(e);
            for d in &mut fact.discarded {
                e(&mut d.reason);
                e(&mut d.at.path);
                d.at.snippet.iter_mut().for_each(snippet);
            }
        }
        for s in &mut self.skipped {
            e(&mut s.path);
            e(&mut s.reason);
        }
        for f in &mut self.summary.not_evaluated.files {
            e(&mut f.path);
            e(&mut f.reason);
        }
        self
    }

    /// Findings at or above a severity, not in a baseline (for `--fail-on`).
    pub fn has_findings_at_or_above(&self, severity: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= severity && !f.in_baseline)
    }

    /// Statuses of rules, for quick lookups in tests and renderers.
    pub fn status_of(&self, rule: &str) -> Option<&'static str> {
        self.rules.iter().find(|r| r.id == rule).map(|r| r.status)
    }

    /// Drop findings below a confidence (they stay counted as failing rules).
    pub fn retain_confidence(&mut self, min: Confidence) {
        self.findings.retain(|f| f.confidence >= min);
        for phase in &mut self.roadmap {
            phase.findings.retain(|id| self.findings.iter().any(|f| f.rule == *id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_secrets_in_snippets() {
        assert_eq!(redact("DATABASE_URL=postgres://app:hunter22@db:5432/app"), "DATABASE_URL=postgres://app:***@db:5432/app");
        assert_eq!(redact("API_TOKEN=abcd1234efgh"), "API_TOKEN= ***");
        assert_eq!(redact("  token: ${{ secrets.VERCEL_TOKEN }}"), "  token: ${{ secrets.VERCEL_TOKEN }}");
        assert_eq!(redact("const key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ0aB1c'"), "const key = '***'");
        let sha = "uses: org/action@a7487c7e89a18df4991f7f222e4898a00d66ddda";
        assert_eq!(redact(sha), sha, "commit SHAs are not secrets");
        assert_eq!(redact("run: npm test"), "run: npm test");
        assert_eq!(redact("key = AKIAIOSFODNN7REALKEY"), "key = ***");
        assert_eq!(redact("  - uses: ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "  - uses: ***");
        assert!(!redact("anon: eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJlc2lnbmF0dXJlc2ln").contains("eyJ"));
    }
}
