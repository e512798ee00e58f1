use crate::declare_rule;
use crate::rules::{fail, not_applicable, pass};

/// Platforms whose infrastructure (clusters, networks, databases, DNS) someone provisions.
const SELF_MANAGED: &[&str] =
    &["kubernetes", "helm", "docker-swarm", "docker-compose", "aws", "gcloud", "azure", "digitalocean", "ssh", "ansible"];

declare_rule! {
    /// Infrastructure is provisioned by hand: no infrastructure as code.
    ///
    /// ## What it checks
    /// When the application runs on infrastructure someone provisions (Kubernetes, AWS,
    /// Google Cloud, Azure, servers reached over SSH, Docker hosts), that infrastructure code
    /// exists: Terraform/OpenTofu, Pulumi, CDK, CloudFormation, Bicep, Ansible, Helm or
    /// Kustomize. Managed platforms configured by their own file (Vercel, Netlify, Render,
    /// Fly.io, Railway, Heroku) are out of scope.
    ///
    /// ## Why it matters
    /// Hand-built infrastructure cannot be reviewed, reproduced after a disaster, or copied
    /// into a staging environment that matches production. The first region outage or
    /// account mistake becomes a rebuild from memory.
    ///
    /// ## How to fix
    /// Start by importing what exists:
    ///
    /// ```hcl
    /// # infra/main.tf
    /// terraform {
    ///   backend "s3" { bucket = "acme-tfstate", key = "prod/terraform.tfstate", region = "eu-west-1" }
    /// }
    /// import {
    ///   to = aws_db_instance.main
    ///   id = "acme-prod"
    /// }
    /// ```
    ///
    /// References: <https://developer.hashicorp.com/terraform/language/import>
    NoIac {
        id: "IAC001",
        name: "no-iac",
        category: Iac,
        severity: Medium,
        level: 4,
        effort: Large,
        confidence: Medium,
        needs: ["deploy.platforms", "iac.tools"],
        fix: "Describe the infrastructure as code (Terraform/OpenTofu, Pulumi, Helm) and apply it from CI.",
        done: "Infrastructure is provisioned as code",
    }
    fn check(inv) {
        let platforms: Vec<&str> = inv.list("deploy.platforms").into_iter().filter(|p| SELF_MANAGED.contains(p)).collect();
        if platforms.is_empty() {
            return not_applicable("no self-managed infrastructure");
        }
        if inv.len("iac.tools") > 0 {
            return pass();
        }
        fail(format!("runs on {} with no infrastructure code: it was built by hand", platforms.join(", ")), inv.get("deploy.platforms").evidence.clone())
    }
}
