use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Debug mode is switched on in code that ships.
    ///
    /// ## What it checks
    /// Settings modules that are not for development, tests or local use (by name) setting
    /// `DEBUG = True`, and `app.run(debug=True)` calls in application source.
    ///
    /// ## Why it matters
    /// Debug pages print stack traces, settings and sometimes an interactive console to anyone
    /// who triggers an error: Flask's debugger executes arbitrary code.
    ///
    /// ## How to fix
    /// ```py
    /// DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
    /// ```
    ///
    /// References: <https://docs.djangoproject.com/en/stable/ref/settings/#debug>
    DebugModeEnabled {
        id: "CFG010",
        name: "debug-mode-enabled",
        category: Config,
        severity: High,
        level: 2,
        effort: QuickWin,
        confidence: Medium,
        needs: ["config.debug_enabled"],
        fix: "Turn debug mode off outside development (DEBUG from the environment, default False).",
        done: "Debug mode is off in code that ships",
    }
    fn check(inv) {
        if inv.is_true("config.debug_enabled") {
            return fail("debug mode is switched on in code that ships", inv.get("config.debug_enabled").evidence.clone());
        }
        pass()
    }
}
