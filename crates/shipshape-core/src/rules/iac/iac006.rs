use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

declare_rule! {
    /// Infrastructure code is never checked in CI.
    ///
    /// ## What it checks
    /// Where infrastructure code exists and CI runs, that a reachable CI step validates it:
    /// `terraform fmt -check`/`validate`/`plan`, `tflint`, `tfsec`, Checkov, `kubeconform`,
    /// `helm lint`/`template`, `pulumi preview`, `cdk synth`/`diff`, `cfn-lint`,
    /// `ansible-lint`, `conftest`.
    ///
    /// ## Why it matters
    /// Infrastructure changes fail late and loudly: a typo found by `apply` in production, a
    /// manifest rejected during a rollout. A plan or lint on the pull request shows the change
    /// and catches the error while it is cheap.
    ///
    /// ## How to fix
    /// ```yaml
    /// - uses: hashicorp/setup-terraform@v3
    /// - run: terraform fmt -check -recursive && terraform init -backend=false && terraform validate
    ///   working-directory: infra
    /// ```
    ///
    /// References: <https://developer.hashicorp.com/terraform/tutorials/automation/github-actions>
    IacNotCheckedInCi {
        id: "IAC006",
        name: "iac-not-checked-in-ci",
        category: Iac,
        severity: Medium,
        level: 3,
        effort: QuickWin,
        confidence: High,
        needs: ["iac.tools", "ci.providers", "ci.iac_checks"],
        fix: "Validate infrastructure code on every pull request (terraform validate/plan, helm lint, kubeconform).",
        done: "CI checks the infrastructure code",
    }
    fn check(inv) {
        if inv.len("iac.tools") == 0 {
            return not_applicable("no infrastructure code");
        }
        if inv.len("ci.providers") == 0 {
            return not_applicable("no CI configuration");
        }
        if inv.len("ci.iac_checks") > 0 {
            return pass();
        }
        fail(format!("{} code is never validated in CI", inv.list("iac.tools").join(", ")), inv.get("iac.tools").evidence.iter().take(3).cloned().collect())
    }
}
