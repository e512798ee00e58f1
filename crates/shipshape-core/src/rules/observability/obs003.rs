use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// The server logs without a structured logger.
    ///
    /// ## What it checks
    /// For server-side frameworks, that application source creates and uses a logger: pino,
    /// winston, bunyan, consola, structlog, loguru or Python `logging`. A dependency alone does not
    /// count.
    ///
    /// ## Why it matters
    /// Unstructured `console.log` lines cannot be filtered by level, request or user, carry no
    /// context, and are expensive to search. A structured logger gives levels, JSON fields and
    /// redaction.
    ///
    /// ## How to fix
    /// ```ts
    /// import pino from "pino";
    /// export const log = pino({ level: process.env.LOG_LEVEL ?? "info", redact: ["req.headers.authorization"] });
    /// log.info({ orderId }, "order created");
    /// ```
    ///
    /// References: <https://12factor.net/logs>, <https://getpino.io/>
    NoStructuredLogging {
        id: "OBS003",
        name: "no-structured-logging",
        category: Observability,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["stack.frameworks", "monitoring.logging", "monitoring.console_calls", "stack.code_analyzed"],
        fix: "Log through a structured logger (pino, winston, structlog, logging with JSON output).",
        done: "The server logs through a structured logger",
    }
    fn check(inv) {
        if !inv.is_true("stack.code_analyzed") {
            return not_applicable(crate::rules::CODE_NOT_READ);
        }
        if !crate::rules::has_server(inv) {
            return not_applicable("no server-side framework");
        }
        if inv.len("monitoring.logging") > 0 {
            return pass();
        }
        let console = inv.int("monitoring.console_calls").unwrap_or(0);
        let message = if console == 0 { "no structured logger is used".to_string() } else { format!("no structured logger is used; the code logs through {console} console/print call(s)") };
        fail(message, inv.get("monitoring.console_calls").evidence.iter().take(3).cloned().collect())
    }
}
