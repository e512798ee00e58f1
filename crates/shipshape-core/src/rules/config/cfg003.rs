use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Environment variables are not validated at startup.
    ///
    /// ## What it checks
    /// When the code reads three or more environment variables, that they are validated when the
    /// app starts: a zod schema parsing `process.env`, t3-env `createEnv`, envalid `cleanEnv`, Joi,
    /// pydantic-settings, or a `requireEnv`-style helper that throws.
    ///
    /// ## Why it matters
    /// Without validation a missing or malformed variable surfaces as `undefined` deep in a
    /// request, hours after the deploy. Validation fails the deploy instead, with the variable's
    /// name.
    ///
    /// ## How to fix
    /// ```ts
    /// import { z } from "zod";
    /// export const env = z.object({ DATABASE_URL: z.string().url(), STRIPE_SECRET_KEY: z.string().min(1) }).parse(process.env);
    /// ```
    ///
    /// References: <https://env.t3.gg/docs/introduction>
    NoEnvValidation {
        id: "CFG003",
        name: "no-env-validation",
        category: Config,
        severity: Medium,
        level: 3,
        effort: Small,
        confidence: Medium,
        needs: ["env.vars_referenced", "env.validation"],
        fix: "Validate required environment variables at startup (zod, t3-env, envalid, pydantic-settings).",
        done: "Environment variables are validated at startup",
    }
    fn check(inv) {
        let referenced = inv.len("env.vars_referenced");
        if referenced < 3 {
            return not_applicable("fewer than three environment variables are read");
        }
        if inv.len("env.validation") > 0 {
            return pass();
        }
        fail(format!("{referenced} environment variables are read without validation at startup"), inv.get("env.vars_referenced").evidence.iter().take(3).cloned().collect())
    }
}
