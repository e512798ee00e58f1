//! Rule outcomes: runs every rule and applies what the rules themselves do not decide.
//! A rule whose needed facts are `null` does not apply; a rule that fails on a fact built
//! without some file it needed (a parse error) is "not evaluated" and left out of scores.
//! Configuration, suppressions and attestations join here.

use crate::facts::Inventory;
use crate::rules::{self, Check, Finding, Meta};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    NotEvaluated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotApplicable => "not_applicable",
            Status::NotEvaluated => "not_evaluated",
        }
    }
}

/// What became of one rule.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: &'static Meta,
    pub status: Status,
    pub finding: Option<Finding>,
    /// Why the rule did not apply or could not be evaluated.
    pub reason: Option<String>,
}

pub fn evaluate(inv: &Inventory) -> Vec<Outcome> {
    rules::all()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            if let Some(null) = meta.needs.iter().find(|k| inv.is_null(k)) {
                return Outcome { rule: meta, status: Status::NotApplicable, finding: None, reason: Some(format!("`{null}` is null")) };
            }
            inv.take_reads();
            let check = rule.check(inv);
            let undeclared: Vec<String> =
                inv.take_reads().into_iter().filter(|k| !meta.needs.contains(&k.as_str()) && !meta.reads.contains(&k.as_str())).collect();
            debug_assert!(undeclared.is_empty(), "{} reads undeclared facts {undeclared:?}: add them to `needs`", meta.id);
            match check {
                Check::Pass => Outcome { rule: meta, status: Status::Pass, finding: None, reason: None },
                Check::NotApplicable(reason) => Outcome { rule: meta, status: Status::NotApplicable, finding: None, reason: Some(reason) },
                Check::Fail(finding) => {
                    let broken: Vec<&String> = meta.needs.iter().chain(meta.reads).flat_map(|k| inv.incomplete(k)).collect();
                    if broken.is_empty() {
                        Outcome { rule: meta, status: Status::Fail, finding: Some(finding), reason: None }
                    } else {
                        let files: Vec<&str> = broken.iter().map(|s| s.as_str()).collect();
                        Outcome {
                            rule: meta,
                            status: Status::NotEvaluated,
                            finding: None,
                            reason: Some(format!("could not read {}", files.join(", "))),
                        }
                    }
                }
            }
        })
        .collect()
}
