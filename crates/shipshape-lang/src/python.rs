//! Python: environment reads, env wrappers and pydantic settings classes.

use tree_sitter::{Node, Tree};

use crate::syntax::{Budget, callee_name, descendants, dotted_name, enclosing_functions, first_argument, string_value, text, walk};
use crate::{Arg, Call, CodeIndex, EnvRead, EnvReadKind, Header, Import, LiteralCall, Mount, Route, is_env_name};

pub(crate) fn index(tree: &Tree, src: &str, budget: &Budget) -> CodeIndex {
    let mut out = CodeIndex::default();
    walk(tree.root_node(), budget, |node, ancestors| {
        let parent = ancestors.last().copied();
        match node.kind() {
            "subscript" if is_environ(node.child_by_field_name("value"), src) => {
                let key = node.child_by_field_name("subscript");
                if !is_assigned(node, parent)
                    && let Some(name) = key.and_then(|s| string_value(s, src))
                {
                    push_read(&mut out, name, node, EnvReadKind::Direct);
                }
                env_wrapper(key, ancestors, src, budget, &mut out);
            }
            "call" => {
                call(node, src, &mut out);
                if node.child_by_field_name("function").is_some_and(|f| is_env_getter(f, src)) {
                    env_wrapper(node.child_by_field_name("arguments").and_then(first_argument), ancestors, src, budget, &mut out);
                }
                record_call(node, parent, src, &mut out);
            }
            "import_statement" => {
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let (module, local) = if name.kind() == "aliased_import" {
                        (name.child_by_field_name("name").map(|n| text(n, src)), name.child_by_field_name("alias").map(|n| text(n, src)))
                    } else {
                        (Some(text(name, src)), None)
                    };
                    if let Some(module) = module {
                        out.imports.push(Import { module: module.to_string(), span: node.byte_range() });
                        out.bindings.push((local.unwrap_or(module).to_string(), module.to_string()));
                    }
                }
            }
            "import_from_statement" => {
                if let Some(module) = node.child_by_field_name("module_name") {
                    let module = text(module, src);
                    out.imports.push(Import { module: module.to_string(), span: node.byte_range() });
                    from_bindings(node, module, src, &mut out);
                }
            }
            "decorated_definition" => decorated_route(node, src, budget, &mut out),
            "assignment" => {
                header_assignment(node, src, &mut out);
                own_prefix(node, src, &mut out);
                let grandparent = ancestors.len().checked_sub(2).map(|i| ancestors[i]);
                constant(node, grandparent, src, &mut out);
            }
            "class_definition" => {
                settings_class(node, src, budget, &mut out);
                if let Some(name) = node.child_by_field_name("name") {
                    out.definitions.push((text(name, src).to_string(), name.byte_range()));
                }
            }
            "function_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    out.definitions.push((text(name, src).to_string(), name.byte_range()));
                }
            }
            _ => {}
        }
    });
    out
}

/// `from app.routers import health, users as u`: `health` is bound to `app.routers.health`
/// (a module, or a name defined in `app.routers`: the resolver tries both).
fn from_bindings(node: Node<'_>, module: &str, src: &str, out: &mut CodeIndex) {
    let mut cursor = node.walk();
    for name in node.children_by_field_name("name", &mut cursor) {
        let (imported, local) = if name.kind() == "aliased_import" {
            (name.child_by_field_name("name").map(|n| text(n, src)), name.child_by_field_name("alias").map(|n| text(n, src)))
        } else {
            (Some(text(name, src)), None)
        };
        if let Some(imported) = imported {
            let sep = if module.ends_with('.') { "" } else { "." };
            out.bindings.push((local.unwrap_or(imported).to_string(), format!("{module}{sep}{imported}")));
        }
    }
}

/// A router's own prefix: FastAPI's `router = APIRouter(prefix="/v1")`, Flask's
/// `bp = Blueprint("api", __name__, url_prefix="/api")`. Recorded as a [`Mount`] with no `on`.
fn own_prefix(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else { return };
    if left.kind() != "identifier" || right.kind() != "call" {
        return;
    }
    let Some(class) = right.child_by_field_name("function").and_then(|f| callee_of(f, src)) else { return };
    let keyword = match class.rsplit('.').next() {
        Some("APIRouter") => "prefix",
        Some("Blueprint") => "url_prefix",
        _ => return,
    };
    if let Some(prefix) = keyword_string(right, keyword, src) {
        out.mounts.push(Mount { on: String::new(), prefix, target: text(left, src).to_string(), span: node.byte_range(), replaces: false });
    }
}

/// The string value of a call's keyword argument.
fn keyword_string(call: Node<'_>, keyword: &str, src: &str) -> Option<String> {
    let arguments = call.child_by_field_name("arguments")?;
    let mut cursor = arguments.walk();
    let found = arguments
        .named_children(&mut cursor)
        .filter(|a| a.kind() == "keyword_argument")
        .find(|a| a.child_by_field_name("name").is_some_and(|k| text(k, src) == keyword))?;
    string_value(found.child_by_field_name("value")?, src)
}

fn push_read(out: &mut CodeIndex, name: String, node: Node<'_>, how: EnvReadKind) {
    out.env_reads.push(EnvRead { name, span: node.byte_range(), how });
}

/// `os.environ` or a bare `environ` (from `from os import environ`).
fn is_environ(node: Option<Node<'_>>, src: &str) -> bool {
    node.is_some_and(|n| matches!(text(n, src), "os.environ" | "environ"))
}

/// Whether a call reads the environment: `os.getenv(…)`, `getenv(…)`, `os.environ.get(…)`.
fn is_env_getter(function: Node<'_>, src: &str) -> bool {
    match function.kind() {
        "identifier" => text(function, src) == "getenv",
        "attribute" => {
            let object = function.child_by_field_name("object");
            match callee_name(function, src) {
                Some("getenv") => object.is_some_and(|o| text(o, src) == "os"),
                Some("get" | "setdefault") => is_environ(object, src),
                _ => false,
            }
        }
        _ => false,
    }
}

fn is_assigned(node: Node<'_>, parent: Option<Node<'_>>) -> bool {
    parent.is_some_and(|p| {
        matches!(p.kind(), "assignment" | "augmented_assignment") && p.child_by_field_name("left").is_some_and(|l| l.id() == node.id())
    })
}

fn call(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let (Some(function), Some(arguments)) = (node.child_by_field_name("function"), node.child_by_field_name("arguments")) else {
        return;
    };
    let Some(arg) = first_argument(arguments).and_then(|a| string_value(a, src)) else {
        return;
    };
    if is_env_getter(function, src) {
        push_read(out, arg, node, EnvReadKind::Direct);
    } else if let Some(callee) = callee_name(function, src)
        && is_env_name(&arg)
    {
        out.literal_calls.push(LiteralCall { callee: callee.to_string(), arg, span: node.byte_range() });
    }
}

/// `class Settings(BaseSettings)`: every annotated field is read from the environment,
/// upper-cased, behind the class's `env_prefix`.
fn settings_class(class: Node<'_>, src: &str, budget: &Budget, out: &mut CodeIndex) {
    let is_settings = class
        .child_by_field_name("superclasses")
        .is_some_and(|s| descendants(s, budget).any(|n| n.kind() == "identifier" && text(n, src) == "BaseSettings"));
    let Some(body) = class.child_by_field_name("body").filter(|_| is_settings) else {
        return;
    };
    let prefix = descendants(body, budget)
        .find_map(|n| {
            let value = match n.kind() {
                "keyword_argument" => (n.child_by_field_name("name").map(|k| text(k, src)) == Some("env_prefix"))
                    .then(|| n.child_by_field_name("value"))
                    .flatten(),
                "assignment" => (n.child_by_field_name("left").map(|k| text(k, src)) == Some("env_prefix"))
                    .then(|| n.child_by_field_name("right"))
                    .flatten(),
                _ => None,
            }?;
            string_value(value, src)
        })
        .unwrap_or_default();
    let mut cursor = body.walk();
    for statement in body.named_children(&mut cursor) {
        let Some(assignment) = statement.named_child(0).filter(|a| a.kind() == "assignment") else {
            continue;
        };
        if assignment.child_by_field_name("type").is_none() {
            continue;
        }
        if let Some(left) = assignment.child_by_field_name("left").filter(|l| l.kind() == "identifier") {
            let field = text(left, src);
            if field != "model_config" {
                let name = format!("{prefix}{field}").to_ascii_uppercase();
                push_read(out, name, left, EnvReadKind::Schema);
            }
        }
    }
}

/// `os.environ[key]` or `os.getenv(key)` inside a function with a parameter `key`: the function
/// wraps the environment, so calls to it with a literal are reads.
fn env_wrapper(key: Option<Node<'_>>, ancestors: &[Node<'_>], src: &str, budget: &Budget, out: &mut CodeIndex) {
    let Some(key) = key.filter(|k| k.kind() == "identifier").map(|k| text(k, src)) else {
        return;
    };
    for function in enclosing_functions(ancestors, &["function_definition"]).map(|i| ancestors[i]) {
        let takes_key = function.child_by_field_name("parameters").is_some_and(|p| {
            let mut cursor = p.walk();
            p.named_children(&mut cursor)
                .take(256)
                .filter(|_| budget.step())
                .filter_map(|n| match n.kind() {
                    "identifier" => Some(n),
                    _ => n.named_child(0).filter(|c| c.kind() == "identifier"),
                })
                .any(|n| text(n, src) == key)
        });
        if takes_key {
            if let Some(name) = function.child_by_field_name("name") {
                out.env_wrappers.push(text(name, src).to_string());
            }
            return;
        }
    }
}

/// `a`, `a.b.c`; `None` for anything with calls or subscripts.
fn dotted(node: Node<'_>, src: &str) -> Option<String> {
    dotted_name(node, src, "attribute", "attribute", &["identifier"])
}

fn callee_of(function: Node<'_>, src: &str) -> Option<String> {
    dotted(function, src).or_else(|| {
        (function.kind() == "attribute").then(|| function.child_by_field_name("attribute").map(|a| format!("*.{}", text(a, src)))).flatten()
    })
}

fn arg(node: Node<'_>, src: &str, depth: usize) -> Arg {
    if depth > 4 {
        return Arg::Other;
    }
    match node.kind() {
        "string" => string_value(node, src).map_or(Arg::Other, Arg::Str),
        "integer" | "float" => text(node, src).replace('_', "").parse().map_or(Arg::Other, Arg::Num),
        "true" => Arg::Bool(true),
        "false" => Arg::Bool(false),
        "dictionary" => {
            let mut cursor = node.walk();
            Arg::Object(
                node.named_children(&mut cursor)
                    .filter(|p| p.kind() == "pair")
                    .filter_map(|p| {
                        Some((string_value(p.child_by_field_name("key")?, src)?, arg(p.child_by_field_name("value")?, src, depth + 1)))
                    })
                    .collect(),
            )
        }
        "list" | "tuple" | "set" => {
            let mut cursor = node.walk();
            Arg::Array(node.named_children(&mut cursor).map(|c| arg(c, src, depth + 1)).collect())
        }
        "identifier" | "attribute" => dotted(node, src).map_or(Arg::Other, Arg::Name),
        _ => Arg::Other,
    }
}

fn record_call(node: Node<'_>, parent: Option<Node<'_>>, src: &str, out: &mut CodeIndex) {
    let (Some(function), Some(arguments)) = (node.child_by_field_name("function"), node.child_by_field_name("arguments")) else {
        return;
    };
    let Some(callee) = callee_of(function, src) else { return };
    let mut args = Vec::new();
    let mut kwargs = Vec::new();
    let mut cursor = arguments.walk();
    for a in arguments.named_children(&mut cursor) {
        match a.kind() {
            "keyword_argument" => {
                if let (Some(k), Some(v)) = (a.child_by_field_name("name"), a.child_by_field_name("value")) {
                    kwargs.push((text(k, src).to_string(), arg(v, src, 0)));
                }
            }
            "comment" => {}
            _ => args.push(arg(a, src, 0)),
        }
    }
    if callee == "print" {
        out.console_calls.push(node.byte_range());
    }
    // Django: path("health/", view), re_path(r"^health/$", view).
    if matches!(callee.as_str(), "path" | "re_path" | "django.urls.path")
        && let Some(Arg::Str(route)) = args.first()
        && parent.is_some_and(|p| matches!(p.kind(), "list" | "argument_list" | "tuple"))
    {
        let clean = format!("/{}", route.trim_start_matches('^').trim_end_matches('$').trim_start_matches('/'));
        // path("api/", include("app.urls")): the module's urlpatterns are under the prefix.
        let mut cursor = arguments.walk();
        let included = arguments
            .named_children(&mut cursor)
            .filter(|a| a.kind() == "call")
            .filter(|c| {
                c.child_by_field_name("function").and_then(|f| callee_of(f, src)).is_some_and(|f| f == "include" || f.ends_with(".include"))
            })
            .find_map(|c| c.child_by_field_name("arguments").and_then(first_argument).and_then(|a| string_value(a, src)));
        if let Some(module) = included {
            out.mounts.push(Mount {
                on: URLPATTERNS.into(),
                prefix: clean,
                target: module.clone(),
                span: node.byte_range(),
                replaces: false,
            });
            out.bindings.push((module.clone(), module));
        } else {
            out.routes.push(Route {
                method: "path".into(),
                path: clean,
                span: node.byte_range(),
                handler_calls: Vec::new(),
                handler_read: false,
                on: URLPATTERNS.into(),
                controller: false,
            });
        }
    }
    mount(&callee, &args, &kwargs, node, out);
    out.calls.push(Call { callee, construct: false, args, kwargs, span: node.byte_range() });
}

/// What Django's routes are registered on: a module's `urlpatterns`, which another module's
/// `include("app.urls")` mounts under a prefix.
const URLPATTERNS: &str = "urlpatterns";

/// Routers mounted under a prefix: FastAPI's `app.include_router(router, prefix="/api")`,
/// Starlette's `app.mount("/api", sub)`, Flask's `app.register_blueprint(bp, url_prefix="/api")`
/// (which replaces the blueprint's own prefix).
fn mount(callee: &str, args: &[Arg], kwargs: &[(String, Arg)], node: Node<'_>, out: &mut CodeIndex) {
    let Some((on, method)) = callee.rsplit_once('.') else { return };
    // A prefix that is no literal (`prefix=settings.API_V1_STR`) is kept as `{settings.API_V1_STR}`.
    let kwarg = |k: &str| kwargs.iter().find(|(name, _)| name == k).map(|(_, v)| v.path_text());
    let (target, prefix, replaces) = match (method, args) {
        ("include_router", [Arg::Name(target), ..]) => (target, kwarg("prefix").unwrap_or_default(), false),
        ("register_blueprint", [Arg::Name(target), ..]) => {
            let prefix = kwarg("url_prefix");
            (target, prefix.clone().unwrap_or_default(), prefix.is_some())
        }
        ("mount", [Arg::Str(prefix), Arg::Name(target), ..]) => (target, prefix.clone(), false),
        _ => return,
    };
    out.mounts.push(Mount { on: on.to_string(), prefix, target: target.clone(), span: node.byte_range(), replaces });
}

/// `@app.get("/health")`, `@router.route("/x")`, `@bp.route(...)` on a function: a route, with
/// the calls its body makes.
fn decorated_route(node: Node<'_>, src: &str, budget: &Budget, out: &mut CodeIndex) {
    let Some(definition) = node.child_by_field_name("definition") else { return };
    let mut cursor = node.walk();
    for decorator in node.named_children(&mut cursor).filter(|c| c.kind() == "decorator") {
        let Some(call) = decorator.named_child(0).filter(|c| c.kind() == "call") else { continue };
        let Some(callee) = call.child_by_field_name("function").and_then(|f| callee_of(f, src)) else { continue };
        let method = callee.rsplit('.').next().unwrap_or("");
        if !matches!(method, "get" | "post" | "put" | "delete" | "patch" | "route" | "api_route" | "head" | "options")
            || !callee.contains('.')
        {
            continue;
        }
        let Some(path) = call.child_by_field_name("arguments").and_then(first_argument).and_then(|a| string_value(a, src)) else {
            continue;
        };
        if !path.starts_with('/') {
            continue;
        }
        let handler_calls = definition
            .child_by_field_name("body")
            .map(|b| {
                descendants(b, budget)
                    .filter(|n| n.kind() == "call")
                    .filter_map(|c| c.child_by_field_name("function"))
                    .filter_map(|f| callee_of(f, src))
                    .collect()
            })
            .unwrap_or_default();
        out.routes.push(Route {
            method: method.to_string(),
            path,
            span: decorator.byte_range(),
            handler_calls,
            handler_read: true,
            on: callee.rsplit_once('.').map_or("", |(on, _)| on).to_string(),
            controller: false,
        });
    }
}

/// `response.headers["X-Frame-Options"] = "DENY"`.
fn header_assignment(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else { return };
    if left.kind() != "subscript" {
        return;
    }
    let is_headers = left.child_by_field_name("value").is_some_and(|v| text(v, src).ends_with("headers"));
    if let Some(name) = left.child_by_field_name("subscript").and_then(|s| string_value(s, src)).filter(|_| is_headers) {
        out.headers.push(Header { name, value: string_value(right, src), span: node.byte_range(), scope: None });
    }
}

/// `SECURE_HSTS_SECONDS = 31536000` at module level.
fn constant(node: Node<'_>, grandparent: Option<Node<'_>>, src: &str, out: &mut CodeIndex) {
    let at_module_level = grandparent.is_some_and(|m| m.kind() == "module");
    let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else { return };
    let name = text(left, src);
    if at_module_level && left.kind() == "identifier" && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        out.constants.push((name.to_string(), arg(right, src, 0), node.byte_range()));
    }
}
