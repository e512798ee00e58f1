//! `iac.tools`: infrastructure as code, from the files each tool owns.

use super::{Evidence, Inventory, ListFact};
use crate::parse::{Doc, Node, Repo};
use crate::walk::FileKind;

pub fn extract(repo: &Repo, inv: &mut Inventory) {
    let mut tools = ListFact::default();
    for (id, file) in repo.iter() {
        let tool = match (file.kind, &file.doc) {
            (Some(FileKind::Terraform), _) if file.path.ends_with(".tofu") => "opentofu",
            (Some(FileKind::Terraform), _) => "terraform",
            (Some(FileKind::PulumiYaml), _) => "pulumi",
            (Some(FileKind::CdkJson), _) => "cdk",
            (Some(FileKind::Bicep), _) => "bicep",
            (Some(FileKind::AnsibleCfg), _) => "ansible",
            (Some(FileKind::ChartYaml), _) => "helm",
            (Some(FileKind::Kustomization), _) => "kustomize",
            (Some(FileKind::Yaml | FileKind::ServerlessYaml), Doc::Yaml(docs)) => {
                let Some(doc) = docs.first() else { continue };
                let cloudformation = doc.get("AWSTemplateFormatVersion").is_some()
                    || doc.get("Resources").is_some_and(|r| {
                        r.entries().iter().any(|e| e.value.get("Type").and_then(Node::as_str).is_some_and(|t| t.starts_with("AWS::")))
                    });
                let playbook = !doc.items().is_empty()
                    && doc
                        .items()
                        .iter()
                        .all(|play| play.get("hosts").is_some() && (play.get("tasks").is_some() || play.get("roles").is_some()));
                if cloudformation {
                    "cloudformation"
                } else if playbook {
                    "ansible"
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        tools.add(tool, Evidence::file(id));
    }
    inv.insert(
        "iac.tools",
        tools.fact().searched(&[
            "*.tf",
            "*.tofu",
            "Pulumi.yaml",
            "cdk.json",
            "*.bicep",
            "ansible.cfg and playbooks",
            "Chart.yaml",
            "kustomization.yaml",
            "CloudFormation templates",
        ]),
    );
}
