//! Python: environment reads, env wrappers and pydantic settings classes.

use tree_sitter::{Node, Tree};

use crate::syntax::{callee_name, descendants, first_argument, string_value, text};
use crate::{Arg, Call, CodeIndex, EnvRead, EnvReadKind, Header, Import, LiteralCall, Route, is_env_name};

pub(crate) fn index(tree: &Tree, src: &str) -> CodeIndex {
    let mut out = CodeIndex::default();
    for node in descendants(tree.root_node()) {
        match node.kind() {
            "subscript" => {
                if is_environ(node.child_by_field_name("value"), src)
                    && !is_assigned(node)
                    && let Some(name) = node.child_by_field_name("subscript").and_then(|s| string_value(s, src))
                {
                    push_read(&mut out, name, node, EnvReadKind::Direct);
                }
            }
            "call" => {
                call(node, src, &mut out);
                record_call(node, src, &mut out);
            }
            "import_statement" => {
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let module = if name.kind() == "aliased_import" {
                        name.child_by_field_name("name").map(|n| text(n, src))
                    } else {
                        Some(text(name, src))
                    };
                    if let Some(module) = module {
                        out.imports.push(Import { module: module.to_string(), span: node.byte_range() });
                    }
                }
            }
            "import_from_statement" => {
                if let Some(module) = node.child_by_field_name("module_name") {
                    out.imports.push(Import { module: text(module, src).to_string(), span: node.byte_range() });
                }
            }
            "decorated_definition" => decorated_route(node, src, &mut out),
            "assignment" => {
                header_assignment(node, src, &mut out);
                constant(node, src, &mut out);
            }
            "class_definition" => settings_class(node, src, &mut out),
            "function_definition" => {
                if reads_env_by_parameter(node, src)
                    && let Some(name) = node.child_by_field_name("name")
                {
                    out.env_wrappers.push(text(name, src).to_string());
                }
            }
            _ => {}
        }
    }
    out
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

fn is_assigned(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
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
fn settings_class(class: Node<'_>, src: &str, out: &mut CodeIndex) {
    let is_settings = class
        .child_by_field_name("superclasses")
        .is_some_and(|s| descendants(s).any(|n| n.kind() == "identifier" && text(n, src) == "BaseSettings"));
    let Some(body) = class.child_by_field_name("body").filter(|_| is_settings) else {
        return;
    };
    let prefix = descendants(body)
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

fn reads_env_by_parameter(function: Node<'_>, src: &str) -> bool {
    let params: Vec<&str> = function
        .child_by_field_name("parameters")
        .map(|p| {
            let mut cursor = p.walk();
            p.named_children(&mut cursor)
                .filter_map(|n| match n.kind() {
                    "identifier" => Some(n),
                    _ => n.named_child(0).filter(|c| c.kind() == "identifier"),
                })
                .map(|n| text(n, src))
                .collect()
        })
        .unwrap_or_default();
    let Some(body) = function.child_by_field_name("body") else {
        return false;
    };
    let is_param = |n: Option<Node<'_>>| n.is_some_and(|n| n.kind() == "identifier" && params.contains(&text(n, src)));
    !params.is_empty()
        && descendants(body).any(|n| match n.kind() {
            "subscript" => is_environ(n.child_by_field_name("value"), src) && is_param(n.child_by_field_name("subscript")),
            "call" => {
                n.child_by_field_name("function").is_some_and(|f| is_env_getter(f, src))
                    && is_param(n.child_by_field_name("arguments").and_then(first_argument))
            }
            _ => false,
        })
}

/// `a`, `a.b.c`; `None` for anything with calls or subscripts.
fn dotted(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind() {
        "identifier" => Some(text(node, src).to_string()),
        "attribute" => {
            let object = dotted(node.child_by_field_name("object")?, src)?;
            Some(format!("{object}.{}", text(node.child_by_field_name("attribute")?, src)))
        }
        _ => None,
    }
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

fn record_call(node: Node<'_>, src: &str, out: &mut CodeIndex) {
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
        && node.parent().is_some_and(|p| matches!(p.kind(), "list" | "argument_list" | "tuple"))
    {
        let clean = route.trim_start_matches('^').trim_end_matches('$');
        out.routes.push(Route {
            method: "path".into(),
            path: format!("/{}", clean.trim_start_matches('/')),
            span: node.byte_range(),
            handler_calls: Vec::new(),
        });
    }
    out.calls.push(Call { callee, construct: false, args, kwargs, span: node.byte_range() });
}

/// `@app.get("/health")`, `@router.route("/x")`, `@bp.route(...)` on a function: a route, with
/// the calls its body makes.
fn decorated_route(node: Node<'_>, src: &str, out: &mut CodeIndex) {
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
                descendants(b)
                    .filter(|n| n.kind() == "call")
                    .filter_map(|c| c.child_by_field_name("function"))
                    .filter_map(|f| callee_of(f, src))
                    .collect()
            })
            .unwrap_or_default();
        out.routes.push(Route { method: method.to_string(), path, span: decorator.byte_range(), handler_calls });
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
        out.headers.push(Header { name, value: string_value(right, src), span: node.byte_range() });
    }
}

/// `SECURE_HSTS_SECONDS = 31536000` at module level.
fn constant(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let at_module_level = node.parent().and_then(|p| p.parent()).is_some_and(|m| m.kind() == "module");
    let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else { return };
    let name = text(left, src);
    if at_module_level && left.kind() == "identifier" && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        out.constants.push((name.to_string(), arg(right, src, 0), node.byte_range()));
    }
}
