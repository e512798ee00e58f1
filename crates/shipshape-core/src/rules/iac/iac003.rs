use crate::declare_rule;
use crate::rules::{fail, pass, short_list};

declare_rule! {
    /// Terraform state files are committed.
    ///
    /// ## What it checks
    /// That no `*.tfstate` or `*.tfstate.backup` file is tracked. shipshape notices them by
    /// name and never reads them.
    ///
    /// ## Why it matters
    /// State holds every attribute of every resource in plain text: database passwords,
    /// private keys, access tokens. Anyone with read access to the repository, or to any fork
    /// or clone, has them. Committed state also goes stale and conflicts on every apply.
    ///
    /// ## How to fix
    /// Remove it from the repository (and its history), rotate the secrets it held, and move
    /// state to a remote backend:
    ///
    /// ```sh
    /// git rm --cached infra/terraform.tfstate*
    /// echo '*.tfstate*' >> .gitignore
    /// ```
    ///
    /// References: <https://developer.hashicorp.com/terraform/language/state/sensitive-data>
    TerraformStateCommitted {
        id: "IAC003",
        name: "terraform-state-committed",
        category: Iac,
        severity: Critical,
        level: 2,
        effort: Small,
        confidence: High,
        needs: ["iac.state_files"],
        fix: "Remove committed .tfstate files, rotate the secrets they held, use a remote backend.",
        done: "No Terraform state file is committed",
    }
    fn check(inv) {
        let files = inv.list("iac.state_files");
        if files.is_empty() {
            return pass();
        }
        fail(format!("{} Terraform state file(s) committed, with every secret they hold: {}", files.len(), short_list(&files)), inv.get("iac.state_files").evidence.clone())
    }
}
