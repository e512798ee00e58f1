//! `deps.update_bot`: Dependabot and Renovate, counted only when they can open pull requests.

use super::{Evidence, Inventory, ListFact};
use crate::parse::{Doc, Node, Repo};
use crate::walk::FileKind;

pub fn extract(repo: &Repo, inv: &mut Inventory) {
    let mut bots = ListFact::default();
    for (id, file) in repo.of_kind(FileKind::Dependabot) {
        let Doc::Yaml(docs) = file.doc() else { continue };
        for update in docs.first().and_then(|d| d.get("updates")).map(Node::items).unwrap_or_default() {
            let directories: Vec<&Node> =
                update.get("directory").into_iter().chain(update.get("directories").map(Node::items).unwrap_or_default()).collect();
            let exists = directories.iter().filter_map(|d| d.as_str()).any(|d| d.contains('*') || repo.dir_exists(d));
            let limit = update.get("open-pull-requests-limit").and_then(Node::as_i64);
            let ecosystem = update.get("package-ecosystem").and_then(Node::as_str).unwrap_or("?");
            if limit == Some(0) {
                bots.discard(
                    Evidence::at(id, &update.span),
                    format!("`{ecosystem}` entry has open-pull-requests-limit: 0 (security updates only)"),
                );
            } else if !exists {
                let dir = directories.first().and_then(|d| d.as_str()).unwrap_or("(none)");
                bots.discard(Evidence::at(id, &update.span), format!("`{ecosystem}` entry points at `{dir}`, which does not exist"));
            } else {
                bots.add("dependabot", Evidence::at(id, &update.span));
            }
        }
    }
    for (id, file) in repo.of_kind(FileKind::Renovate) {
        match file.doc() {
            Doc::Json(root) if root.get("enabled").and_then(Node::as_bool) == Some(false) => {
                bots.discard(Evidence::file(id), "Renovate is configured with `enabled: false`");
            }
            Doc::Json(_) => bots.add("renovate", Evidence::file(id)),
            _ => {}
        }
    }
    for (id, file) in repo.of_kind(FileKind::PackageJson) {
        if let Doc::Json(root) = file.doc()
            && let Some(config) = root.get("renovate")
        {
            if config.get("enabled").and_then(Node::as_bool) == Some(false) {
                bots.discard(Evidence::at(id, &config.span), "Renovate is configured with `enabled: false`");
            } else {
                bots.add("renovate", Evidence::at(id, &config.span));
            }
        }
    }
    inv.insert(
        "deps.update_bot",
        bots.fact().searched(&[".github/dependabot.yml", "renovate.json", ".renovaterc*", "package.json renovate"]),
    );
}
