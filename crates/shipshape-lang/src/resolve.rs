//! Module resolution for JS/TS, as bundlers and TypeScript do it (`oxc_resolver`): relative
//! paths, index files and extensions, tsconfig `paths`/`baseUrl`/`extends`, package.json
//! `exports`/`main`, and the repository's own workspace packages.
//!
//! The resolver never touches the disk: it sees the repository as the audit loaded it (a
//! working tree or a git revision), under a virtual root, so nothing outside the tree is read
//! and links cannot lead out of it. `node_modules` is not part of an audit; the workspace's
//! packages appear in a virtual `node_modules` at the root, linked to their directories, which
//! is what a package manager's install makes of them. Anything else a bare specifier names is
//! a dependency: [`Resolved::External`].

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use oxc_resolver::{FileMetadata, FileSystem, ResolveError, ResolveOptions, ResolverGeneric, TsconfigDiscovery};

/// Where the repository sits in the resolver's virtual file system.
const ROOT: &str = "/repository";

/// What an import names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the repository, by its path in the repository.
    File(String),
    /// A dependency (a bare specifier that is no workspace package) or a runtime module
    /// (`node:fs`).
    External,
    /// A relative or aliased path that names no file of the repository.
    Missing,
}

/// The repository as module resolution needs it.
pub struct ModuleResolver {
    resolver: ResolverGeneric<RepoFs>,
    /// The same without tsconfig: a tsconfig that `extends` a package outside the tree (a
    /// shared config in `node_modules`, which is not part of an audit) fails every
    /// resolution under it, and relative paths, index files and packages still resolve.
    without_tsconfig: ResolverGeneric<RepoFs>,
    /// Workspace package names: a specifier under one that resolves to nothing is missing,
    /// not a dependency.
    packages: Vec<String>,
}

impl ModuleResolver {
    /// `files`: every file's path; `configs`: the text of each `package.json` and
    /// `tsconfig*.json`/`jsconfig*.json` (what the resolver reads); `packages`: each workspace
    /// package's name and directory (`""` for the root).
    pub fn new<'a>(
        files: impl IntoIterator<Item = &'a str>,
        configs: impl IntoIterator<Item = (&'a str, &'a str)>,
        packages: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> ModuleResolver {
        let mut fs = RepoFs { node_modules: virtual_path("node_modules"), ..RepoFs::default() };
        fs.dirs.insert(PathBuf::from(ROOT));
        for path in files {
            let full = virtual_path(path);
            fs.add_parents(&full);
            fs.files.insert(full);
        }
        for (path, text) in configs {
            fs.texts.insert(virtual_path(path), text.to_string());
        }
        let mut names = Vec::new();
        for (name, dir) in packages {
            // A package name has no path tricks (`../x`, `/x`, `a//b`) in it.
            if name.is_empty() || name.starts_with('/') || name.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
                continue;
            }
            let link = virtual_path(&format!("node_modules/{name}"));
            fs.add_parents(&link);
            fs.links.insert(link, virtual_path(dir));
            names.push(name.to_string());
        }
        let options = ResolveOptions {
            cwd: Some(PathBuf::from(ROOT)),
            tsconfig: Some(TsconfigDiscovery::Auto),
            extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"].map(String::from).to_vec(),
            // TypeScript's ESM style: `import "./x.js"` names `x.ts`.
            extension_alias: vec![
                (".js".into(), [".ts", ".tsx", ".js", ".jsx"].map(String::from).to_vec()),
                (".mjs".into(), [".mts", ".mjs"].map(String::from).to_vec()),
                (".cjs".into(), [".cts", ".cjs"].map(String::from).to_vec()),
            ],
            condition_names: ["node", "import", "require", "module", "default"].map(String::from).to_vec(),
            main_fields: ["module", "main"].map(String::from).to_vec(),
            builtin_modules: true,
            ..ResolveOptions::default()
        };
        let without_tsconfig = ResolverGeneric::new_with_file_system(fs.clone(), ResolveOptions { tsconfig: None, ..options.clone() });
        ModuleResolver { resolver: ResolverGeneric::new_with_file_system(fs, options), without_tsconfig, packages: names }
    }

    /// What `specifier`, imported by the file at `importer`, names.
    pub fn resolve(&self, importer: &str, specifier: &str) -> Resolved {
        let result = match self.resolver.resolve_file(virtual_path(importer), specifier) {
            Err(
                ResolveError::TsconfigNotFound(_)
                | ResolveError::TsconfigLoadFailed { .. }
                | ResolveError::TsconfigCircularExtend(_)
                | ResolveError::TsconfigSelfReference(_)
                | ResolveError::Json(_),
            ) => self.without_tsconfig.resolve_file(virtual_path(importer), specifier),
            other => other,
        };
        match result {
            Ok(resolution) => match resolution.path().strip_prefix(ROOT) {
                Ok(path) => Resolved::File(path.to_string_lossy().into_owned()),
                Err(_) => Resolved::Missing,
            },
            Err(ResolveError::Builtin { .. }) => Resolved::External,
            Err(_) if is_bare(specifier) && !self.is_workspace_package(specifier) => Resolved::External,
            Err(_) => Resolved::Missing,
        }
    }

    fn is_workspace_package(&self, specifier: &str) -> bool {
        self.packages.iter().any(|name| specifier.strip_prefix(name.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
    }
}

/// A package name or a subpath of one (`react`, `@scope/pkg/x`), not a path; `@/x` and `~/x`
/// are aliases by convention, never packages.
fn is_bare(specifier: &str) -> bool {
    !(specifier.starts_with('.')
        || specifier.starts_with('/')
        || specifier.starts_with("@/")
        || specifier.starts_with('~')
        || specifier.starts_with('#'))
}

fn virtual_path(path: &str) -> PathBuf {
    let mut full = PathBuf::from(ROOT);
    full.push(path);
    full
}

/// The repository, read-only, in memory: which files and directories exist, the texts of the
/// configuration files, and the workspace packages' links.
#[derive(Default, Clone)]
struct RepoFs {
    files: HashSet<PathBuf>,
    dirs: HashSet<PathBuf>,
    texts: HashMap<PathBuf, String>,
    links: HashMap<PathBuf, PathBuf>,
    /// Where the links are: paths elsewhere need no lookup.
    node_modules: PathBuf,
}

impl RepoFs {
    fn add_parents(&mut self, path: &Path) {
        for dir in path.ancestors().skip(1) {
            if !self.dirs.insert(dir.to_path_buf()) {
                break;
            }
        }
    }

    /// `path` with `.`/`..` folded and workspace links followed (a bounded number of times:
    /// links lead into the tree, never to each other in a loop that matters).
    fn real(&self, path: &Path) -> PathBuf {
        let mut path = normalize(path);
        if self.links.is_empty() || !path.starts_with(&self.node_modules) {
            return path;
        }
        for _ in 0..8 {
            let Some((link, target)) = self.links.iter().find(|(link, _)| path.starts_with(link)) else { break };
            let rest = path.strip_prefix(link).map(Path::to_path_buf).unwrap_or_default();
            path = normalize(&target.join(rest));
        }
        path
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn not_found() -> io::Error {
    io::Error::from(io::ErrorKind::NotFound)
}

impl FileSystem for RepoFs {
    fn new() -> Self {
        RepoFs::default()
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.read_to_string(path).map(String::into_bytes)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self.texts.get(&self.real(path)).cloned().ok_or_else(not_found)
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        let real = self.real(path);
        if self.files.contains(&real) {
            Ok(FileMetadata::new(true, false, false))
        } else if self.dirs.contains(&real) {
            Ok(FileMetadata::new(false, true, false))
        } else {
            Err(not_found())
        }
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        let path = normalize(path);
        if self.links.contains_key(&path) { Ok(FileMetadata::new(false, false, true)) } else { self.metadata(&path) }
    }

    fn read_link(&self, path: &Path) -> Result<PathBuf, ResolveError> {
        self.links.get(&normalize(path)).cloned().ok_or_else(|| ResolveError::from(not_found()))
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let real = self.real(path);
        if self.files.contains(&real) || self.dirs.contains(&real) { Ok(real) } else { Err(not_found()) }
    }
}
