use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Configuration is not separated by environment.
    ///
    /// ## What it checks
    /// For repositories that deploy, that at least two environments have their own configuration:
    /// `.env.<environment>` files, `config/<environment>.*` or `settings/<environment>.py`, compose
    /// files per environment, or CI deployment environments. When everything deploys on Vercel
    /// or Netlify, which scope variables per environment in their dashboards, it does not apply
    /// if the repository names no environment: the separation is not visible from here.
    ///
    /// ## Why it matters
    /// One configuration for all environments means tests and staging run against production
    /// settings, or production runs with development defaults.
    ///
    /// ## How to fix
    /// ```text
    /// config/
    ///   development.ts
    ///   staging.ts
    ///   production.ts
    /// ```
    ///
    /// References: <https://12factor.net/dev-prod-parity>
    NoEnvironmentSeparation {
        id: "CFG007",
        name: "no-environment-separation",
        category: Config,
        severity: Medium,
        level: 4,
        effort: Small,
        confidence: Medium,
        needs: ["deploy.platforms", "env.environments"],
        fix: "Give each environment its own configuration (.env.production, settings modules, CI environments).",
        done: "Configuration is separated by environment",
    }
    fn check(inv) {
        if inv.len("deploy.platforms") == 0 {
            return not_applicable("the repository does not deploy");
        }
        let envs = inv.list("env.environments");
        if envs.len() >= 2 {
            return pass();
        }
        // Vercel and Netlify scope variables to production, preview and development in their
        // dashboards: with nothing in the repository, the separation is not visible from here.
        let platforms = inv.list("deploy.platforms");
        let scoped: Vec<&str> = platforms.iter().copied().filter(|p| matches!(*p, "vercel" | "netlify")).collect();
        if envs.is_empty() && !scoped.is_empty() && scoped.len() == platforms.len() {
            return not_applicable(format!(
                "{} scopes variables per environment in its dashboard, which the repository does not show",
                scoped.join(" and ")
            ));
        }
        let message = match envs.first() {
            Some(one) => format!("only {one} has its own configuration"),
            None => "no environment has its own configuration".to_string(),
        };
        fail(message, inv.get("env.environments").evidence.clone())
    }
}
