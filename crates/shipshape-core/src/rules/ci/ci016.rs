use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// A GitHub Actions job has no timeout.
    ///
    /// ## What it checks
    /// Every reachable job with steps sets `timeout-minutes`.
    ///
    /// ## Why it matters
    /// The default is 360 minutes. A hung test, a prompt waiting for input or a deploy stuck on
    /// a lock burns six hours of runner time, blocks the concurrency group behind it, and is
    /// noticed late.
    ///
    /// ## How to fix
    /// ```yaml
    /// jobs:
    ///   test:
    ///     timeout-minutes: 15
    /// ```
    ///
    /// References: <https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idtimeout-minutes>
    JobWithoutTimeout {
        id: "CI016",
        name: "job-without-timeout",
        category: Ci,
        severity: Low,
        level: 4,
        effort: QuickWin,
        confidence: High,
        needs: ["ci.job_timeouts"],
        fix: "Set `timeout-minutes` on every job.",
        done: "Every GitHub Actions job has a timeout",
    }
    fn check(inv) {
        if inv.is_true("ci.job_timeouts") {
            return pass();
        }
        let jobs = discarded_evidence(inv, "ci.job_timeouts");
        fail(format!("{} job(s) can run for the default 6 hours", jobs.len()), jobs)
    }
}
