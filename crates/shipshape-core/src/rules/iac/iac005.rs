use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Infrastructure code does not separate environments.
    ///
    /// ## What it checks
    /// Where infrastructure code exists, that it is split by environment: per-environment
    /// `*.tfvars`, `environments/<env>` or `envs/<env>` directories, Kustomize `overlays/<env>`,
    /// Helm `values-<env>.yaml`, or Pulumi stacks `Pulumi.<env>.yaml`, for at least two
    /// environments.
    ///
    /// ## Why it matters
    /// One set of infrastructure code for one environment means staging is built by hand (or
    /// not at all), and every change is first tried in production.
    ///
    /// ## How to fix
    /// ```text
    /// infra/
    ///   modules/app/…
    ///   environments/staging/main.tf      # module "app" { source = "../../modules/app", size = "small" }
    ///   environments/production/main.tf
    /// ```
    ///
    /// References: <https://developer.hashicorp.com/terraform/language/modules/develop/composition>
    NoIacEnvironments {
        id: "IAC005",
        name: "no-iac-environments",
        category: Iac,
        severity: Medium,
        level: 4,
        effort: Medium,
        confidence: Medium,
        needs: ["iac.environments", "iac.tools"],
        fix: "Split infrastructure code per environment (tfvars, overlays, values-<env>, stacks).",
        done: "Infrastructure code separates environments",
    }
    fn check(inv) {
        let envs = inv.list("iac.environments");
        if envs.len() >= 2 {
            return pass();
        }
        let message = match envs.first() {
            None => "infrastructure code has no per-environment configuration".to_string(),
            Some(one) => format!("infrastructure code describes only {one}"),
        };
        fail(message, inv.get("iac.tools").evidence.iter().take(3).cloned().collect())
    }
}
