//! `db.migrations`: migration sets, by tool, from their files' paths and names.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::stack::Stack;
use super::{Evidence, Fact, Inventory, dir_of};
use crate::parse::Repo;
use crate::walk::FileKind;

/// Which tool a file belongs to, and the directory that holds its migration set; with the unit
/// it counts (a Prisma migration is a folder, not a file).
fn classify(path: &str, stack: &Stack, text: Option<&str>) -> Option<(&'static str, String, String)> {
    let dir = dir_of(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    let parent = dir.rsplit('/').next().unwrap_or(dir);
    let grandparent_dir = dir_of(dir);
    let unit = |u: &str| u.to_string();
    if name == "migration.sql" && grandparent_dir.ends_with("prisma/migrations") {
        return Some(("prisma", grandparent_dir.to_string(), unit(dir)));
    }
    if dir.ends_with("supabase/migrations") && name.ends_with(".sql") {
        return Some(("supabase", dir.to_string(), unit(path)));
    }
    if name == "up.sql" && grandparent_dir.ends_with("migrations") {
        return Some(("diesel", grandparent_dir.to_string(), unit(dir)));
    }
    if (parent == "versions") && name.ends_with(".py") && name != "__init__.py" {
        return Some(("alembic", dir.to_string(), unit(path)));
    }
    if parent == "migrations" && name.ends_with(".py") && name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(("django", dir.to_string(), unit(path)));
    }
    if dir.ends_with("db/migrate") && name.ends_with(".rb") {
        return Some(("rails", dir.to_string(), unit(path)));
    }
    let in_migrations_dir = dir.split('/').any(|s| s == "migrations" || s == "migration" || s == "migrate" || s == "drizzle");
    if name.ends_with(".sql") && (in_migrations_dir || name.starts_with('V') && name.contains("__")) {
        let tool = if name.starts_with('V') && name.contains("__") {
            "flyway"
        } else if name.ends_with(".up.sql") {
            "golang-migrate"
        } else if text.is_some_and(|t| t.contains("+goose Up")) {
            "goose"
        } else if stack.has_dep("drizzle-kit") || stack.has_dep("drizzle-orm") {
            "drizzle"
        } else if stack.has_dep("sqlx") {
            "sqlx"
        } else {
            "raw-sql"
        };
        // golang-migrate pairs up/down files: count the up files only.
        if name.ends_with(".down.sql") {
            return None;
        }
        return Some((tool, dir.to_string(), unit(path)));
    }
    if in_migrations_dir && (name.ends_with(".js") || name.ends_with(".ts")) && !name.ends_with(".d.ts") {
        let tool = ["knex", "sequelize", "typeorm", "umzug", "node-pg-migrate", "mikro-orm"]
            .into_iter()
            .find(|t| stack.has_dep(t) || stack.has_dep(&format!("@mikro-orm/{t}")))?;
        return Some((tool, dir.to_string(), unit(path)));
    }
    None
}

/// One migration set: the units it counts and a few files as evidence.
#[derive(Default)]
struct MigrationSet {
    units: BTreeSet<String>,
    evidence: Vec<Evidence>,
}

pub fn extract(repo: &Repo, stack: &Stack, inv: &mut Inventory) {
    let mut sets: BTreeMap<(&'static str, String), MigrationSet> = BTreeMap::new();
    for (id, file) in repo.iter() {
        if !matches!(file.kind, Some(FileKind::Sql | FileKind::PySource | FileKind::OtherSource | FileKind::JsSource)) {
            continue;
        }
        if let Some((tool, dir, unit)) = classify(&file.path, stack, file.text()) {
            let set = sets.entry((tool, dir)).or_default();
            set.units.insert(unit);
            if set.evidence.len() < 3 {
                set.evidence.push(Evidence::file(id));
            }
        }
    }
    if sets.is_empty() {
        inv.insert(
            "db.migrations",
            Fact::null().searched(&[
                "prisma/migrations",
                "supabase/migrations",
                "alembic versions",
                "Django migrations",
                "db/migrate",
                "migrations/*.sql",
            ]),
        );
        return;
    }
    let mut sets: Vec<((&str, String), MigrationSet)> = sets.into_iter().collect();
    // Largest set first; ties by tool and directory for a stable order.
    sets.sort_by(|a, b| b.1.units.len().cmp(&a.1.units.len()).then_with(|| a.0.cmp(&b.0)));
    let describe = |((tool, dir), set): &((&str, String), MigrationSet)| json!({ "tool": tool, "count": set.units.len(), "dirs": [dir] });
    let mut value = describe(&sets[0]);
    if sets.len() > 1
        && let Some(obj) = value.as_object_mut()
    {
        obj.insert("others".into(), sets[1..].iter().map(describe).collect());
    }
    let evidence = sets.iter().flat_map(|(_, set)| set.evidence.clone()).collect();
    inv.insert("db.migrations", Fact { value, evidence, ..Fact::default() });
}
