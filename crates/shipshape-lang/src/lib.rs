//! Source-code models for shipshape.
//!
//! JS/TS and Python files are parsed with tree-sitter and reduced to a [`CodeIndex`]: the few
//! facts about code that the audit needs, each with the byte range it was read from. Because
//! the index comes from a real syntax tree, a comment or a string that merely *mentions*
//! `process.env.SECRET` never counts as a read.
//!
//! Callers run a cheap literal prefilter first and parse only files that can matter; this crate
//! keeps the heavy grammar dependencies away from the rest of the workspace.

mod js;
mod python;
mod syntax;

use std::ops::Range;

/// The language (and, for JavaScript, the syntax flavour) of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// JavaScript, with or without JSX (`.js`, `.jsx`, `.mjs`, `.cjs`).
    JavaScript,
    /// TypeScript without JSX (`.ts`, `.mts`, `.cts`): `<T>expr` casts parse here.
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// Python 3.
    Python,
}

impl Dialect {
    /// The dialect for a file name, by extension.
    pub fn from_path(path: &str) -> Option<Dialect> {
        let ext = path.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "js" | "jsx" | "mjs" | "cjs" => Dialect::JavaScript,
            "ts" | "mts" | "cts" => Dialect::TypeScript,
            "tsx" => Dialect::Tsx,
            "py" => Dialect::Python,
            _ => return None,
        })
    }
}

/// An environment variable read, e.g. `process.env.DATABASE_URL` or `os.getenv("PORT")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRead {
    pub name: String,
    pub span: Range<usize>,
    pub how: EnvReadKind,
}

/// How an environment variable was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvReadKind {
    /// A direct read through the runtime's environment API.
    Direct,
    /// A key of a schema parsed from the environment (zod, t3-env, envalid, pydantic settings).
    Schema,
}

/// A call whose first argument is a string literal shaped like an environment variable name,
/// e.g. `requireEnv("STRIPE_KEY")`. Whether it is an env read depends on whether the callee is
/// a wrapper around the environment, which may be defined in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralCall {
    pub callee: String,
    pub arg: String,
    pub span: Range<usize>,
}

/// What the audit needs to know about one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeIndex {
    /// Environment variables read directly or declared in an env schema.
    pub env_reads: Vec<EnvRead>,
    /// Names of functions defined here whose body reads the environment by a parameter
    /// (`function env(k) { return process.env[k] }`): calls to them with a literal are reads.
    pub env_wrappers: Vec<String>,
    /// Calls with an env-name-shaped literal as first argument.
    pub literal_calls: Vec<LiteralCall>,
}

/// Parse `src` and index it. Never panics; a file with syntax errors is indexed as far as the
/// parser could recover it.
pub fn index(src: &str, dialect: Dialect) -> CodeIndex {
    let Some(tree) = syntax::parse(src, dialect) else {
        return CodeIndex::default();
    };
    let mut index = match dialect {
        Dialect::Python => python::index(&tree, src),
        _ => js::index(&tree, src),
    };
    index.env_reads.sort_by(|a, b| (a.span.start, &a.name).cmp(&(b.span.start, &b.name)));
    index.env_reads.dedup();
    index.env_wrappers.sort();
    index.env_wrappers.dedup();
    index
}

/// Whether `s` looks like an environment variable name: upper case, digits and underscores,
/// starting with a letter or underscore.
pub fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && s.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests;
