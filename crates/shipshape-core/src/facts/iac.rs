//! Infrastructure as code: `iac.tools`, and what makes it trustworthy: remote state, no
//! committed state, pinned providers, per-environment configuration.

use std::collections::BTreeSet;

use hcl_edit::Span;
use hcl_edit::structure::{Block, BlockLabel, Body};

use super::{Discarded, Evidence, Fact, Inventory, ListFact, dir_of};
use crate::parse::{Doc, FileId, Node, Repo};
use crate::walk::FileKind;

pub fn extract(repo: &Repo, inv: &mut Inventory) {
    let mut tools = ListFact::default();
    for (id, file) in repo.of_kinds(&[
        FileKind::Terraform,
        FileKind::PulumiYaml,
        FileKind::CdkJson,
        FileKind::Bicep,
        FileKind::AnsibleCfg,
        FileKind::ChartYaml,
        FileKind::Kustomization,
        FileKind::Yaml,
        FileKind::ServerlessYaml,
    ]) {
        let tool = match (file.kind, file.doc()) {
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
    let has_iac = !tools.is_empty();
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

    terraform(repo, inv);
    inv.insert(
        "iac.environments",
        if has_iac {
            environments(repo).searched(&[
                "*.tfvars per environment",
                "environments/, envs/ and overlays/ directories",
                "values-<env>.yaml",
                "Pulumi.<stack>.yaml",
            ])
        } else {
            Fact::null()
        },
    );
}

/// The `i`-th label of a block (`resource "aws_s3_bucket" "logs"`: 0 is the type).
pub fn label(block: &Block, i: usize) -> Option<&str> {
    block.labels.get(i).map(|l| match l {
        BlockLabel::Ident(d) => d.as_str(),
        BlockLabel::String(d) => d.as_str(),
    })
}

fn span(block: &Block) -> Option<std::ops::Range<u32>> {
    block.span().map(crate::parse::tree::to_u32)
}

fn terraform(repo: &Repo, inv: &mut Inventory) {
    let bodies: Vec<(FileId, &Body)> = repo
        .of_kind(FileKind::Terraform)
        .filter_map(|(id, f)| match f.doc() {
            Doc::Hcl(body) => Some((id, body.as_ref())),
            _ => None,
        })
        .collect();
    let state_files: Vec<(FileId, &str)> = repo.of_kind(FileKind::TfState).map(|(id, f)| (id, f.path.as_str())).collect();
    let mut committed = ListFact::default();
    for (id, path) in &state_files {
        committed.add(*path, Evidence::file(*id));
    }
    if bodies.is_empty() && state_files.is_empty() {
        for key in ["iac.remote_state", "iac.state_files", "iac.providers_pinned"] {
            inv.insert(key, Fact::null());
        }
        return;
    }
    inv.insert("iac.state_files", committed.fact().searched(&["*.tfstate", "*.tfstate.backup"]));

    // Remote state: a backend other than `local`, or Terraform Cloud.
    let mut remote = Vec::new();
    let mut local = Vec::new();
    let mut pinned = Vec::new();
    let mut unpinned = Vec::new();
    let lock_dirs: BTreeSet<&str> = repo.of_kind(FileKind::TfLock).map(|(_, f)| dir_of(&f.path)).collect();
    for (id, body) in &bodies {
        for settings in body.get_blocks("terraform") {
            for backend in settings.body.get_blocks("backend") {
                let ev = Evidence { file: *id, span: span(backend) };
                match label(backend, 0) {
                    Some("local") | None => {
                        local.push(Discarded { evidence: ev, reason: "backend \"local\" keeps state on one machine".into() })
                    }
                    Some(_) => remote.push(ev),
                }
            }
            for cloud in settings.body.get_blocks("cloud") {
                remote.push(Evidence { file: *id, span: span(cloud) });
            }
            for providers in settings.body.get_blocks("required_providers") {
                let locked = lock_dirs.contains(dir_of(&repo.file(*id).path));
                for attr in providers.body.attributes() {
                    let has_version = attr
                        .value
                        .as_object()
                        .is_some_and(|o| o.iter().any(|(k, _)| k.as_ident().is_some_and(|i| i.as_str() == "version")));
                    let ev = Evidence { file: *id, span: attr.span().map(crate::parse::tree::to_u32) };
                    if has_version || locked {
                        pinned.push(ev);
                    } else {
                        unpinned.push(Discarded {
                            evidence: ev,
                            reason: format!(
                                "provider `{}` has no version constraint and no .terraform.lock.hcl is committed",
                                attr.key.as_str()
                            ),
                        });
                    }
                }
            }
        }
    }
    let remote_fact = if bodies.is_empty() {
        Fact::null()
    } else {
        Fact::bool(!remote.is_empty(), remote).discarded(local).searched(&["terraform { backend \"…\" {} }", "terraform { cloud {} }"])
    };
    inv.insert("iac.remote_state", remote_fact);
    inv.insert(
        "iac.providers_pinned",
        if pinned.is_empty() && unpinned.is_empty() { Fact::null() } else { Fact::bool(unpinned.is_empty(), pinned).discarded(unpinned) },
    );
}

/// Environment names the infrastructure code is split by.
fn environments(repo: &Repo) -> Fact {
    let mut out = ListFact::default();
    let normalize = |name: &str| -> Option<&'static str> {
        match name.to_ascii_lowercase().as_str() {
            "prod" | "production" | "prd" | "live" => Some("production"),
            "staging" | "stage" | "stg" | "preprod" => Some("staging"),
            "dev" | "development" => Some("development"),
            "qa" | "test" | "testing" | "uat" => Some("test"),
            _ => None,
        }
    };
    for (id, file) in repo.iter() {
        let path = file.path.as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        let mut candidates: Vec<&str> = Vec::new();
        if let Some(stem) = name.strip_suffix(".tfvars").or_else(|| name.strip_suffix(".tfvars.json")) {
            candidates.push(stem);
        }
        if let Some(stack) = name.strip_prefix("Pulumi.").and_then(|n| n.strip_suffix(".yaml")) {
            candidates.push(stack);
        }
        if let Some(env) = name
            .strip_prefix("values-")
            .or_else(|| name.strip_prefix("values."))
            .and_then(|n| n.strip_suffix(".yaml").or_else(|| n.strip_suffix(".yml")))
        {
            candidates.push(env);
        }
        let is_iac_file = matches!(file.kind, Some(FileKind::Terraform | FileKind::Kustomization | FileKind::Yaml | FileKind::ChartYaml));
        if is_iac_file {
            for pair in segments.windows(2) {
                if matches!(pair[0], "environments" | "envs" | "env" | "overlays" | "stages" | "live") {
                    candidates.push(pair[1]);
                }
            }
        }
        for c in candidates {
            if let Some(env) = normalize(c) {
                out.add(env, Evidence::file(id));
            }
        }
    }
    out.fact()
}
