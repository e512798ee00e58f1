use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Redis accepts connections without authentication.
    ///
    /// ## What it checks
    /// Redis configured in the repository (a `redis.conf` or a compose service command): that
    /// `requirepass`, an ACL file or users are set.
    ///
    /// ## Why it matters
    /// An open Redis is a well-known entry point: anyone who reaches the port can read every
    /// session and cache entry, and write files on the host through `CONFIG SET`.
    ///
    /// ## How to fix
    /// ```yaml
    /// redis:
    ///   image: redis:7-alpine
    ///   command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]
    /// ```
    ///
    /// References: <https://redis.io/docs/latest/operate/oss_and_stack/management/security/>
    RedisWithoutAuth {
        id: "DAT005",
        name: "redis-without-auth",
        category: Data,
        severity: High,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["redis.config"],
        fix: "Require a password (requirepass or ACLs) on Redis.",
        done: "Redis requires authentication",
    }
    fn check(inv) {
        if inv.get("redis.config").value["auth"] == true {
            return pass();
        }
        fail("Redis accepts connections without a password", inv.get("redis.config").evidence.clone())
    }
}
