//! Symbolic links, resolved as a checkout shows them to a program that follows links: a link
//! to a file reads as that file; a link to a directory lists that directory's files under the
//! link's path. Both sources (working tree and git revision) resolve through here, so they
//! agree, and the bounds hold for both:
//! - a directory is listed through a link once at most (the first link in path order);
//!   later links to it are skipped, naming the first;
//! - an expansion copies only files that are really there, never another link's expansion,
//!   so a web of links costs at most one copy per linked directory;
//! - a link to one of its own parents is a loop, and chains of links end after 40 hops.

use std::collections::BTreeMap;

use super::{FileMap, WalkBudget};
use crate::skip::{SkipReason, Skipped};

/// Most links followed in a chain (Linux's own limit).
const MAX_HOPS: usize = 40;

/// Resolve `links` (link path → target path, both relative to the root and normalised, or
/// why the target cannot be used) against the real files, adding what they stand for to
/// `files` and what cannot be followed to `skipped`.
pub fn resolve<V: Clone>(
    files: &mut FileMap<V>,
    links: BTreeMap<String, Result<String, SkipReason>>,
    skipped: &mut Vec<Skipped>,
    budget: &WalkBudget,
) -> Result<(), String> {
    let real = files.clone();
    let mut listed_through: BTreeMap<String, String> = BTreeMap::new();
    for (path, target) in &links {
        let target = match chase(target, &links) {
            Ok(target) => target,
            Err(reason) => {
                skipped.push(Skipped { path: path.clone(), reason });
                continue;
            }
        };
        if target.is_empty() || path == &target || path.starts_with(&format!("{target}/")) {
            skipped.push(Skipped { path: path.clone(), reason: SkipReason::SymlinkLoop });
            continue;
        }
        if let Some(value) = real.get(&target) {
            files.insert(path.clone(), value.clone());
            continue;
        }
        let under = format!("{target}/");
        let inside: Vec<(String, V)> = real
            .range(under.clone()..)
            .take_while(|(p, _)| p.starts_with(&under))
            .map(|(p, v)| (format!("{path}/{}", &p[under.len()..]), v.clone()))
            .collect();
        if inside.is_empty() {
            let reason = SkipReason::Unreadable("broken symlink (its target does not exist, or is ignored)".into());
            skipped.push(Skipped { path: path.clone(), reason });
            continue;
        }
        if let Some(first) = listed_through.get(&target) {
            skipped.push(Skipped { path: path.clone(), reason: SkipReason::LinkedTwice(first.clone()) });
            continue;
        }
        listed_through.insert(target, path.clone());
        files.extend(inside);
        budget.check(files.len())?;
    }
    Ok(())
}

/// Follow a chain of links to its end.
fn chase(first: &Result<String, SkipReason>, links: &BTreeMap<String, Result<String, SkipReason>>) -> Result<String, SkipReason> {
    let mut target = first.clone()?;
    for _ in 0..MAX_HOPS {
        match links.get(&target) {
            Some(next) => target = next.clone()?,
            None => return Ok(target),
        }
    }
    Err(SkipReason::SymlinkLoop)
}

/// Where a link's target text leads, relative to the root: `None` when it leaves the tree.
/// Resolved lexically, as git stores it (`../shared`, `./config.yml`).
pub fn lexical_target(link_path: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = link_path.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(files: &[&str], links: &[(&str, &str)]) -> (Vec<String>, Vec<(String, String)>) {
        let mut map: FileMap<()> = files.iter().map(|f| (f.to_string(), ())).collect();
        let links = links.iter().map(|(p, t)| (p.to_string(), lexical_target(p, t).ok_or(SkipReason::OutsideRoot))).collect();
        let mut skipped = Vec::new();
        resolve(&mut map, links, &mut skipped, &WalkBudget::default()).expect("within bounds");
        (map.into_keys().collect(), skipped.into_iter().map(|s| (s.path, s.reason.code().to_string())).collect())
    }

    #[test]
    fn files_dirs_loops_and_escapes() {
        let (files, skipped) = run(
            &["deploy/compose.yml", "deploy/k8s/app.yaml"],
            &[("docker-compose.yml", "deploy/compose.yml"), ("infra", "deploy"), ("app/loop", ".."), ("out", "../etc/passwd")],
        );
        assert_eq!(files, ["deploy/compose.yml", "deploy/k8s/app.yaml", "docker-compose.yml", "infra/compose.yml", "infra/k8s/app.yaml"]);
        assert_eq!(skipped, [("app/loop".into(), "symlink-loop".into()), ("out".into(), "outside-root".into())]);
    }

    #[test]
    fn a_directory_is_listed_through_one_link_and_expansions_do_not_compound() {
        // A web of 30 links to one directory and to each other: each directory once, and no
        // link sees another link's expansion.
        let mut links: Vec<(String, String)> = (0..30).map(|i| (format!("l{i:02}"), "d".to_string())).collect();
        links.push(("m".into(), "l00".into()));
        let links: Vec<(&str, &str)> = links.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (files, skipped) = run(&["d/a.yml", "d/b.yml"], &links);
        assert_eq!(files, ["d/a.yml", "d/b.yml", "l00/a.yml", "l00/b.yml"]);
        assert_eq!(skipped.len(), 30, "{skipped:?}");
        assert!(skipped.iter().all(|(_, code)| code == "linked-twice"));
    }

    #[test]
    fn chains_end() {
        let (_, skipped) = run(&[], &[("a", "b"), ("b", "a")]);
        assert_eq!(skipped, [("a".into(), "symlink-loop".into()), ("b".into(), "symlink-loop".into())]);
    }
}
