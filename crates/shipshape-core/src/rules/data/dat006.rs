use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Redis holding jobs runs without persistence.
    ///
    /// ## What it checks
    /// Where Redis is configured in the repository and a Redis-backed job queue is used (BullMQ,
    /// Bull, RQ, Celery, arq), that persistence is on (`appendonly yes` or `save`).
    ///
    /// ## Why it matters
    /// On restart a non-persistent Redis comes back empty: every queued job, scheduled task and
    /// session is gone.
    ///
    /// ## How to fix
    /// ```text
    /// # redis.conf
    /// appendonly yes
    /// appendfsync everysec
    /// ```
    ///
    /// References: <https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/>
    RedisWithoutPersistence {
        id: "DAT006",
        name: "redis-without-persistence",
        category: Data,
        severity: Medium,
        level: 4,
        effort: QuickWin,
        confidence: Medium,
        needs: ["redis.config", "queue.jobs"],
        fix: "Enable AOF persistence (appendonly yes) where Redis holds jobs or sessions.",
        done: "Redis holding jobs persists them",
    }
    fn check(inv) {
        let redis_queues = ["bullmq", "bull", "bee-queue", "rq", "celery", "arq", "dramatiq"];
        if !inv.list("queue.jobs").iter().any(|q| redis_queues.contains(q)) {
            return not_applicable("no Redis-backed job queue");
        }
        if inv.get("redis.config").value["persistence"] == true {
            return pass();
        }
        fail("Redis holds job queues without persistence: a restart loses every queued job", inv.get("redis.config").evidence.clone())
    }
}
