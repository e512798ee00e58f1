//! One model for every CI provider: pipelines of jobs of steps, each step with what it does.

use std::ops::Range;

use super::commands::Found;
use crate::parse::FileId;

/// A pipeline file the provider would run.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub provider: &'static str,
    pub file: FileId,
    /// Trigger event names (GitHub `on:`), empty where the provider has no such notion.
    pub triggers: Vec<String>,
    pub jobs: Vec<Job>,
    /// GitHub: workflow-level `permissions:`.
    pub permissions: bool,
    /// GitHub: workflow-level `concurrency:`.
    pub concurrency: bool,
    /// The environment the triggers alone imply (a workflow that only runs on pull requests
    /// deploys previews; one that only runs on pushes to `staging` deploys staging).
    pub trigger_env: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub span: Range<u32>,
    /// Why the job can never run, if it cannot.
    pub unreachable: Option<String>,
    /// The deployment environment the job declares (`environment:`): the names it can take
    /// (literals of an expression included) and its span.
    pub environment: Option<(Vec<String>, Range<u32>)>,
    /// The branch its condition pins it to.
    pub branch: Option<String>,
    pub needs: Vec<String>,
    /// GitLab: the rank of the job's stage (1-based); a job runs only after earlier stages
    /// succeed. 0 for jobs that declare `needs:` and on other providers.
    pub stage: usize,
    pub steps: Vec<Step>,
    /// GitHub: the reusable workflow the job calls instead of running steps (`uses:` at the
    /// job level), with its span.
    pub calls: Option<(String, Range<u32>)>,
    /// Runs only when something failed (`if: failure()`).
    pub on_failure: bool,
    pub timeout: bool,
    pub concurrency: bool,
    pub permissions: bool,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub span: Range<u32>,
    /// `uses:` of a GitHub step: action and ref, with the span of the `uses:` value.
    pub uses: Option<(String, Option<String>, Range<u32>)>,
    pub unreachable: Option<String>,
    pub on_failure: bool,
    /// The branch its `if:` pins it to (`github.ref == 'refs/heads/main'`).
    pub branch: Option<String>,
    pub activities: Vec<Found>,
}

impl Job {
    /// Activities of the steps that can run, in order, with the index of their step.
    pub fn effective(&self) -> impl Iterator<Item = (usize, &Found)> {
        self.steps.iter().enumerate().filter(|(_, s)| s.unreachable.is_none()).flat_map(|(i, s)| s.activities.iter().map(move |f| (i, f)))
    }
}
