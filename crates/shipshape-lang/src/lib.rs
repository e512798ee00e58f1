//! Source-code models for shipshape.
//!
//! JS/TS files are parsed with oxc and Python files with tree-sitter, and reduced to a [`CodeIndex`]: the few
//! facts about code that the audit needs, each with the byte range it was read from. Because
//! the index comes from a real syntax tree, a comment or a string that merely *mentions*
//! `process.env.SECRET` never counts as a read.
//!
//! Callers run a cheap literal prefilter first and parse only files that can matter; this crate
//! keeps the heavy grammar dependencies away from the rest of the workspace.

mod js;
mod python;
mod resolve;
mod stack;
mod syntax;

use std::ops::Range;

pub use resolve::{ModuleResolver, Resolved};
pub use syntax::ParseFailure;

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

/// An argument value, as far as it is known statically.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
    /// An object literal (JS) or a dict literal (Python): keys and values.
    Object(Vec<(String, Arg)>),
    Array(Vec<Arg>),
    /// An identifier or dotted name (`redisStore`, `process.env.X`).
    Name(String),
    /// A function or anything else.
    Other,
}

impl Arg {
    /// A path argument as text: a literal as it is, a name as `{name}`, anything else as `{?}`.
    /// A route prefix that is no literal (`prefix=settings.API_V1_STR`) stays in the path, its
    /// unknown part shown as unknown.
    pub fn path_text(&self) -> String {
        match self {
            Arg::Str(path) => path.clone(),
            Arg::Name(name) => format!("{{{name}}}"),
            _ => "{?}".to_string(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A key of an object argument.
    pub fn get(&self, key: &str) -> Option<&Arg> {
        match self {
            Arg::Object(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A call: `Sentry.init({ dsn, tracesSampleRate: 0.2 })`, `new Redis(url)`, `app.use(limiter)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The dotted callee (`Sentry.init`), or `*.name` when the object is not a plain name
    /// (`z.object({…}).parse` gives `*.parse`).
    pub callee: String,
    /// `new X(…)`.
    pub construct: bool,
    pub args: Vec<Arg>,
    /// Python keyword arguments.
    pub kwargs: Vec<(String, Arg)>,
    pub span: Range<usize>,
}

impl Call {
    /// The last segment of the callee (`init` for `Sentry.init`).
    pub fn method(&self) -> &str {
        self.callee.rsplit('.').next().unwrap_or(&self.callee)
    }

    /// A keyword argument (Python) or a key of the first object argument (JS).
    pub fn option(&self, key: &str) -> Option<&Arg> {
        self.kwargs.iter().find(|(k, _)| k == key).map(|(_, v)| v).or_else(|| self.args.iter().find_map(|a| a.get(key)))
    }
}

/// A module this file imports (`import x from "m"`, `require("m")`, `from m import x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub module: String,
    pub span: Range<usize>,
}

/// An HTTP route registered in code: `app.get("/health", …)`, `@app.get("/health")`,
/// `path("health/", …)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// `get`, `post`, `route`, `use`, `path`, …
    pub method: String,
    pub path: String,
    pub span: Range<usize>,
    /// Dotted callees called inside the handler, when the handler is inline or decorated.
    pub handler_calls: Vec<String>,
    /// Whether the handler's body was read (inline or decorated): a handler passed by name
    /// (`path("status/", views.status)`, `app.get("/health", health)`) is defined elsewhere, and
    /// what it calls is unknown, not nothing.
    pub handler_read: bool,
    /// What the route is registered on (`app`, `router`, `this.app`; `*` when not a name): a
    /// router mounted under a prefix ([`Mount`]) puts its routes under it.
    pub on: String,
    /// A method of a NestJS controller (`@Controller("users")` + `@Get(":id")`): the path
    /// joins both, and the app's global prefix (`app.setGlobalPrefix("api")`) comes before it.
    pub controller: bool,
}

/// A router mounted under a path prefix: `app.use("/api", router)`, Hono's
/// `app.route("/api", api)`, Fastify's `app.register(routes, { prefix: "/api" })`; FastAPI's
/// `app.include_router(router, prefix="/api")`, Flask's `register_blueprint`, Django's
/// `path("api/", include("app.urls"))` (the target is the module, `on` is `urlpatterns`).
/// With `on` empty, the router's own prefix (`APIRouter(prefix="/v1")`, `Blueprint(url_prefix=)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// What it is mounted on (`app`).
    pub on: String,
    pub prefix: String,
    /// The mounted router, by the name this file knows it (`router`, `healthRoutes`).
    pub target: String,
    pub span: Range<usize>,
    /// The prefix replaces the router's own instead of coming before it (Flask's
    /// `register_blueprint(bp, url_prefix=…)`).
    pub replaces: bool,
}

/// An HTTP header set as a `{ key: "X-Frame-Options", value: "DENY" }` object (Next.js
/// `headers()`), or with `setHeader("X", "v")`, `headers.set("X", "v")`, `response.headers["X"] = "v"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: Option<String>,
    pub span: Range<usize>,
    /// The paths it is set for, when the code says (`source: "/embed/:path*"` around it in
    /// Next.js `headers()` or vercel.json); `None`: every response the code sets it on.
    pub scope: Option<String>,
}

/// What the audit needs to know about one source file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodeIndex {
    /// Environment variables read directly or declared in an env schema.
    pub env_reads: Vec<EnvRead>,
    /// Names of functions defined here whose body reads the environment by a parameter
    /// (`function env(k) { return process.env[k] }`): calls to them with a literal are reads.
    pub env_wrappers: Vec<String>,
    /// Calls with an env-name-shaped literal as first argument.
    pub literal_calls: Vec<LiteralCall>,
    pub imports: Vec<Import>,
    pub calls: Vec<Call>,
    pub routes: Vec<Route>,
    pub mounts: Vec<Mount>,
    /// Local names bound by imports, with the module: `import { a } from "m"`, `import b from
    /// "m"`, `import * as c from "m"`, `const d = require("m")`.
    pub bindings: Vec<(String, String)>,
    pub headers: Vec<Header>,
    /// `console.log/info/debug/warn/error/trace` references; Python `print(` calls.
    pub console_calls: Vec<Range<usize>>,
    /// `import(…)` call sites in value positions.
    pub dynamic_imports: Vec<Range<usize>>,
    /// Keys of `env: {…}` and `define: {…}` objects (Next.js and Vite configs): build-time
    /// substitutions, not environment variables. Prefixes `process.env.` and
    /// `import.meta.env.` are removed.
    pub build_defines: Vec<String>,
    /// Python module-level `UPPER_CASE = literal` assignments (Django settings and the like).
    pub constants: Vec<(String, Arg, Range<usize>)>,
    /// Names the file defines: functions, classes, methods, and `const name = () => …`, with
    /// the span of the name (what a hand-written rate limiter is called, for one).
    pub definitions: Vec<(String, Range<usize>)>,
}

impl CodeIndex {
    /// Whether the file imports a module (exactly, or a subpath of it: `@sentry/nextjs` for
    /// `@sentry`, `redis.asyncio` for `redis`).
    pub fn imports_module(&self, module: &str) -> bool {
        self.imports
            .iter()
            .any(|i| i.module.strip_prefix(module).is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('.')))
    }

    /// Calls whose callee is `callee` or ends with `.callee`.
    pub fn calls_to<'a>(&'a self, callee: &'a str) -> impl Iterator<Item = &'a Call> {
        self.calls.iter().filter(move |c| c.callee.strip_suffix(callee).is_some_and(|head| head.is_empty() || head.ends_with('.')))
    }
}

/// Parse `src` and index it. Never panics; a file with syntax errors is indexed as far as the
/// parser could recover it; a file the parser gives up on yields an empty index (callers that
/// must tell "nothing there" from "not read" use [`try_index`]).
pub fn index(src: &str, dialect: Dialect) -> CodeIndex {
    try_index(src, dialect).unwrap_or_default()
}

/// [`index`], saying why a file could not be parsed at all (too large, a syntax error the parser
/// could not recover from, or the file's budget of time or work ran out on pathological input:
/// an index that could not be finished is not returned, since what it lacks would read as
/// absent).
pub fn try_index(src: &str, dialect: Dialect) -> Result<CodeIndex, ParseFailure> {
    build_index(src, dialect, &syntax::Budget::for_source(src))
}

/// [`try_index`] under the step budget alone, and the steps it took (what the tests bound).
#[cfg(test)]
fn counted_index(src: &str, dialect: Dialect) -> (Result<CodeIndex, ParseFailure>, u64) {
    let budget = syntax::Budget::steps_only(src);
    let result = build_index(src, dialect, &budget);
    (result, budget.spent())
}

fn build_index(src: &str, dialect: Dialect, budget: &syntax::Budget) -> Result<CodeIndex, ParseFailure> {
    if src.len() > syntax::MAX_PARSE_BYTES {
        return Err(ParseFailure::TooLarge);
    }
    let mut index = match dialect {
        Dialect::Python => python::index(&syntax::parse(src, dialect, budget)?, src, budget),
        _ => stack::deep_enough(src, || js::index(src, dialect, budget))?,
    };
    if let Some(failure) = budget.failure() {
        return Err(failure);
    }
    index.env_reads.sort_by(|a, b| (a.span.start, &a.name).cmp(&(b.span.start, &b.name)));
    index.env_reads.dedup();
    index.env_wrappers.sort();
    index.env_wrappers.dedup();
    index.imports.dedup();
    Ok(index)
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
