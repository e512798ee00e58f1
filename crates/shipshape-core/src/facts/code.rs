//! Application source as the facts stage sees it: each file's code index, and whether a file
//! is reachable (an entry point by framework convention, or imported by another file).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use shipshape_lang::{CodeIndex, Dialect};

use super::is_application_source;
use crate::parse::{Doc, FileId, Repo};
use crate::walk::FileKind;

/// One application source file.
pub struct SourceFile<'r> {
    pub id: FileId,
    pub path: &'r str,
    pub text: &'r str,
    /// The index built at parse time (files with prefilter hits), or lazily on demand.
    parsed: Option<&'r CodeIndex>,
    lazy: OnceLock<CodeIndex>,
}

impl SourceFile<'_> {
    /// The file's code index, parsing it now if the prefilter had skipped it.
    pub fn index(&self) -> &CodeIndex {
        match self.parsed {
            Some(index) => index,
            None => {
                self.lazy.get_or_init(|| Dialect::from_path(self.path).map(|d| shipshape_lang::index(self.text, d)).unwrap_or_default())
            }
        }
    }

    /// The index only if the prefilter found something: for facts that look for literals the
    /// prefilter knows.
    pub fn hits(&self) -> Option<&CodeIndex> {
        self.parsed
    }
}

/// All application source files (JS/TS and Python, tests, scripts and config excluded).
pub struct Code<'r> {
    pub files: Vec<SourceFile<'r>>,
    by_stem: BTreeMap<String, Vec<usize>>,
}

impl<'r> Code<'r> {
    pub fn new(repo: &'r Repo) -> Code<'r> {
        let files: Vec<SourceFile<'r>> = repo
            .iter()
            .filter(|(_, f)| matches!(f.kind, Some(FileKind::JsSource | FileKind::PySource)) && is_application_source(f))
            .filter_map(|(id, f)| {
                let Doc::Code(index) = f.doc() else { return None };
                Some(SourceFile { id, path: &f.path, text: f.text().unwrap_or(""), parsed: index.as_deref(), lazy: OnceLock::new() })
            })
            .collect();
        let mut by_stem: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            by_stem.entry(stem(f.path).to_string()).or_default().push(i);
        }
        Code { files, by_stem }
    }

    /// Files whose index (from the prefilter pass) is available.
    pub fn indexed(&self) -> impl Iterator<Item = (&SourceFile<'r>, &CodeIndex)> {
        self.files.iter().filter_map(|f| f.hits().map(|i| (f, i)))
    }

    /// Whether a file runs: a framework entry point, or imported by some application file.
    /// Importers are found by the imported file's name: only files mentioning it are parsed.
    pub fn is_reachable(&self, id: FileId) -> bool {
        let Some(file) = self.files.iter().find(|f| f.id == id) else { return true };
        if is_entry_point(file.path) {
            return true;
        }
        let target_stem = stem(file.path);
        let module_stem = if target_stem == "index" || target_stem == "__init__" { parent_name(file.path) } else { target_stem };
        self.files.iter().filter(|f| f.id != id && f.text.contains(module_stem)).any(|importer| {
            importer.index().imports.iter().any(|import| {
                let last = import.module.rsplit(['/', '.']).find(|s| !s.is_empty()).unwrap_or("");
                let last = last.trim_end_matches(".js").trim_end_matches(".ts");
                last == module_stem
                    || import.module.ends_with(&format!("/{module_stem}"))
                    || import.module.ends_with(&format!(".{module_stem}"))
            })
        })
    }

    /// Files named like `stem` (e.g. all `logger.ts` files).
    pub fn named(&self, stem: &str) -> impl Iterator<Item = &SourceFile<'r>> {
        self.by_stem.get(stem).into_iter().flatten().map(|i| &self.files[*i])
    }
}

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

fn parent_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next().unwrap_or("")
}

/// Files a framework or runtime loads by convention, without an import.
pub fn is_entry_point(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let in_routes = path.split('/').any(|d| matches!(d, "app" | "pages" | "routes" | "api"));
    matches!(
        stem,
        "instrumentation"
            | "middleware"
            | "server"
            | "main"
            | "index"
            | "app"
            | "manage"
            | "wsgi"
            | "asgi"
            | "settings"
            | "urls"
            | "worker"
            | "celery"
            | "_app"
            | "_document"
            | "layout"
            | "page"
            | "route"
            | "+server"
            | "+page"
            | "+layout"
            | "entry"
            | "gunicorn"
            | "__main__"
    ) || name.starts_with("sentry.")
        || path.split('/').rev().skip(1).any(|d| d == "settings")
        || (in_routes && matches!(name.rsplit('.').next(), Some("ts" | "tsx" | "js" | "jsx" | "mjs" | "py")))
}
