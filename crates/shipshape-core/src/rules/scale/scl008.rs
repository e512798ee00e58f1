use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// All work happens inside requests: no job queue or scheduler.
    ///
    /// ## What it checks
    /// For database-backed services, that some background job system is used: a queue (BullMQ,
    /// Bull, Celery, RQ, Dramatiq, arq, Inngest, Trigger.dev, QStash, Kafka) or a scheduler
    /// (vercel.json crons, Kubernetes CronJobs, node-cron, APScheduler).
    ///
    /// ## Why it matters
    /// Without one, slow or flaky work (emails, exports, webhooks, retries) runs inside requests:
    /// timeouts, lost work on deploys, and no retries.
    ///
    /// ## How to fix
    /// ```ts
    /// import { Queue } from "bullmq";
    /// await new Queue("emails").add("welcome", { userId });
    /// ```
    ///
    /// References: <https://docs.bullmq.io/>
    NoBackgroundJobs {
        id: "SCL008",
        name: "no-background-jobs",
        category: Scale,
        severity: Low,
        level: 5,
        effort: Medium,
        confidence: Low,
        needs: ["stack.services", "db.engines", "queue.jobs", "stack.code_analyzed"],
        fix: "Move slow work (emails, exports, webhooks) to a job queue (BullMQ, Celery, Inngest, QStash).",
        done: "Background work runs in a job queue or scheduler",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if inv.len("stack.services") == 0 || inv.len("db.engines") == 0 {
            return not_applicable("no database-backed service");
        }
        if inv.len("queue.jobs") > 0 {
            return pass();
        }
        fail("no job queue or scheduler: all work runs inside requests", Vec::new())
    }
}
