//! JavaScript and TypeScript: environment reads, env wrappers and env schemas.

use std::collections::{HashMap, HashSet};

use tree_sitter::{Node, Tree};

use crate::syntax::{Budget, callee_name, descendants, dotted_name, enclosing_functions, first_argument, string_value, text, walk};
use crate::{Arg, Call, CodeIndex, EnvRead, EnvReadKind, Header, Import, LiteralCall, Route, is_env_name};

pub(crate) fn index(tree: &Tree, src: &str, budget: &Budget) -> CodeIndex {
    let mut out = CodeIndex::default();
    // `const name = value`, the first per name: what `schema.parse(process.env)` may refer to.
    let mut declared: HashMap<&str, Node<'_>> = HashMap::new();
    // Schemas parsed from the environment, resolved once the whole file has been seen.
    let mut schemas = Vec::new();
    walk(tree.root_node(), budget, |node, ancestors| {
        let parent = ancestors.last().copied();
        match node.kind() {
            "member_expression" => {
                member_read(node, parent, src, &mut out);
                if is_console_method(node, src) {
                    out.console_calls.push(node.byte_range());
                }
            }
            "subscript_expression" => {
                subscript_read(node, parent, src, &mut out);
                env_wrapper(node, ancestors, src, budget, &mut out);
            }
            "variable_declarator" => {
                destructured_reads(node, src, &mut out);
                if let (Some(name), Some(value)) = (node.child_by_field_name("name"), node.child_by_field_name("value"))
                    && name.kind() == "identifier"
                {
                    declared.entry(text(name, src)).or_insert(value);
                    if matches!(value.kind(), "arrow_function" | "function_expression" | "function" | "class") {
                        out.definitions.push((text(name, src).to_string(), name.byte_range()));
                    }
                }
            }
            "function_declaration" | "generator_function_declaration" | "class_declaration" | "method_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    out.definitions.push((text(name, src).to_string(), name.byte_range()));
                }
            }
            "call_expression" => {
                if let Some(schema) = call(node, src, &mut out) {
                    schemas.push(schema);
                }
                record_call(node, parent, src, budget, &mut out);
            }
            "new_expression" => {
                if let Some(constructor) = node.child_by_field_name("constructor")
                    && let Some(callee) = dotted(constructor, src)
                {
                    let args = node.child_by_field_name("arguments").map(|a| arguments(a, src)).unwrap_or_default();
                    out.calls.push(Call { callee, construct: true, args, kwargs: Vec::new(), span: node.byte_range() });
                }
            }
            "import_statement" | "export_statement" => {
                if let Some(source) = node.child_by_field_name("source").and_then(|s| string_value(s, src)) {
                    out.imports.push(Import { module: source, span: node.byte_range() });
                }
            }
            "object" => header_object(node, src, &mut out),
            _ => {}
        }
    });
    // Each schema once, however often it is parsed.
    let mut seen = HashSet::new();
    for schema in schemas {
        let schema = (schema.kind() == "identifier").then(|| declared.get(text(schema, src)).copied()).flatten().unwrap_or(schema);
        if seen.insert(schema.id()) {
            schema_keys(schema, src, budget, &mut out);
        }
    }
    out
}

/// `console.log` and friends: every reference counts once, called or passed as a callback.
fn is_console_method(node: Node<'_>, src: &str) -> bool {
    node.child_by_field_name("object").is_some_and(|o| o.kind() == "identifier" && text(o, src) == "console")
        && node
            .child_by_field_name("property")
            .is_some_and(|p| matches!(text(p, src), "log" | "info" | "debug" | "warn" | "error" | "trace" | "dir" | "table"))
}

/// `a`, `a.b.c`, `this.x`; `None` for anything with calls or computed members.
pub(crate) fn dotted(node: Node<'_>, src: &str) -> Option<String> {
    dotted_name(node, src, "member_expression", "property", &["identifier", "this", "property_identifier"])
}

fn callee_of(function: Node<'_>, src: &str) -> Option<String> {
    dotted(function, src).or_else(|| {
        (function.kind() == "member_expression")
            .then(|| function.child_by_field_name("property").map(|p| format!("*.{}", text(p, src))))
            .flatten()
    })
}

fn arg(node: Node<'_>, src: &str, depth: usize) -> Arg {
    if depth > 4 {
        return Arg::Other;
    }
    match node.kind() {
        "string" => string_value(node, src).map_or(Arg::Other, Arg::Str),
        "template_string"
            if node.named_child_count() == 0
                || (0..node.named_child_count()).all(|i| node.named_child(i).is_some_and(|c| c.kind() == "string_fragment")) =>
        {
            Arg::Str(text(node, src).trim_matches('`').to_string())
        }
        "number" => text(node, src).replace('_', "").parse().map_or(Arg::Other, Arg::Num),
        "true" => Arg::Bool(true),
        "false" => Arg::Bool(false),
        "object" => Arg::Object(
            object_pairs(node, src)
                .into_iter()
                .map(|(k, v)| (k, arg(v, src, depth + 1)))
                .chain({
                    let mut cursor = node.walk();
                    node.named_children(&mut cursor)
                        .filter(|c| c.kind() == "shorthand_property_identifier")
                        .map(|c| (text(c, src).to_string(), Arg::Name(text(c, src).to_string())))
                        .collect::<Vec<_>>()
                })
                .collect(),
        ),
        "array" => {
            let mut cursor = node.walk();
            Arg::Array(node.named_children(&mut cursor).map(|c| arg(c, src, depth + 1)).collect())
        }
        "identifier" | "member_expression" => dotted(node, src).map_or(Arg::Other, Arg::Name),
        "as_expression" | "satisfies_expression" | "parenthesized_expression" | "non_null_expression" => {
            node.named_child(0).map_or(Arg::Other, |c| arg(c, src, depth + 1))
        }
        _ => Arg::Other,
    }
}

fn arguments(list: Node<'_>, src: &str) -> Vec<Arg> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor).filter(|n| n.kind() != "comment").map(|n| arg(n, src, 0)).collect()
}

fn record_call(node: Node<'_>, parent: Option<Node<'_>>, src: &str, budget: &Budget, out: &mut CodeIndex) {
    let (Some(function), Some(arguments_node)) = (node.child_by_field_name("function"), node.child_by_field_name("arguments")) else {
        return;
    };
    if function.kind() == "import" {
        // `typeof import("./x")` names a type: nothing is loaded.
        if parent.is_some_and(|p| p.kind().contains("type")) {
            return;
        }
        out.dynamic_imports.push(node.byte_range());
        if let Some(module) = first_argument(arguments_node).and_then(|a| string_value(a, src)) {
            out.imports.push(Import { module, span: node.byte_range() });
        }
        return;
    }
    let Some(callee) = callee_of(function, src) else { return };
    let args = arguments(arguments_node, src);
    if callee == "require"
        && let Some(Arg::Str(module)) = args.first()
    {
        out.imports.push(Import { module: module.clone(), span: node.byte_range() });
    }
    let method = callee.rsplit('.').next().unwrap_or("");
    // Routes: app.get("/health", handler), router.route("/x"), fastify.get(…), hono.get(…).
    if matches!(method, "get" | "post" | "put" | "delete" | "patch" | "all" | "head" | "options" | "route" | "use")
        && callee.contains('.')
        && let Some(Arg::Str(path)) = args.first()
        && path.starts_with('/')
    {
        let mut cursor = arguments_node.walk();
        let handler_calls = arguments_node
            .named_children(&mut cursor)
            .skip(1)
            .flat_map(|h| {
                descendants(h, budget)
                    .filter(|n| n.kind() == "call_expression")
                    .filter_map(|c| c.child_by_field_name("function"))
                    .filter_map(|f| callee_of(f, src))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut cursor = arguments_node.walk();
        let handler_read = arguments_node
            .named_children(&mut cursor)
            .skip(1)
            .any(|h| matches!(h.kind(), "arrow_function" | "function_expression" | "function"));
        out.routes.push(Route { method: method.to_string(), path: path.clone(), span: node.byte_range(), handler_calls, handler_read });
    }
    // Headers set imperatively: res.setHeader("X", v), headers.set("X", v), c.header("X", v).
    if matches!(method, "setHeader" | "set" | "header" | "append")
        && let Some(Arg::Str(name)) = args.first()
        && name.contains('-')
    {
        out.headers.push(Header {
            name: name.clone(),
            value: args.get(1).and_then(|a| a.as_str()).map(str::to_string),
            span: node.byte_range(),
        });
    }
    out.calls.push(Call { callee, construct: false, args, kwargs: Vec::new(), span: node.byte_range() });
}

/// `{ key: "Content-Security-Policy", value: "…" }`, as in Next.js `headers()` and vercel.json;
/// and `env: {…}` / `define: {…}` build-time substitutions.
fn header_object(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let pairs = object_pairs(node, src);
    for (key, value) in &pairs {
        if matches!(key.as_str(), "env" | "define") && value.kind() == "object" {
            for (name, _) in object_keys(*value, src) {
                let name = name.trim_start_matches("process.env.").trim_start_matches("import.meta.env.").to_string();
                out.build_defines.push(name);
            }
        }
    }
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
    if let Some(name) = get("key").and_then(|n| string_value(n, src)) {
        let value = get("value").and_then(|v| match arg(v, src, 0) {
            Arg::Str(s) => Some(s),
            _ => None,
        });
        if get("value").is_some() {
            out.headers.push(Header { name, value, span: node.byte_range() });
        }
    }
}

/// `process.env` or `import.meta.env`.
fn is_env_object(node: Node<'_>, src: &str) -> bool {
    if node.kind() != "member_expression" {
        return false;
    }
    let (Some(object), Some(property)) = (node.child_by_field_name("object"), node.child_by_field_name("property")) else {
        return false;
    };
    text(property, src) == "env"
        && match object.kind() {
            "identifier" => text(object, src) == "process",
            "meta_property" => text(object, src) == "import.meta",
            _ => false,
        }
}

fn push_read(out: &mut CodeIndex, name: &str, node: Node<'_>, how: EnvReadKind) {
    out.env_reads.push(EnvRead { name: name.to_string(), span: node.byte_range(), how });
}

fn member_read(node: Node<'_>, parent: Option<Node<'_>>, src: &str, out: &mut CodeIndex) {
    let (Some(object), Some(property)) = (node.child_by_field_name("object"), node.child_by_field_name("property")) else {
        return;
    };
    if is_env_object(object, src) && property.kind() == "property_identifier" && !is_assigned(node, parent) {
        push_read(out, text(property, src), node, EnvReadKind::Direct);
    }
}

fn subscript_read(node: Node<'_>, parent: Option<Node<'_>>, src: &str, out: &mut CodeIndex) {
    let (Some(object), Some(index)) = (node.child_by_field_name("object"), node.child_by_field_name("index")) else {
        return;
    };
    if is_env_object(object, src)
        && !is_assigned(node, parent)
        && let Some(name) = string_value(index, src)
    {
        push_read(out, &name, node, EnvReadKind::Direct);
    }
}

/// `process.env.X = …` writes a variable; it does not read one.
fn is_assigned(node: Node<'_>, parent: Option<Node<'_>>) -> bool {
    parent.is_some_and(|p| p.kind() == "assignment_expression" && p.child_by_field_name("left").is_some_and(|l| l.id() == node.id()))
}

/// `const { A, B: b, C = "x" } = process.env`.
fn destructured_reads(node: Node<'_>, src: &str, out: &mut CodeIndex) {
    let (Some(pattern), Some(value)) = (node.child_by_field_name("name"), node.child_by_field_name("value")) else {
        return;
    };
    if pattern.kind() != "object_pattern" || !is_env_object(value, src) {
        return;
    }
    let mut cursor = pattern.walk();
    for prop in pattern.named_children(&mut cursor) {
        let key = match prop.kind() {
            "shorthand_property_identifier_pattern" => Some(prop),
            "pair_pattern" => prop.child_by_field_name("key"),
            "object_assignment_pattern" => prop.child_by_field_name("left"),
            _ => None,
        };
        if let Some(key) = key {
            let name = string_value(key, src).unwrap_or_else(|| text(key, src).to_string());
            push_read(out, &name, key, EnvReadKind::Direct);
        }
    }
}

/// `process.env[key]` inside a function with a parameter `key`: the function wraps the
/// environment (`function env(k) { return process.env[k] }`), so calls to it with a literal
/// are reads. The function is near: see [`enclosing_functions`].
fn env_wrapper(node: Node<'_>, ancestors: &[Node<'_>], src: &str, budget: &Budget, out: &mut CodeIndex) {
    let (Some(object), Some(index)) = (node.child_by_field_name("object"), node.child_by_field_name("index")) else {
        return;
    };
    if index.kind() != "identifier" || !is_env_object(object, src) {
        return;
    }
    let key = text(index, src);
    const FUNCTIONS: &[&str] = &["function_declaration", "method_definition", "arrow_function", "function_expression"];
    for i in enclosing_functions(ancestors, FUNCTIONS) {
        let function = ancestors[i];
        let params = function.child_by_field_name("parameters").or_else(|| function.child_by_field_name("parameter"));
        if !params.is_some_and(|p| descendants(p, budget).take(256).any(|n| n.kind() == "identifier" && text(n, src) == key)) {
            continue;
        }
        let name = match function.kind() {
            "function_declaration" | "method_definition" => function.child_by_field_name("name"),
            _ => i
                .checked_sub(1)
                .map(|p| ancestors[p])
                .filter(|p| p.kind() == "variable_declarator")
                .and_then(|p| p.child_by_field_name("name")),
        };
        if let Some(name) = name {
            out.env_wrappers.push(text(name, src).to_string());
        }
        return;
    }
}

/// Env reads made by a call; a schema parsed from the environment is returned, for its keys to
/// be read once the whole file has been seen.
fn call<'t>(node: Node<'t>, src: &str, out: &mut CodeIndex) -> Option<Node<'t>> {
    let (Some(function), Some(arguments)) = (node.child_by_field_name("function"), node.child_by_field_name("arguments")) else {
        return None;
    };
    let first = first_argument(arguments);
    let name = callee_name(function, src);

    // Deno.env.get("X")
    if name == Some("get")
        && let Some(object) = function.child_by_field_name("object")
        && object.kind() == "member_expression"
        && text(object, src) == "Deno.env"
        && let Some(arg) = first.and_then(|a| string_value(a, src))
    {
        push_read(out, &arg, node, EnvReadKind::Direct);
        return None;
    }

    // schema.parse(process.env) / schema.safeParse(process.env)
    if matches!(name, Some("parse" | "safeParse" | "parseAsync" | "safeParseAsync"))
        && first.is_some_and(|a| is_env_object(a, src))
        && let Some(schema) = function.child_by_field_name("object")
    {
        return Some(schema);
    }

    // t3-env: createEnv({ server: {…}, client: {…}, shared: {…} })
    if name == Some("createEnv")
        && let Some(options) = first.filter(|a| a.kind() == "object")
    {
        for (key, value) in object_pairs(options, src) {
            if matches!(key.as_str(), "server" | "client" | "shared") && value.kind() == "object" {
                for (name, key_node) in object_keys(value, src) {
                    push_read(out, &name, key_node, EnvReadKind::Schema);
                }
            }
        }
        return None;
    }

    // envalid: cleanEnv(process.env, { X: str() })
    if name == Some("cleanEnv") && first.is_some_and(|a| is_env_object(a, src)) {
        let mut cursor = arguments.walk();
        if let Some(spec) = arguments.named_children(&mut cursor).nth(1).filter(|a| a.kind() == "object") {
            for (name, key_node) in object_keys(spec, src) {
                push_read(out, &name, key_node, EnvReadKind::Schema);
            }
        }
        return None;
    }

    if let (Some(callee), Some(arg)) = (name, first.and_then(|a| string_value(a, src)))
        && is_env_name(&arg)
    {
        out.literal_calls.push(LiteralCall { callee: callee.to_string(), arg, span: node.byte_range() });
    }
    None
}

/// Keys of the first `*.object({…})` call inside a schema expression (zod, yup, valibot).
fn schema_keys(schema: Node<'_>, src: &str, budget: &Budget, out: &mut CodeIndex) {
    let object = descendants(schema, budget).find_map(|n| {
        if n.kind() != "call_expression" {
            return None;
        }
        let function = n.child_by_field_name("function")?;
        if callee_name(function, src) != Some("object") {
            return None;
        }
        first_argument(n.child_by_field_name("arguments")?).filter(|a| a.kind() == "object")
    });
    if let Some(object) = object {
        for (name, key_node) in object_keys(object, src) {
            push_read(out, &name, key_node, EnvReadKind::Schema);
        }
    }
}

fn object_pairs<'t>(object: Node<'t>, src: &str) -> Vec<(String, Node<'t>)> {
    let mut cursor = object.walk();
    object
        .named_children(&mut cursor)
        .filter(|p| p.kind() == "pair")
        .filter_map(|p| {
            let key = p.child_by_field_name("key")?;
            let name = string_value(key, src).unwrap_or_else(|| text(key, src).to_string());
            Some((name, p.child_by_field_name("value")?))
        })
        .collect()
}

fn object_keys<'t>(object: Node<'t>, src: &str) -> Vec<(String, Node<'t>)> {
    let mut cursor = object.walk();
    object
        .named_children(&mut cursor)
        .filter_map(|p| {
            let key = match p.kind() {
                "pair" => p.child_by_field_name("key")?,
                "shorthand_property_identifier" => p,
                _ => return None,
            };
            if !matches!(key.kind(), "property_identifier" | "string" | "shorthand_property_identifier") {
                return None;
            }
            let name = string_value(key, src).unwrap_or_else(|| text(key, src).to_string());
            Some((name, key))
        })
        .collect()
}
