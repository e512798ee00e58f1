//! Python: environment reads, env wrappers and pydantic settings classes.

use tree_sitter::{Node, Tree};

use crate::syntax::{callee_name, descendants, first_argument, string_value, text};
use crate::{CodeIndex, EnvRead, EnvReadKind, LiteralCall, is_env_name};

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
            "call" => call(node, src, &mut out),
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
