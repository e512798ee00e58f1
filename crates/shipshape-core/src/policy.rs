//! Rule outcomes: runs every rule and applies what the rules themselves do not decide.
//! A rule whose needed facts are `null` does not apply; a rule that fails on a fact built
//! without some file it needed (a parse error) is "not evaluated" and left out of scores.
//! Configuration, suppressions and attestations join here.

use crate::config::{self, Config};
use crate::facts::Inventory;
use crate::parse::Repo;
use crate::rules::{self, Check, Finding, Meta, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    NotEvaluated,
    /// Passes on the owners' word (`[attest]` in shipshape.toml): not verified.
    Attested,
    /// Turned off in shipshape.toml.
    Disabled,
    /// Failed, but every place it points at carries `shipshape: ignore[ID] reason`.
    Suppressed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotApplicable => "not_applicable",
            Status::NotEvaluated => "not_evaluated",
            Status::Attested => "attested",
            Status::Disabled => "disabled",
            Status::Suppressed => "suppressed",
        }
    }
}

/// What became of one rule.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: &'static Meta,
    /// The rule's severity, or the override from shipshape.toml.
    pub severity: Severity,
    pub status: Status,
    pub finding: Option<Finding>,
    /// Why the rule did not apply or could not be evaluated; the attestation; the suppression
    /// reason.
    pub reason: Option<String>,
}

pub fn evaluate(inv: &Inventory, repo: &Repo, config: &Config) -> Vec<Outcome> {
    rules::all().iter().map(|rule| apply_config(check(*rule, inv), repo, config)).collect()
}

/// Configuration, attestations and inline suppressions, in one place.
fn apply_config(mut outcome: Outcome, repo: &Repo, config: &Config) -> Outcome {
    let id = outcome.rule.id;
    if let Some(severity) = config.severities.get(id) {
        outcome.severity = *severity;
    }
    if config.disabled.contains(&id) {
        return Outcome {
            status: Status::Disabled,
            finding: None,
            reason: Some(format!("disabled in {}", config.path.as_deref().unwrap_or("shipshape.toml"))),
            ..outcome
        };
    }
    if let Some(statement) = config.attested.get(id)
        && matches!(outcome.status, Status::Fail | Status::NotEvaluated)
    {
        return Outcome { status: Status::Attested, finding: None, reason: Some(statement.clone()), ..outcome };
    }
    if outcome.status == Status::Fail
        && let Some(finding) = &outcome.finding
        && !finding.evidence.is_empty()
    {
        let reasons: Option<Vec<String>> = finding
            .evidence
            .iter()
            .map(|ev| {
                let text = repo.file(ev.file).text()?;
                let (line, _) = repo.line_at(ev.file, ev.span.as_ref()?.start)?;
                config::suppression(text, line, id)
            })
            .collect();
        if let Some(reasons) = reasons {
            let mut reasons: Vec<String> = reasons.into_iter().filter(|r| !r.is_empty()).collect();
            reasons.dedup();
            return Outcome { status: Status::Suppressed, reason: Some(reasons.join("; ")), ..outcome };
        }
    }
    outcome
}

/// Why code rules are not assessed, when application source in a language shipshape does not
/// read matters (`stack.code_unread`): `not assessed: Ruby source is not read`.
fn unread_source(inv: &Inventory) -> Option<String> {
    let names: Vec<&str> =
        crate::facts::stack::unread_languages(inv).into_iter().map(|(l, _)| crate::facts::stack::language_name(l)).collect();
    (!names.is_empty()).then(|| format!("{NOT_ASSESSED}{} source is not read", names.join(", ")))
}

/// How the reason of a rule not assessed for unread source starts.
pub const NOT_ASSESSED: &str = "not assessed: ";

fn check(rule: &'static dyn rules::Rule, inv: &Inventory) -> Outcome {
    let meta = rule.meta();
    let outcome = |status, finding, reason| Outcome { rule: meta, severity: meta.severity, status, finding, reason };
    if let Some(null) = meta.needs.iter().find(|k| inv.is_null(k)) {
        // Null with something found that could not be read (a value computed at run time): not
        // assessed, rather than not applicable.
        if let Some(found) = inv.get(null).discarded.first() {
            return outcome(Status::NotEvaluated, None, Some(format!("{NOT_ASSESSED}{}", found.reason)));
        }
        let reason = if null.starts_with("live.") && inv.is_null("live.url") {
            "no live probe: `--url URL` adds one".to_string()
        } else {
            format!("`{null}` is null")
        };
        return outcome(Status::NotApplicable, None, Some(reason));
    }
    inv.take_reads();
    let check = rule.check(inv);
    let undeclared: Vec<String> =
        inv.take_reads().into_iter().filter(|k| !meta.needs.contains(&k.as_str()) && !meta.reads.contains(&k.as_str())).collect();
    debug_assert!(undeclared.is_empty(), "{} reads undeclared facts {undeclared:?}: add them to `needs`", meta.id);
    // A rule that reads application code says nothing where that code was not read: a failure,
    // or "does not apply" for want of readable code, is "not assessed" when a server-side
    // language is not read (unknown is not absent).
    let unread = if meta.needs.contains(&"stack.code_analyzed") { unread_source(inv) } else { None };
    match check {
        Check::Fail(_) if unread.is_some() => outcome(Status::NotEvaluated, None, unread),
        Check::NotApplicable(reason) if reason == rules::CODE_NOT_READ && unread.is_some() => outcome(Status::NotEvaluated, None, unread),
        Check::Pass => outcome(Status::Pass, None, None),
        Check::NotApplicable(reason) => outcome(Status::NotApplicable, None, Some(reason)),
        Check::Fail(finding) => {
            let broken = inv.incomplete_of(meta.needs.iter().chain(meta.reads));
            if broken.is_empty() {
                outcome(Status::Fail, Some(finding), None)
            } else {
                outcome(Status::NotEvaluated, None, Some(format!("could not read {}", broken.join(", "))))
            }
        }
    }
}
