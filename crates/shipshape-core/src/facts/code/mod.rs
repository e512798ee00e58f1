//! Application source as the facts stage sees it: each file's code index, and whether a file
//! is reachable (an entry point by framework convention, or imported by a file that is).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use shipshape_lang::{Arg, CodeIndex, Dialect, ModuleResolver, Resolved};

mod entry;

use entry::EntryPoints;

use super::is_application_source;
use crate::parse::{Doc, FileId, Repo, RepoFile};
use crate::walk::FileKind;

/// One application source file.
pub struct SourceFile<'r> {
    pub id: FileId,
    pub path: &'r str,
    pub text: &'r str,
    /// The index built at parse time (files with prefilter hits), or lazily on demand.
    parsed: Option<&'r CodeIndex>,
    lazy: OnceLock<CodeIndex>,
    reachable: OnceLock<bool>,
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
    repo: &'r Repo,
    /// Built when a JS/TS file's reachability is first asked.
    resolver: OnceLock<ModuleResolver>,
    /// Found when reachability is first asked.
    entries: OnceLock<EntryPoints>,
    /// NestJS's global prefix and the paths it excludes, looked up once.
    nest_prefix: OnceLock<Option<(String, Vec<String>)>>,
    /// The prefixes each router is mounted under, by file and router.
    mounts: Mutex<HashMap<(FileId, String), Vec<String>>>,
    /// The JS/TS files that mount something (`.use(`, `.route(`, `.register(`), by index.
    mounting: OnceLock<Vec<usize>>,
}

impl<'r> Code<'r> {
    pub fn new(repo: &'r Repo) -> Code<'r> {
        let files: Vec<SourceFile<'r>> = repo
            .iter()
            .filter(|(_, f)| matches!(f.kind, Some(FileKind::JsSource | FileKind::PySource)) && is_application_source(f))
            .filter_map(|(id, f)| {
                let Doc::Code(index) = f.doc() else { return None };
                Some(SourceFile {
                    id,
                    path: &f.path,
                    text: f.text().unwrap_or(""),
                    parsed: index.as_deref(),
                    lazy: OnceLock::new(),
                    reachable: OnceLock::new(),
                })
            })
            .collect();
        let mut by_stem: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            by_stem.entry(stem(f.path).to_string()).or_default().push(i);
        }
        Code {
            files,
            by_stem,
            repo,
            resolver: OnceLock::new(),
            entries: OnceLock::new(),
            nest_prefix: OnceLock::new(),
            mounts: Mutex::new(HashMap::new()),
            mounting: OnceLock::new(),
        }
    }

    /// Files whose index (from the prefilter pass) is available.
    pub fn indexed(&self) -> impl Iterator<Item = (&SourceFile<'r>, &CodeIndex)> {
        self.files.iter().filter_map(|f| f.hits().map(|i| (f, i)))
    }

    /// Whether a file runs: an entry point (by framework convention, a manifest's `main`, `bin`
    /// or script, a server it starts), or imported by an application file that runs. JS/TS
    /// imports are resolved as the bundler would (tsconfig aliases, barrels, workspace
    /// packages); only files that mention the module's name can import it, so only those are
    /// parsed. An import that names the module but resolves to no file of the repository (an
    /// alias the resolver does not know) counts, and so does any file of a package where no
    /// entry point was found: unknown is not unreachable.
    pub fn is_reachable(&self, id: FileId) -> bool {
        let Some(file) = self.files.iter().find(|f| f.id == id) else { return true };
        *file.reachable.get_or_init(|| {
            if self.entries().of_package(file.path).is_empty() {
                return true;
            }
            if file.path.ends_with(".py") { self.python_reachable(file) } else { self.js_reachable(file) }
        })
    }

    /// The URL path a file-system route module serves, by its framework's convention
    /// (`app/api/health/route.ts`, `pages/api/health.ts`, `routes/health/+server.ts`,
    /// `app/routes/api.health.tsx`).
    pub fn file_route(&self, id: FileId) -> Option<&str> {
        self.entries().route(id)
    }

    fn entries(&self) -> &EntryPoints {
        self.entries.get_or_init(|| EntryPoints::find(self.repo, &self.files))
    }

    /// Why a file that [`Code::is_reachable`] says does not run is judged so: the entry points
    /// of its package it is not reachable from.
    pub fn unreached_reason(&self, id: FileId) -> String {
        let path = self.files.iter().find(|f| f.id == id).map_or("", |f| f.path);
        let entries = self.entries().of_package(path);
        let shown: Vec<String> = entries.iter().take(3).map(|e| format!("`{e}`")).collect();
        let more = entries.len().saturating_sub(shown.len());
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        format!("no entry point loads its module, directly or through its importers (searched from {}{more})", shown.join(", "))
    }

    /// Importers searched before a module is taken to be reachable: past this, the answer is
    /// not known, and a module not known to be dead is not reported as dead.
    const MAX_IMPORTERS: usize = 256;

    /// Importers parsed at a time: an entry point among them that imports the module ends the
    /// search before the rest are parsed (a module named `utils` is mentioned by most files).
    const IMPORTER_CHUNK: usize = 64;

    fn js_reachable(&self, file: &SourceFile<'r>) -> bool {
        let resolver = self.resolver.get_or_init(|| resolver(self.repo));
        let mut seen = BTreeSet::from([file.id]);
        let mut queue = VecDeque::from([file]);
        while let Some(target) = queue.pop_front() {
            if self.entries().why(target.id).is_some() {
                return true;
            }
            let Some((names, mentions, mut candidates)) = self.mentioning(target, self.files.iter().filter(|f| !seen.contains(&f.id)))
            else {
                return true;
            };
            // Entry points first: one that imports the module answers the question.
            candidates.sort_by_key(|f| self.entries().why(f.id).is_none());
            for chunk in candidates.chunks(Self::IMPORTER_CHUNK) {
                chunk.par_iter().for_each(|f| {
                    f.index();
                });
                for &importer in chunk {
                    // Only a specifier that mentions the module can name it.
                    let imports = importer.index().imports.iter().filter(|i| mentions.is_match(&i.module)).any(|import| {
                        match resolver.resolve(importer.path, &import.module) {
                            Resolved::File(path) => path == target.path,
                            Resolved::Missing => names_file(&import.module, target.path, &names),
                            Resolved::External => false,
                        }
                    });
                    if !imports {
                        continue;
                    }
                    if self.entries().why(importer.id).is_some() {
                        return true;
                    }
                    seen.insert(importer.id);
                    if seen.len() > Self::MAX_IMPORTERS {
                        return true;
                    }
                    queue.push_back(importer);
                }
            }
        }
        false
    }

    /// The JS/TS files among `among` that mention one of `target`'s [`Code::module_names`], not
    /// parsed yet, with those names and an automaton that finds them. `None` if the automaton
    /// cannot be built: nothing is known.
    fn mentioning<'a>(
        &'a self,
        target: &SourceFile<'r>,
        among: impl Iterator<Item = &'a SourceFile<'r>>,
    ) -> Option<(Vec<String>, AhoCorasick, Vec<&'a SourceFile<'r>>)> {
        let names = self.module_names(target.path);
        let mentions = AhoCorasick::new(&names).ok()?;
        let candidates: Vec<&SourceFile<'r>> =
            among.filter(|f| f.id != target.id && !f.path.ends_with(".py") && mentions.is_match(f.text)).collect();
        Some((names, mentions, candidates))
    }

    /// The files among `among` that may import `target` (JS/TS files that mention one of its
    /// [`Code::module_names`]), parsed in parallel (the one costly step), with those names and an
    /// automaton that finds them. `None` if the automaton cannot be built: nothing is known.
    fn may_import<'a>(
        &'a self,
        target: &SourceFile<'r>,
        among: impl Iterator<Item = &'a SourceFile<'r>>,
    ) -> Option<(Vec<String>, AhoCorasick, Vec<&'a SourceFile<'r>>)> {
        let (names, mentions, candidates) = self.mentioning(target, among)?;
        candidates.par_iter().for_each(|f| {
            f.index();
        });
        Some((names, mentions, candidates))
    }

    /// What an import of the file at `path` must mention: its stem (`rate-limit` for
    /// `rate-limit.service.ts`), its directory's name for an index file, and the name of the
    /// workspace package it belongs to when the package can name it as its entry (`main` or
    /// `exports` mention it, or it is an index file: `@acme/limits` alone resolves there).
    fn module_names(&self, path: &str) -> Vec<String> {
        let target_stem = stem(path);
        let mut names = vec![if target_stem == "index" { parent_name(path) } else { target_stem }.to_string()];
        names.extend(
            workspace_packages(self.repo)
                .filter(|(_, dir, manifest)| {
                    (dir.is_empty() || path.starts_with(&format!("{dir}/"))) && (target_stem == "index" || manifest.contains(target_stem))
                })
                .map(|(name, _, _)| name.to_string()),
        );
        names.retain(|n| !n.is_empty());
        names
    }

    /// Python modules: imported by name (`from app.limits import x` for `app/limits.py`) from
    /// an application file.
    fn python_reachable(&self, file: &SourceFile<'r>) -> bool {
        if self.entries().why(file.id).is_some() {
            return true;
        }
        let target_stem = stem(file.path);
        let module_stem = if target_stem == "__init__" { parent_name(file.path) } else { target_stem };
        self.files.iter().filter(|f| f.id != file.id && f.text.contains(module_stem)).any(|importer| {
            importer.index().imports.iter().any(|import| {
                let last = import.module.rsplit(['/', '.']).find(|s| !s.is_empty()).unwrap_or("");
                last == module_stem || import.module.ends_with(&format!(".{module_stem}"))
            })
        })
    }

    /// The paths a client calls for a route of `file`: under the prefixes its router is mounted
    /// at (`app.use("/api", router)`, in this file or in one that imports the router), or for a
    /// NestJS controller's route, under the app's global prefix.
    pub fn client_paths(&self, file: &SourceFile<'r>, route: &shipshape_lang::Route) -> Vec<String> {
        if route.controller {
            return vec![self.nest_path(route)];
        }
        if route.on.is_empty() {
            return vec![route.path.clone()];
        }
        let prefixes = self.mounted_at_cached(file, &route.on);
        if prefixes.is_empty() {
            return vec![route.path.clone()];
        }
        prefixes.iter().map(|prefix| join_route(prefix, &route.path)).collect()
    }

    /// [`Code::mounted_at`], once per router: a file's routes share their router's prefixes.
    fn mounted_at_cached(&self, file: &SourceFile<'r>, object: &str) -> Vec<String> {
        let key = (file.id, object.to_string());
        if let Some(found) = self.mounts.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return found;
        }
        let mut prefixes = Vec::new();
        self.mounted_at(file, object, 0, &mut prefixes);
        if let Ok(mut cache) = self.mounts.lock() {
            cache.insert(key, prefixes.clone());
        }
        prefixes
    }

    /// How deep mounts are followed (an app mounting a router mounting a router…).
    const MAX_MOUNTS: usize = 6;

    /// The prefixes `object` of `file` is mounted under, outermost first, joined: by mounts in
    /// the same file (and what those are mounted on), or else by files that import this one and
    /// mount what they import. A router's own prefix (`APIRouter(prefix="/v1")`) comes last.
    fn mounted_at(&self, file: &SourceFile<'r>, object: &str, depth: usize, out: &mut Vec<String>) {
        if depth > Self::MAX_MOUNTS || object.is_empty() {
            return;
        }
        let index = file.index();
        let own = index.mounts.iter().find(|m| m.on.is_empty() && m.target == object).map(|m| m.prefix.as_str());
        let found = |importer: &SourceFile<'r>, mount: &shipshape_lang::Mount, out: &mut Vec<String>| {
            let inner = match own {
                Some(own) if !mount.replaces => join_route(&mount.prefix, own),
                _ => mount.prefix.clone(),
            };
            let mut outer = Vec::new();
            self.mounted_at(importer, &mount.on, depth + 1, &mut outer);
            if outer.is_empty() {
                out.push(inner);
            } else {
                out.extend(outer.iter().map(|o| join_route(o, &inner)));
            }
        };
        let before = out.len();
        let here: Vec<&shipshape_lang::Mount> = index.mounts.iter().filter(|m| !m.on.is_empty() && m.target == object).collect();
        if !here.is_empty() {
            for mount in here {
                found(file, mount, out);
            }
        } else {
            // Mounted by a file that imports this one: `import { healthRouter } from "./health"`
            // then `app.use("/api", healthRouter)`.
            for (importer, binding) in self.importers_of(file) {
                let index = importer.index();
                for mount in index
                    .mounts
                    .iter()
                    .filter(|m| !m.on.is_empty() && (m.target == binding || m.target.starts_with(&format!("{binding}."))))
                {
                    found(importer, mount, out);
                }
            }
        }
        if out.len() == before
            && let Some(own) = own
        {
            out.push(own.to_string());
        }
    }

    /// The files that mount something and import `file`, each with the name it is bound to.
    fn importers_of(&self, file: &SourceFile<'r>) -> Vec<(&SourceFile<'r>, &str)> {
        let python = file.path.ends_with(".py");
        // Only a file that mounts something can mount this one: those are found once.
        let mounting = self.mounting.get_or_init(|| {
            let marks = [".use(", ".route(", ".register(", ".include_router(", ".register_blueprint(", ".mount(", "include("];
            let Ok(marks) = AhoCorasick::new(marks) else { return (0..self.files.len()).collect() };
            self.files.iter().enumerate().filter(|(_, f)| marks.is_match(f.text)).map(|(i, _)| i).collect()
        });
        let mut out = Vec::new();
        if python {
            let module = python_module(file.path);
            let name = module.rsplit('.').next().unwrap_or("");
            for importer in
                mounting.iter().map(|&i| &self.files[i]).filter(|f| f.id != file.id && f.path.ends_with(".py") && f.text.contains(name))
            {
                for (binding, imported) in &importer.index().bindings {
                    if python_imports(importer.path, imported, &module) {
                        out.push((importer, binding.as_str()));
                    }
                }
            }
            return out;
        }
        let resolver = self.resolver.get_or_init(|| resolver(self.repo));
        let Some((_, mentions, candidates)) = self.may_import(file, mounting.iter().map(|&i| &self.files[i])) else { return out };
        for importer in candidates {
            for (binding, module) in importer.index().bindings.iter().filter(|(_, m)| mentions.is_match(m)) {
                if resolver.resolve(importer.path, module) == Resolved::File(file.path.to_string()) {
                    out.push((importer, binding.as_str()));
                }
            }
        }
        out
    }

    /// A NestJS controller's route under the app's global prefix
    /// (`app.setGlobalPrefix("api", { exclude: ["health"] })`) unless excluded.
    fn nest_path(&self, route: &shipshape_lang::Route) -> String {
        let prefix = self.nest_prefix.get_or_init(|| {
            self.files.iter().filter(|f| f.text.contains("setGlobalPrefix")).find_map(|f| {
                let call = f.index().calls.iter().find(|c| c.method() == "setGlobalPrefix")?;
                // A prefix that is no literal (`setGlobalPrefix(config.prefix)`) is there, unknown.
                let prefix = call.args.first()?.path_text();
                let excluded = match call.option("exclude") {
                    Some(Arg::Array(items)) => items
                        .iter()
                        .filter_map(|i| i.as_str().or_else(|| i.get("path").and_then(Arg::as_str)))
                        .map(|p| format!("/{}", p.trim_matches('/')))
                        .collect(),
                    _ => Vec::new(),
                };
                Some((prefix, excluded))
            })
        });
        match prefix {
            Some((prefix, excluded)) if !excluded.contains(&route.path) => {
                join_route(&format!("/{}", prefix.trim_matches('/')), &route.path)
            }
            _ => route.path.clone(),
        }
    }

    /// Files named like `stem` (e.g. all `logger.ts` files).
    pub fn named(&self, stem: &str) -> impl Iterator<Item = &SourceFile<'r>> {
        self.by_stem.get(stem).into_iter().flatten().map(|i| &self.files[*i])
    }
}

/// The code index of a JS/TS or Python file outside [`Code`] (build configuration, load tests):
/// the one built at load time, or one built now when the prefilter passed the file by. `None`
/// when the file is not source or could not be read (it is then among the skipped files).
pub fn file_index(file: &RepoFile) -> Option<Cow<'_, CodeIndex>> {
    match file.doc() {
        Doc::Code(Some(index)) => Some(Cow::Borrowed(&**index)),
        Doc::Code(None) => Some(Cow::Owned(shipshape_lang::index(file.text()?, Dialect::from_path(&file.path)?))),
        _ => None,
    }
}

/// Every file's path, the texts of package.json and tsconfig files, and the workspace packages.
fn resolver(repo: &Repo) -> ModuleResolver {
    let configs = repo
        .all()
        .filter(|(_, f)| matches!(f.kind, Some(FileKind::PackageJson | FileKind::Tsconfig)))
        .filter_map(|(_, f)| Some((f.path.as_str(), f.text()?)));
    let packages = workspace_packages(repo).map(|(name, dir, _)| (name, dir));
    ModuleResolver::new(repo.all().map(|(_, f)| f.path.as_str()), configs, packages)
}

/// Each package.json with a name: the name, the package's directory (`""` at the root) and
/// the manifest's text.
fn workspace_packages(repo: &Repo) -> impl Iterator<Item = (&str, &str, &str)> {
    repo.of_kinds(&[FileKind::PackageJson]).filter_map(|(_, f)| {
        let Doc::Json(root) = f.doc() else { return None };
        let name = root.get("name")?.as_str()?;
        Some((name, f.path.rsplit_once('/').map_or("", |(dir, _)| dir), f.text()?))
    })
}

/// The dotted module of a Python file: `app/routers/health.py` → `app.routers.health`,
/// `app/routers/__init__.py` → `app.routers`.
fn python_module(path: &str) -> String {
    let path = path.strip_suffix(".py").unwrap_or(path);
    path.strip_suffix("/__init__").unwrap_or(path).replace('/', ".")
}

/// Whether `imported` (an import binding's module, as [`shipshape_lang::CodeIndex::bindings`]
/// has it, in the file at `importer`) names `module` (a [`python_module`]): relative imports
/// from the importer's package; absolute ones as a suffix of the path, as a source root
/// (`src/`, a project directory) puts it on `sys.path`. `from app.routers import health` binds
/// `app.routers.health`, which is the module or a name in `app.routers`.
fn python_imports(importer: &str, imported: &str, module: &str) -> bool {
    let absolute = match imported.strip_prefix('.') {
        Some(rest) => {
            let up = rest.len() - rest.trim_start_matches('.').len();
            let importer = python_module(importer);
            let mut package: Vec<&str> = importer.split('.').collect();
            package.pop();
            for _ in 0..up {
                package.pop();
            }
            let rest = rest.trim_start_matches('.');
            if rest.is_empty() {
                package.join(".")
            } else {
                [package.join("."), rest.to_string()].join(".").trim_start_matches('.').to_string()
            }
        }
        None => imported.to_string(),
    };
    let names = |candidate: &str| !candidate.is_empty() && (module == candidate || module.ends_with(&format!(".{candidate}")));
    names(&absolute) || absolute.rsplit_once('.').is_some_and(|(parent, _)| names(parent))
}

/// `/api` + `/health` → `/api/health`.
fn join_route(prefix: &str, path: &str) -> String {
    let joined = format!("{}/{}", prefix.trim_end_matches('/'), path.trim_start_matches('/'));
    let joined = joined.trim_end_matches('/');
    if joined.is_empty() { "/".into() } else { joined.to_string() }
}

/// Whether an import the resolver could not follow names the file at `path` (whose
/// [`Code::module_names`] are `names`): its last segment is the file's name without the
/// extension (`~/utils/rate-limit.server`), or one of the names (a package, a directory's index).
const SCRIPT_EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"];

fn names_file(module: &str, path: &str, names: &[String]) -> bool {
    let last = module.rsplit('/').next().unwrap_or(module);
    let name = path.rsplit('/').next().unwrap_or(path);
    let bare = name.rsplit_once('.').map_or(name, |(bare, _)| bare);
    // `./x.client.tsx` names `x.client.tsx`; `./x.js` names `x.ts`; `./x` names either.
    let last_bare = last.rsplit_once('.').filter(|(_, ext)| SCRIPT_EXTENSIONS.contains(ext)).map_or(last, |(bare, _)| bare);
    last == name || last_bare == bare || names.iter().any(|n| module.ends_with(&format!("/{n}")) || module == n)
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
