//! JavaScript and TypeScript, parsed with oxc: environment reads, env wrappers and env schemas,
//! imports, calls, routes, headers.
//!
//! One pass of a visitor over the AST builds the index. oxc parses in linear time and recovers
//! from most syntax errors; a file it cannot recover is a [`ParseFailure::Syntax`], never an
//! empty index (what it lacks would read as absent). The parser and the visitor recurse as
//! deep as the code nests: [`crate::stack`] gives them the stack that the file can need.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::scope::ScopeFlags;

use crate::syntax::{Budget, ParseFailure};
use crate::{Arg, Call, CodeIndex, Dialect, EnvRead, EnvReadKind, Header, Import, LiteralCall, Mount, Route, is_env_name};

/// Parse and index one file. A JavaScript file that does not parse as JavaScript with JSX is
/// tried as TSX: Flow and TypeScript annotations turn up in `.js` files.
pub(crate) fn index(src: &str, dialect: Dialect, budget: &Budget) -> Result<CodeIndex, ParseFailure> {
    let source_type = match dialect {
        Dialect::JavaScript => SourceType::unambiguous().with_jsx(true),
        Dialect::TypeScript => SourceType::ts(),
        _ => SourceType::tsx(),
    };
    with_allocator(|allocator| match index_as(allocator, src, source_type, budget) {
        Err(ParseFailure::Syntax { .. }) if dialect == Dialect::JavaScript => {
            allocator.reset();
            index_as(allocator, src, SourceType::tsx(), budget)
        }
        result => result,
    })
}

thread_local! {
    // One arena per thread, emptied after each file: allocating a fresh one per file costs
    // more than parsing a small file.
    static ALLOCATOR: RefCell<Allocator> = RefCell::new(Allocator::default());
}

fn with_allocator<R>(f: impl FnOnce(&mut Allocator) -> R) -> R {
    ALLOCATOR.with(|cell| match cell.try_borrow_mut() {
        Ok(mut allocator) => {
            let result = f(&mut allocator);
            allocator.reset();
            result
        }
        // Never nested today; a fresh arena if it ever is.
        Err(_) => f(&mut Allocator::default()),
    })
}

fn index_as(allocator: &Allocator, src: &str, source_type: SourceType, budget: &Budget) -> Result<CodeIndex, ParseFailure> {
    // Identifier hashes serve semantic analysis, which the index does not run.
    let options = oxc_parser::ParseOptions { enable_ident_hashes: false, ..oxc_parser::ParseOptions::default() };
    let parsed = oxc_parser::Parser::new(allocator, src, source_type).with_options(options).parse();
    if parsed.panicked {
        let first = parsed.diagnostics.iter().next();
        return Err(ParseFailure::Syntax {
            offset: first.and_then(|d| d.labels.first()).map_or(0, |l| l.offset() as usize),
            message: first.map_or_else(|| "unrecoverable syntax error".to_string(), |d| d.message.to_string()),
        });
    }
    let mut indexer = Indexer::new(budget);
    indexer.visit_program(&parsed.program);
    Ok(indexer.finish(&parsed.program))
}

/// A function around the code being visited: what an env wrapper is named and takes.
struct Frame {
    name: Option<String>,
    params: Vec<String>,
}

struct Indexer<'s> {
    budget: &'s Budget,
    out: CodeIndex,
    /// `const name = value`, the first per name: what `schema.parse(process.env)` may refer to.
    declared: HashMap<String, Span>,
    /// Schemas parsed from the environment (the expression, or the name it was declared by),
    /// resolved once the whole file has been seen.
    schemas: Vec<Result<Span, String>>,
    functions: Vec<Frame>,
    /// The name the next function gets from its declarator or method (`const f = () => …`),
    /// keyed by where the function starts.
    pending_name: Option<(u32, String)>,
    /// The member expression being assigned to (`process.env.X = …` writes, it does not read).
    assigned: Option<Span>,
    /// The paths of the NestJS controllers around the code (`@Controller("users")`), innermost
    /// last; `None` for a class that is no controller.
    controllers: Vec<Option<Vec<String>>>,
    /// The `source` of the `{ source, headers: [...] }` objects around the code, innermost last.
    header_scopes: Vec<String>,
}

impl<'s> Indexer<'s> {
    fn new(budget: &'s Budget) -> Self {
        Indexer {
            budget,
            out: CodeIndex::default(),
            declared: HashMap::new(),
            schemas: Vec::new(),
            functions: Vec::new(),
            pending_name: None,
            assigned: None,
            controllers: Vec::new(),
            header_scopes: Vec::new(),
        }
    }

    fn finish(mut self, program: &Program<'_>) -> CodeIndex {
        // Each schema once, however often it is parsed: a name resolves to its declaration.
        let targets: HashSet<Span> = std::mem::take(&mut self.schemas)
            .into_iter()
            .filter_map(|schema| schema.or_else(|name| self.declared.get(&name).copied().ok_or(())).ok())
            .collect();
        if !targets.is_empty() {
            let mut schemas = Schemas { budget: self.budget, targets, keys: Vec::new() };
            schemas.visit_program(program);
            for (name, span) in schemas.keys {
                self.push_read(name, span, EnvReadKind::Schema);
            }
        }
        self.out
    }

    fn push_read(&mut self, name: impl Into<String>, span: Span, how: EnvReadKind) {
        self.out.env_reads.push(EnvRead { name: name.into(), span: range(span), how });
    }

    fn define(&mut self, name: &str, span: Span) {
        self.out.definitions.push((name.to_string(), range(span)));
    }

    fn enter_function(&mut self, start: u32, own_name: Option<&str>, params: &FormalParameters<'_>) {
        let pending = self.pending_name.take().filter(|(at, _)| *at == start).map(|(_, n)| n);
        let mut names = ParamNames { budget: self.budget, names: Vec::new() };
        names.visit_formal_parameters(params);
        self.functions.push(Frame { name: own_name.map(str::to_string).or(pending), params: names.names });
    }

    /// `process.env[key]` inside a function with a parameter `key`: the function wraps the
    /// environment (`function env(k) { return process.env[k] }`), so calls to it with a literal
    /// are reads. The function is near: one of the innermost few.
    fn env_wrapper(&mut self, key: &str) {
        if let Some(frame) = self.functions.iter().rev().take(WRAPPER_FUNCTIONS).find(|f| f.params.iter().any(|p| p == key))
            && let Some(name) = &frame.name
        {
            self.out.env_wrappers.push(name.clone());
        }
    }

    /// Env reads made by a call: `Deno.env.get`, env schemas, and calls with an env-name
    /// literal (reads if the callee turns out to wrap the environment).
    fn env_call(&mut self, call: &'_ CallExpression<'_>) {
        let Some(name) = callee_name(&call.callee) else { return };
        let first = call.arguments.first().and_then(Argument::as_expression);
        // Deno.env.get("X")
        if name == "get"
            && let Expression::StaticMemberExpression(m) = &call.callee
            && is_member(&m.object, "Deno", "env")
            && let Some(arg) = first.and_then(string_value)
        {
            self.push_read(arg, call.span, EnvReadKind::Direct);
            return;
        }
        // t3-env: createEnv({ server: {…}, client: {…}, shared: {…} })
        if name == "createEnv"
            && let Some(Expression::ObjectExpression(options)) = first
        {
            for (key, value) in object_pairs(options) {
                if matches!(key.as_ref(), "server" | "client" | "shared")
                    && let Expression::ObjectExpression(value) = value
                {
                    for (name, span) in object_keys(value) {
                        self.push_read(name, span, EnvReadKind::Schema);
                    }
                }
            }
            return;
        }
        // envalid: cleanEnv(process.env, { X: str() })
        if name == "cleanEnv" && first.is_some_and(is_env_object) {
            if let Some(Expression::ObjectExpression(spec)) = call.arguments.get(1).and_then(Argument::as_expression) {
                for (name, span) in object_keys(spec) {
                    self.push_read(name, span, EnvReadKind::Schema);
                }
            }
            return;
        }
        if let Some(arg) = first.and_then(string_value)
            && is_env_name(arg)
        {
            self.out.literal_calls.push(LiteralCall { callee: name.to_string(), arg: arg.to_string(), span: range(call.span) });
        }
    }

    fn record_call(&mut self, call: &CallExpression<'_>) {
        let Some(callee) = callee_of(&call.callee) else { return };
        let args: Vec<Arg> = call.arguments.iter().map(|a| a.as_expression().map_or(Arg::Other, |e| arg(e, 0))).collect();
        if callee == "require"
            && let Some(Arg::Str(module)) = args.first()
        {
            self.out.imports.push(Import { module: module.clone(), span: range(call.span) });
        }
        let method = callee.rsplit('.').next().unwrap_or("");
        // What the call is made on (`app` for `app.use`): routes and mounts keep it.
        let on = || callee.rsplit_once('.').map_or("", |(on, _)| on).to_string();
        // Routers mounted under a prefix: app.use("/api", router), app.route("/api", api).
        if matches!(method, "use" | "route")
            && let Some(Arg::Str(prefix)) = args.first()
            && prefix.starts_with('/')
        {
            for target in args.iter().skip(1).filter_map(|a| match a {
                Arg::Name(name) => Some(name),
                _ => None,
            }) {
                self.out.mounts.push(Mount {
                    on: on(),
                    prefix: prefix.clone(),
                    target: target.clone(),
                    span: range(call.span),
                    replaces: false,
                });
            }
        }
        // Fastify: app.register(routes, { prefix: "/api" }).
        if method == "register"
            && let (Some(Arg::Name(target)), Some(prefix)) = (args.first(), args.get(1).and_then(|o| o.get("prefix")))
        {
            // A prefix that is no literal (`{ prefix: config.apiPrefix }`) is kept as `{…}`.
            let prefix = prefix.path_text();
            self.out.mounts.push(Mount { on: on(), prefix, target: target.clone(), span: range(call.span), replaces: false });
        }
        // Routes: app.get("/health", handler), router.route("/x"), fastify.get(…), hono.get(…).
        // A registration has a handler (Express's `router.route("/x")` chains it): a call with
        // the path alone is a client's request (`api.get("/status")`).
        if matches!(method, "get" | "post" | "put" | "delete" | "patch" | "all" | "head" | "options" | "route" | "use")
            && (args.len() >= 2 || method == "route")
            && callee.contains('.')
            && let Some(Arg::Str(path)) = args.first()
            && path.starts_with('/')
        {
            let mut callees = Callees { budget: self.budget, callees: Vec::new() };
            let handlers = || call.arguments.iter().skip(1).filter_map(Argument::as_expression);
            for handler in handlers() {
                callees.visit_expression(handler);
            }
            let handler_read = handlers().any(|h| matches!(h, Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)));
            self.out.routes.push(Route {
                method: method.to_string(),
                path: path.clone(),
                span: range(call.span),
                handler_calls: callees.callees,
                handler_read,
                on: on(),
                controller: false,
            });
        }
        // Headers set imperatively: res.setHeader("X", v), headers.set("X", v), c.header("X", v).
        if matches!(method, "setHeader" | "set" | "header" | "append")
            && let Some(Arg::Str(name)) = args.first()
            && name.contains('-')
        {
            self.out.headers.push(Header {
                name: name.clone(),
                value: args.get(1).and_then(Arg::as_str).map(str::to_string),
                span: range(call.span),
                scope: None,
            });
        }
        self.out.calls.push(Call { callee, construct: false, args, kwargs: Vec::new(), span: range(call.span) });
    }

    /// `{ key: "Content-Security-Policy", value: "…" }`, as in Next.js `headers()` and
    /// vercel.json; and `env: {…}` / `define: {…}` build-time substitutions.
    fn header_object(&mut self, object: &ObjectExpression<'_>) {
        let pairs = object_pairs(object);
        for (key, value) in &pairs {
            if matches!(key.as_ref(), "env" | "define")
                && let Expression::ObjectExpression(value) = value
            {
                for (name, _) in object_keys(value) {
                    let name = name.trim_start_matches("process.env.").trim_start_matches("import.meta.env.").to_string();
                    self.out.build_defines.push(name);
                }
            }
        }
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
        if let Some(name) = get("key").and_then(string_value)
            && let Some(value) = get("value")
        {
            let value = match arg(value, 0) {
                Arg::Str(s) => Some(s),
                _ => None,
            };
            let scope = self.header_scopes.last().cloned();
            self.out.headers.push(Header { name: name.to_string(), value, span: range(object.span), scope });
        }
    }
}

/// How many enclosing functions an env read looks through for the parameter it reads.
const WRAPPER_FUNCTIONS: usize = 4;

impl<'a> Visit<'a> for Indexer<'_> {
    fn enter_node(&mut self, _: oxc_ast::AstKind<'a>) {
        self.budget.step();
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if is_env_object(&it.object) && self.assigned != Some(it.span) {
            self.push_read(it.property.name.as_str(), it.span, EnvReadKind::Direct);
        }
        if let Expression::Identifier(object) = &it.object
            && object.name == "console"
            && matches!(it.property.name.as_str(), "log" | "info" | "debug" | "warn" | "error" | "trace" | "dir" | "table")
        {
            self.out.console_calls.push(range(it.span));
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if is_env_object(&it.object) {
            match &it.expression {
                Expression::StringLiteral(name) if self.assigned != Some(it.span) => {
                    self.push_read(name.value.as_str(), it.span, EnvReadKind::Direct);
                }
                Expression::Identifier(key) => self.env_wrapper(key.name.as_str()),
                _ => {}
            }
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        if it.operator == AssignmentOperator::Assign
            && let Some(target) = it.left.as_member_expression()
        {
            self.assigned = Some(target.span());
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        match (&it.id, &it.init) {
            // `const { A, B: b, C = "x" } = process.env`
            (BindingPattern::ObjectPattern(pattern), Some(init)) if is_env_object(init) => {
                for property in &pattern.properties {
                    if let Some(name) = property.key.static_name() {
                        self.push_read(name.into_owned(), property.key.span(), EnvReadKind::Direct);
                    }
                }
            }
            (BindingPattern::BindingIdentifier(name), Some(init)) => {
                self.declared.entry(name.name.to_string()).or_insert(init.span());
                // `const routes = require("./routes")`
                if let Expression::CallExpression(call) = init
                    && matches!(&call.callee, Expression::Identifier(f) if f.name == "require")
                    && let Some(module) = call.arguments.first().and_then(Argument::as_expression).and_then(string_value)
                {
                    self.out.bindings.push((name.name.to_string(), module.to_string()));
                }
                if matches!(
                    init,
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) | Expression::ClassExpression(_)
                ) {
                    self.define(name.name.as_str(), name.span);
                    self.pending_name = Some((init.span().start, name.name.to_string()));
                }
            }
            _ => {}
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        if it.r#type == FunctionType::FunctionDeclaration
            && let Some(id) = &it.id
        {
            self.define(id.name.as_str(), id.span);
        }
        let own = it.id.as_ref().filter(|_| it.r#type == FunctionType::FunctionDeclaration).map(|id| id.name.as_str());
        self.enter_function(it.span.start, own, &it.params);
        walk::walk_function(self, it, flags);
        self.functions.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.enter_function(it.span.start, None, &it.params);
        walk::walk_arrow_function_expression(self, it);
        self.functions.pop();
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if it.r#type == ClassType::ClassDeclaration
            && let Some(id) = &it.id
        {
            self.define(id.name.as_str(), id.span);
        }
        self.controllers.push(it.decorators.iter().find_map(|d| decorator_paths(d, &["Controller"])).map(|(_, paths)| paths));
        walk::walk_class(self, it);
        self.controllers.pop();
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        if let Some(name) = it.key.static_name() {
            self.define(&name, it.key.span());
            self.pending_name = Some((it.value.span.start, name.into_owned()));
        }
        // NestJS: `@Get("health")` on a method of a `@Controller("x")` class.
        if let Some(Some(prefixes)) = self.controllers.last().cloned() {
            for (method, paths) in it.decorators.iter().filter_map(|d| decorator_paths(d, HTTP_DECORATORS)) {
                let mut callees = Callees { budget: self.budget, callees: Vec::new() };
                if let Some(body) = &it.value.body {
                    callees.visit_function_body(body);
                }
                for prefix in &prefixes {
                    for path in &paths {
                        self.out.routes.push(Route {
                            method: method.to_ascii_lowercase(),
                            path: join_route(&[prefix, path]),
                            span: range(it.span),
                            handler_calls: callees.callees.clone(),
                            handler_read: it.value.body.is_some(),
                            on: String::new(),
                            controller: true,
                        });
                    }
                }
            }
        }
        walk::walk_method_definition(self, it);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        if it.method
            && let Some(name) = it.key.static_name()
        {
            self.define(&name, it.key.span());
            self.pending_name = Some((it.value.span().start, name.into_owned()));
        }
        walk::walk_object_property(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // schema.parse(process.env) / schema.safeParse(process.env)
        if let Some(member) = it.callee.as_member_expression()
            && matches!(member.static_property_name(), Some("parse" | "safeParse" | "parseAsync" | "safeParseAsync"))
            && it.arguments.first().and_then(Argument::as_expression).is_some_and(is_env_object)
        {
            self.schemas.push(match member.object().get_inner_expression() {
                Expression::Identifier(name) => Err(name.name.to_string()),
                schema => Ok(schema.span()),
            });
        } else {
            self.env_call(it);
        }
        self.record_call(it);
        walk::walk_call_expression(self, it);
    }

    /// A tagged template is a call: ``sql`SELECT 1` `` calls `sql`.
    fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
        if let Some(callee) = callee_of(&it.tag) {
            let template = match it.quasi.quasis.as_slice() {
                [only] if it.quasi.expressions.is_empty() => Arg::Str(only.value.cooked.unwrap_or(only.value.raw).to_string()),
                _ => Arg::Other,
            };
            self.out.calls.push(Call { callee, construct: false, args: vec![template], kwargs: Vec::new(), span: range(it.span) });
        }
        walk::walk_tagged_template_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Some(callee) = dotted(&it.callee) {
            let args = it.arguments.iter().map(|a| a.as_expression().map_or(Arg::Other, |e| arg(e, 0))).collect();
            self.out.calls.push(Call { callee, construct: true, args, kwargs: Vec::new(), span: range(it.span) });
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        self.out.dynamic_imports.push(range(it.span));
        if let Some(module) = string_value(&it.source) {
            self.out.imports.push(Import { module: module.to_string(), span: range(it.span) });
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        // `import type` loads nothing.
        if !it.import_kind.is_type() {
            self.out.imports.push(Import { module: it.source.value.to_string(), span: range(it.span) });
            for specifier in it.specifiers.iter().flatten() {
                self.out.bindings.push((specifier.local().name.to_string(), it.source.value.to_string()));
            }
        }
        walk::walk_import_declaration(self, it);
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        if !it.export_kind.is_type() {
            self.out.imports.push(Import { module: it.source.value.to_string(), span: range(it.span) });
        }
        walk::walk_export_from_declaration(self, it);
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        if !it.export_kind.is_type() {
            self.out.imports.push(Import { module: it.source.value.to_string(), span: range(it.span) });
        }
        walk::walk_export_all_declaration(self, it);
    }

    fn visit_ts_import_equals_declaration(&mut self, it: &TSImportEqualsDeclaration<'a>) {
        // `import x = require("m")`
        if let TSModuleReference::ExternalModuleReference(reference) = &it.module_reference
            && !it.import_kind.is_type()
        {
            self.out.imports.push(Import { module: reference.expression.value.to_string(), span: range(it.span) });
        }
        walk::walk_ts_import_equals_declaration(self, it);
    }

    fn visit_object_expression(&mut self, it: &ObjectExpression<'a>) {
        self.header_object(it);
        // `{ source: "/embed/:path*", headers: [...] }`: the headers inside are for those paths.
        let pairs = object_pairs(it);
        let source = pairs.iter().find(|(k, _)| k == "source").and_then(|(_, v)| string_value(v)).map(str::to_string);
        let scoped = source.filter(|_| pairs.iter().any(|(k, _)| k == "headers"));
        let pushed = scoped.is_some();
        if let Some(source) = scoped {
            self.header_scopes.push(source);
        }
        walk::walk_object_expression(self, it);
        if pushed {
            self.header_scopes.pop();
        }
    }
}

/// The names a function's parameters bind (`k` in `(k)`, `({ k })`, `(k = "x")`).
struct ParamNames<'s> {
    budget: &'s Budget,
    names: Vec<String>,
}

impl<'a> Visit<'a> for ParamNames<'_> {
    fn enter_node(&mut self, _: oxc_ast::AstKind<'a>) {
        self.budget.step();
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.names.push(it.name.to_string());
    }

    // Default values and types bind nothing.
    fn visit_expression(&mut self, _: &Expression<'a>) {}
    fn visit_ts_type_annotation(&mut self, _: &TSTypeAnnotation<'a>) {}
}

/// The callees of every call inside a route handler (nested functions included).
struct Callees<'s> {
    budget: &'s Budget,
    callees: Vec<String>,
}

impl<'a> Visit<'a> for Callees<'_> {
    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.budget.step() {
            walk::walk_expression(self, it);
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        if self.budget.step() {
            walk::walk_statement(self, it);
        }
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(callee) = callee_of(&it.callee) {
            self.callees.push(callee);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
        if let Some(callee) = callee_of(&it.tag) {
            self.callees.push(callee);
        }
        walk::walk_tagged_template_expression(self, it);
    }
}

/// The keys of schemas parsed from the environment: in each target expression, the object
/// literal of the first `*.object({…})` call (zod, yup, valibot), in document order.
struct Schemas<'s> {
    budget: &'s Budget,
    targets: HashSet<Span>,
    keys: Vec<(String, Span)>,
}

impl<'a> Visit<'a> for Schemas<'_> {
    fn visit_expression(&mut self, it: &Expression<'a>) {
        if !self.budget.step() {
            return;
        }
        if self.targets.remove(&it.span()) {
            let mut finder = ObjectCall { budget: self.budget, keys: None };
            finder.visit_expression(it);
            self.keys.extend(finder.keys.unwrap_or_default());
        }
        walk::walk_expression(self, it);
    }
}

struct ObjectCall<'s> {
    budget: &'s Budget,
    keys: Option<Vec<(String, Span)>>,
}

impl<'a> Visit<'a> for ObjectCall<'_> {
    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.keys.is_none() && self.budget.step() {
            walk::walk_expression(self, it);
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        if self.keys.is_none() && self.budget.step() {
            walk::walk_statement(self, it);
        }
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if callee_name(&it.callee) == Some("object")
            && let Some(Expression::ObjectExpression(object)) = it.arguments.first().and_then(Argument::as_expression)
        {
            self.keys = Some(object_keys(object).into_iter().map(|(k, span)| (k.into_owned(), span)).collect());
            return;
        }
        walk::walk_call_expression(self, it);
    }
}

/// NestJS's route decorators.
const HTTP_DECORATORS: &[&str] = &["Get", "Post", "Put", "Delete", "Patch", "All", "Head", "Options"];

/// `@Name()`, `@Name("x")`, `@Name(["x", "y"])`, `@Name({ path: "x" })` for one of `names`: the
/// decorator's name and its paths (`""` when none is given). `None` when a path is not a literal:
/// a route whose path is unknown is not guessed.
fn decorator_paths(decorator: &Decorator<'_>, names: &[&str]) -> Option<(String, Vec<String>)> {
    let Expression::CallExpression(call) = &decorator.expression else { return None };
    let Expression::Identifier(name) = &call.callee else { return None };
    if !names.contains(&name.name.as_str()) {
        return None;
    }
    // A path that is no literal (`@Controller(API_PREFIX)`) is kept as `{API_PREFIX}`: the
    // route is there, with a part of its path unknown, and says so.
    let paths = match call.arguments.first().and_then(Argument::as_expression) {
        None => vec![String::new()],
        Some(e) => match arg(e, 0) {
            Arg::Array(items) => items.iter().map(Arg::path_text).collect(),
            object @ Arg::Object(_) => match object.get("path") {
                None => vec![String::new()],
                Some(Arg::Array(items)) => items.iter().map(Arg::path_text).collect(),
                Some(path) => vec![path.path_text()],
            },
            other => vec![other.path_text()],
        },
    };
    Some((name.name.to_string(), paths))
}

/// `/a/b` from `["a/", "/b"]`: segments joined by one slash, `/` for none.
pub(crate) fn join_route(parts: &[&str]) -> String {
    let segments: Vec<&str> = parts.iter().map(|p| p.trim_matches('/')).filter(|p| !p.is_empty()).collect();
    format!("/{}", segments.join("/"))
}

fn range(span: Span) -> std::ops::Range<usize> {
    span.start as usize..span.end as usize
}

/// Longest dotted name kept (`a.b.c…`): longer chains are not names anyone configures by.
const MAX_DOTTED: usize = 16;

/// `a`, `a.b.c`, `this.x`; `None` for anything with calls or computed members, or past
/// [`MAX_DOTTED`] names. Walked iteratively: chains can be long.
pub(crate) fn dotted(expr: &Expression<'_>) -> Option<String> {
    let mut parts = Vec::new();
    let mut expr = expr;
    loop {
        if parts.len() >= MAX_DOTTED {
            return None;
        }
        match expr {
            Expression::Identifier(name) => {
                parts.push(name.name.as_str());
                break;
            }
            Expression::ThisExpression(_) => {
                parts.push("this");
                break;
            }
            Expression::StaticMemberExpression(member) => {
                parts.push(member.property.name.as_str());
                expr = &member.object;
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::StaticMemberExpression(member) => {
                    parts.push(member.property.name.as_str());
                    expr = &member.object;
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The dotted callee, or `*.name` when the object is not a plain name.
fn callee_of(callee: &Expression<'_>) -> Option<String> {
    dotted(callee).or_else(|| match callee {
        Expression::StaticMemberExpression(member) => Some(format!("*.{}", member.property.name)),
        _ => None,
    })
}

/// The name a call is made through: `f(...)` gives `f`, `a.b.f(...)` gives `f`.
fn callee_name<'a>(callee: &Expression<'a>) -> Option<&'a str> {
    match callee {
        Expression::Identifier(name) => Some(name.name.as_str()),
        Expression::StaticMemberExpression(member) => Some(member.property.name.as_str()),
        _ => None,
    }
}

/// `object.property` with plain names.
fn is_member(expr: &Expression<'_>, object: &str, property: &str) -> bool {
    matches!(expr, Expression::StaticMemberExpression(m)
        if m.property.name == property && matches!(&m.object, Expression::Identifier(o) if o.name == object))
}

/// `process.env` or `import.meta.env`.
fn is_env_object(expr: &Expression<'_>) -> bool {
    match expr {
        Expression::StaticMemberExpression(m) if m.property.name == "env" => match &m.object {
            Expression::Identifier(o) => o.name == "process",
            Expression::ImportMeta(_) => true,
            _ => false,
        },
        _ => false,
    }
}

/// The value of a plain string literal; `None` for templates and anything computed.
fn string_value<'a>(expr: &Expression<'a>) -> Option<&'a str> {
    match expr {
        Expression::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

fn arg(expr: &Expression<'_>, depth: usize) -> Arg {
    if depth > 4 {
        return Arg::Other;
    }
    match expr {
        Expression::StringLiteral(s) => Arg::Str(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            Arg::Str(t.quasis.first().map(|q| q.value.cooked.unwrap_or(q.value.raw).to_string()).unwrap_or_default())
        }
        Expression::NumericLiteral(n) => Arg::Num(n.value),
        Expression::BooleanLiteral(b) => Arg::Bool(b.value),
        Expression::ObjectExpression(object) => Arg::Object(
            object
                .properties
                .iter()
                .filter_map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(p) if p.kind == PropertyKind::Init => {
                        let key = p.key.static_name()?.into_owned();
                        // A method (`tracesSampler(ctx) { … }`) is there, with a function for value.
                        let value = if p.method {
                            Arg::Other
                        } else if p.shorthand {
                            Arg::Name(key.clone())
                        } else {
                            arg(&p.value, depth + 1)
                        };
                        Some((key, value))
                    }
                    _ => None,
                })
                .collect(),
        ),
        Expression::ArrayExpression(array) => Arg::Array(
            array
                .elements
                .iter()
                .filter(|e| !matches!(e, ArrayExpressionElement::Elision(_)))
                .map(|e| e.as_expression().map_or(Arg::Other, |e| arg(e, depth + 1)))
                .collect(),
        ),
        Expression::Identifier(_) | Expression::StaticMemberExpression(_) | Expression::ChainExpression(_) => {
            dotted(expr).map_or(Arg::Other, Arg::Name)
        }
        Expression::TSAsExpression(e) => arg(&e.expression, depth + 1),
        Expression::TSSatisfiesExpression(e) => arg(&e.expression, depth + 1),
        Expression::ParenthesizedExpression(e) => arg(&e.expression, depth + 1),
        Expression::TSNonNullExpression(e) => arg(&e.expression, depth + 1),
        _ => Arg::Other,
    }
}

/// `key: value` properties of an object literal (not shorthands, methods or accessors), by
/// static key.
fn object_pairs<'o, 'a>(object: &'o ObjectExpression<'a>) -> Vec<(std::borrow::Cow<'a, str>, &'o Expression<'a>)> {
    object
        .properties
        .iter()
        .filter_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p) if p.kind == PropertyKind::Init && !p.method && !p.shorthand => {
                Some((p.key.static_name()?, &p.value))
            }
            _ => None,
        })
        .collect()
}

/// The names an object literal declares (`A: …`, `"B": …`, shorthand `C`), with the key's span.
fn object_keys<'a>(object: &ObjectExpression<'a>) -> Vec<(std::borrow::Cow<'a, str>, Span)> {
    object
        .properties
        .iter()
        .filter_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p)
                if p.kind == PropertyKind::Init
                    && !p.method
                    && !p.computed
                    && matches!(p.key, PropertyKey::StaticIdentifier(_) | PropertyKey::StringLiteral(_)) =>
            {
                Some((p.key.static_name()?, p.key.span()))
            }
            _ => None,
        })
        .collect()
}
