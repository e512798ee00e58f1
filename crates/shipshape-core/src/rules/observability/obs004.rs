use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Application code logs with console and print calls alongside a logger.
    ///
    /// ## What it checks
        /// Where a structured logger is in use, that application source in the same language (tests,
    /// scripts and tools excluded) does not also log with `console.log/info/debug/warn/error` or
    /// Python `print(`; browser code next to a Python logger is not counted.
    /// Mentions in comments or strings do not count.
    ///
    /// ## Why it matters
    /// Console output bypasses the logger's levels, format and redaction: it is noise in
    /// production logs and a common way to leak tokens and personal data.
    ///
    /// ## How to fix
    /// ```js
    /// // eslint.config.js
    /// export default [{ rules: { "no-console": "error" } }];
    /// ```
    ///
    /// References: <https://eslint.org/docs/latest/rules/no-console>
    ConsoleLoggingInSource {
        id: "OBS004",
        name: "console-logging-in-source",
        category: Observability,
        severity: Low,
        level: 3,
        effort: Small,
        confidence: High,
        needs: ["monitoring.console_bypassing_logger", "monitoring.logging"],
        fix: "Replace console/print calls in application code with the logger.",
        done: "Application code logs through the logger only",
    }
    fn check(inv) {
                let console = inv.int("monitoring.console_bypassing_logger").unwrap_or(0);
        if inv.len("monitoring.logging") == 0 {
            return not_applicable("no structured logger to use instead (see OBS003)");
        }
        if console == 0 {
            return pass();
        }
                fail(format!("{console} console/print call(s) in application source bypass the logger"), inv.get("monitoring.console_bypassing_logger").evidence.clone())
    }
}
