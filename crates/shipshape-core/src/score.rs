//! Scores, maturity level, posture, priorities and roadmap, from rule outcomes and rule
//! metadata alone (DESIGN.md, "Scoring").

use crate::policy::{Outcome, Status};
use crate::rules::{Category, Effort, Severity};

/// Bumped whenever weights, levels, posture or rule membership change, so that scores in
/// history stay comparable. 2: posture also follows the overall score.
pub const SCORING_VERSION: u32 = 2;

/// Below this overall score the posture is `not ready`, below [`GAPS_BELOW`] `ready with gaps`.
pub const NOT_READY_BELOW: u32 = 50;
pub const GAPS_BELOW: u32 = 75;

/// The posture's definition, as every report states it.
pub const POSTURE_RULE: &str = "Posture: not ready when a critical rule fails or the overall score is below 50; \
                                ready with gaps when a high rule fails or the score is below 75; production ready otherwise.";

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore {
    pub category: Category,
    /// `None` when no rule of the category applies.
    pub score: Option<u32>,
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
    pub not_evaluated: usize,
    exact: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Posture {
    /// No rule with any weight applies: there is nothing deployable to judge yet.
    NotAssessed,
    NotReady,
    ReadyWithGaps,
    ProductionReady,
}

impl Posture {
    pub fn as_str(self) -> &'static str {
        match self {
            Posture::NotAssessed => "not assessed",
            Posture::NotReady => "not ready",
            Posture::ReadyWithGaps => "ready with gaps",
            Posture::ProductionReady => "production ready",
        }
    }
}

pub const LEVEL_NAMES: [&str; 5] = ["Initial", "Managed", "Defined", "Measured", "Optimizing"];

#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub categories: Vec<CategoryScore>,
    pub overall: Option<u32>,
    pub level: u8,
    /// Failing rules between this level and the next (empty at level 5).
    pub blockers: Vec<&'static str>,
    pub posture: Posture,
}

/// P0 for critical findings … P3 for low and info.
pub fn priority(severity: Severity) -> u8 {
    match severity {
        Severity::Critical => 0,
        Severity::High => 1,
        Severity::Medium => 2,
        Severity::Low | Severity::Info => 3,
    }
}

/// Roadmap phase: 1 (week 1) = P0 and quick-win P1; 2 (weeks 2–4) = other P1 and quick-win P2;
/// 3 (later) = the rest.
pub fn phase(severity: Severity, effort: Effort) -> u8 {
    match (priority(severity), effort == Effort::QuickWin) {
        (0, _) | (1, true) => 1,
        (1, false) | (2, true) => 2,
        _ => 3,
    }
}

pub fn score(outcomes: &[Outcome]) -> Scores {
    let categories: Vec<CategoryScore> = Category::ALL
        .into_iter()
        .map(|category| {
            let of: Vec<&Outcome> = outcomes.iter().filter(|o| o.rule.category == category).collect();
            let count = |s: Status| of.iter().filter(|o| o.status == s).count();
            let weight = |s: &[Status]| of.iter().filter(|o| s.contains(&o.status)).map(|o| o.severity.weight()).sum::<f64>();
            let applicable = weight(&[Status::Pass, Status::Attested, Status::Fail]);
            let exact = (applicable > 0.0).then(|| 100.0 * weight(&[Status::Pass, Status::Attested]) / applicable);
            CategoryScore {
                category,
                score: exact.map(|s| s.round() as u32),
                passed: count(Status::Pass) + count(Status::Attested),
                failed: count(Status::Fail),
                not_applicable: count(Status::NotApplicable),
                not_evaluated: count(Status::NotEvaluated),
                exact,
            }
        })
        .collect();
    let existing: Vec<f64> = categories.iter().filter_map(|c| c.exact).collect();
    let overall = (!existing.is_empty()).then(|| (existing.iter().sum::<f64>() / existing.len() as f64).round() as u32);

    let failing = |max_level: u8| outcomes.iter().filter(move |o| o.status == Status::Fail && o.rule.level <= max_level);
    // A level is demonstrated, not assumed: every applicable rule up to it passes, and at least
    // one rule of each level up to it applies and passes. An empty repository stays at level 1.
    let demonstrated = |l: u8| outcomes.iter().any(|o| matches!(o.status, Status::Pass | Status::Attested) && o.rule.level == l);
    let level = (2..=5u8).take_while(|l| failing(*l).next().is_none() && demonstrated(*l)).last().unwrap_or(1);
    let mut blockers: Vec<&'static str> = if level < 5 { failing(level + 1).map(|o| o.rule.id).collect() } else { Vec::new() };
    blockers.sort_unstable();

    let fails = |s: Severity| outcomes.iter().any(|o| o.status == Status::Fail && o.severity == s);
    let assessed =
        outcomes.iter().any(|o| matches!(o.status, Status::Pass | Status::Attested | Status::Fail) && o.severity > Severity::Info);
    // What a CTO can take literally: a failing critical rule, or less than half of what
    // applies done, is not ready; a failing high rule, or less than three quarters, has gaps.
    let below = |limit: u32| overall.is_some_and(|o| o < limit);
    let posture = if !assessed {
        Posture::NotAssessed
    } else if fails(Severity::Critical) || below(NOT_READY_BELOW) {
        Posture::NotReady
    } else if fails(Severity::High) || below(GAPS_BELOW) {
        Posture::ReadyWithGaps
    } else {
        Posture::ProductionReady
    };
    Scores { categories, overall, level, blockers, posture }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{self, Rule};

    fn outcome(rule: &'static dyn Rule, status: Status) -> Outcome {
        Outcome { rule: rule.meta(), severity: rule.meta().severity, status, finding: None, reason: None }
    }

    fn by_id(id: &str) -> &'static dyn Rule {
        rules::find(id).expect("rule exists")
    }

    #[test]
    fn category_score_is_weighted_by_severity() {
        // CI002 high (7.5) passes, CI003 medium (5) fails, CI016 low n/a.
        let outcomes = vec![
            outcome(by_id("CI002"), Status::Pass),
            outcome(by_id("CI003"), Status::Fail),
            outcome(by_id("CI016"), Status::NotApplicable),
        ];
        let s = score(&outcomes);
        let ci = s.categories.iter().find(|c| c.category == Category::Ci).expect("ci");
        assert_eq!(ci.score, Some(60)); // 7.5 / 12.5
        assert_eq!((ci.passed, ci.failed, ci.not_applicable), (1, 1, 1));
        let deploy = s.categories.iter().find(|c| c.category == Category::Deploy).expect("deploy");
        assert_eq!(deploy.score, None, "no applicable rule: no score, never 0");
        assert_eq!(s.overall, Some(60));
    }

    #[test]
    fn not_evaluated_rules_are_left_out() {
        let outcomes = vec![outcome(by_id("CI002"), Status::Pass), outcome(by_id("CI003"), Status::NotEvaluated)];
        let s = score(&outcomes);
        assert_eq!(s.overall, Some(100));
    }

    #[test]
    fn level_posture_and_blockers() {
        // CI003 (level 3, medium) fails: level 2, blocked by CI003. No critical or high rule
        // fails, but less than half of what applies is done: not ready.
        let outcomes =
            vec![outcome(by_id("CI002"), Status::Pass), outcome(by_id("CI003"), Status::Fail), outcome(by_id("CI009"), Status::Fail)];
        let s = score(&outcomes);
        assert_eq!(s.level, 2);
        assert_eq!(s.blockers, ["CI003"]);
        assert!(s.overall.is_some_and(|o| o < NOT_READY_BELOW), "{:?}", s.overall);
        assert_eq!(s.posture, Posture::NotReady);

        // Only a medium rule fails and the score is 60: ready with gaps.
        let s = score(&[outcome(by_id("CI002"), Status::Pass), outcome(by_id("CI003"), Status::Fail)]);
        assert_eq!((s.overall, s.posture), (Some(60), Posture::ReadyWithGaps));

        // Only a low rule fails and the score is 83: production ready.
        let s =
            score(&[outcome(by_id("CI002"), Status::Pass), outcome(by_id("CI003"), Status::Pass), outcome(by_id("CI012"), Status::Fail)]);
        assert_eq!((s.overall, s.posture), (Some(83), Posture::ProductionReady));

        // CI002 (level 2, high) fails, alone: level 1, and a score of 0 is not ready.
        let s = score(&[outcome(by_id("CI002"), Status::Fail)]);
        assert_eq!((s.level, s.posture), (1, Posture::NotReady));
        // A high rule fails with a score of 83: ready with gaps.
        let s = score(&[
            outcome(by_id("CI002"), Status::Fail),
            outcome(by_id("CI003"), Status::Pass),
            outcome(by_id("CI004"), Status::Pass),
            outcome(by_id("CI005"), Status::Pass),
            outcome(by_id("CI012"), Status::Pass),
            outcome(by_id("CI013"), Status::Pass),
            outcome(by_id("CI014"), Status::Pass),
            outcome(by_id("CI015"), Status::Pass),
            outcome(by_id("CI016"), Status::Pass),
            outcome(by_id("CI006"), Status::Pass),
        ]);
        assert!(s.overall.is_some_and(|o| o >= GAPS_BELOW), "{:?}", s.overall);
        assert_eq!(s.posture, Posture::ReadyWithGaps);
        assert_eq!(s.blockers, ["CI002"]);

        // Everything that applies passes, but only level 2 is demonstrated: level 2, no blockers.
        let s = score(&[outcome(by_id("CI002"), Status::Pass)]);
        assert_eq!(s.level, 2);
        assert!(s.blockers.is_empty());

        // One passing rule per level: level 5.
        let all: Vec<Outcome> = ["CI002", "CI003", "CI009", "DEP002"].into_iter().map(|id| outcome(by_id(id), Status::Pass)).collect();
        assert_eq!(score(&all).level, 5);

        // Nothing applies: level 1, never "Optimizing" by default.
        assert_eq!(score(&[outcome(by_id("CI002"), Status::NotApplicable)]).level, 1);
    }

    #[test]
    fn roadmap_phases() {
        assert_eq!(phase(Severity::Critical, Effort::Large), 1);
        assert_eq!(phase(Severity::High, Effort::QuickWin), 1);
        assert_eq!(phase(Severity::High, Effort::Small), 2);
        assert_eq!(phase(Severity::Medium, Effort::QuickWin), 2);
        assert_eq!(phase(Severity::Medium, Effort::Small), 3);
        assert_eq!(phase(Severity::Low, Effort::QuickWin), 3);
    }
}
