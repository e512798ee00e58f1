use crate::declare_rule;
use crate::rules::{discarded_evidence, fail, pass};

declare_rule! {
    /// Terraform providers are not pinned.
    ///
    /// ## What it checks
    /// Every entry of `required_providers` has a `version` constraint, or the module's
    /// `.terraform.lock.hcl` is committed.
    ///
    /// ## Why it matters
    /// Without either, the next `init` takes the newest provider release: a major version
    /// can change resource behaviour, and `plan` shows a diff nobody made.
    ///
    /// ## How to fix
    /// ```hcl
    /// terraform {
    ///   required_providers {
    ///     aws = { source = "hashicorp/aws", version = "~> 5.40" }
    ///   }
    /// }
    /// ```
    ///
    /// and commit `.terraform.lock.hcl`.
    ///
    /// References: <https://developer.hashicorp.com/terraform/language/files/dependency-lock>
    IacProvidersUnpinned {
        id: "IAC004",
        name: "iac-providers-unpinned",
        category: Iac,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["iac.providers_pinned"],
        fix: "Constrain provider versions and commit .terraform.lock.hcl.",
        done: "Terraform providers are pinned",
    }
    fn check(inv) {
        if inv.is_true("iac.providers_pinned") {
            return pass();
        }
        let unpinned = discarded_evidence(inv, "iac.providers_pinned");
        fail(format!("{} provider(s) float to their newest release on every init", unpinned.len()), unpinned)
    }
}
