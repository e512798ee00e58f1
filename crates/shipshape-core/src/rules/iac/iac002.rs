use crate::declare_rule;
use crate::rules::{fail, pass};

declare_rule! {
    /// Terraform state is kept locally.
    ///
    /// ## What it checks
    /// That Terraform/OpenTofu configuration declares a remote backend (`backend "s3"`,
    /// `"gcs"`, `"azurerm"`, …) or Terraform Cloud (`cloud {}`). A `backend "local"`, or no
    /// backend at all, keeps state on the machine that ran `apply`.
    ///
    /// ## Why it matters
    /// Local state is lost with the laptop, cannot be shared (two people applying at once
    /// corrupt the infrastructure), has no locking, and often ends up committed with its
    /// secrets.
    ///
    /// ## How to fix
    /// ```hcl
    /// terraform {
    ///   backend "s3" {
    ///     bucket       = "acme-tfstate"
    ///     key          = "prod/terraform.tfstate"
    ///     region       = "eu-west-1"
    ///     use_lockfile = true
    ///   }
    /// }
    /// ```
    ///
    /// References: <https://developer.hashicorp.com/terraform/language/backend>
    TerraformLocalState {
        id: "IAC002",
        name: "terraform-local-state",
        category: Iac,
        severity: High,
        level: 3,
        effort: Small,
        confidence: High,
        needs: ["iac.remote_state"],
        fix: "Move Terraform state to a remote, locked backend (S3, GCS, azurerm, Terraform Cloud).",
        done: "Terraform state is kept remotely",
    }
    fn check(inv) {
        if inv.is_true("iac.remote_state") {
            return pass();
        }
        let fact = inv.get("iac.remote_state");
        let evidence: Vec<_> = fact.discarded.iter().map(|d| d.evidence.clone()).collect();
        let message = if evidence.is_empty() { "Terraform declares no backend: state stays on whoever ran `apply`".to_string() } else { "Terraform uses the local backend: state stays on one machine, unlocked".to_string() };
        fail(message, evidence)
    }
}
