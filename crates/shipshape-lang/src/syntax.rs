//! Thin helpers over tree-sitter shared by the language modules.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use tree_sitter::{Language, Node, ParseOptions, ParseState, Parser, Tree};

use crate::Dialect;

/// Files above this size are not parsed: generated bundles, not application code.
const MAX_PARSE_BYTES: usize = 2 * 1024 * 1024;

/// Longest one file may take to parse. tree-sitter's error recovery can take exponential time
/// on some malformed input (found by the property tests); past this the parse is cancelled.
const PARSE_BUDGET: Duration = Duration::from_secs(1);

thread_local! {
    // One parser per thread and dialect: creating a parser and loading a grammar per file
    // would dominate the cost of small files.
    static PARSERS: RefCell<Vec<(Dialect, Parser)>> = const { RefCell::new(Vec::new()) };
}

fn language(dialect: Dialect) -> Language {
    match dialect {
        // The TSX grammar is a superset that also accepts plain JavaScript and JSX.
        Dialect::JavaScript | Dialect::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        Dialect::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        Dialect::Python => tree_sitter_python::LANGUAGE.into(),
    }
}

/// Why a file could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseFailure {
    TooLarge,
    TimedOut,
    NoGrammar,
}

pub(crate) fn parse(src: &str, dialect: Dialect) -> Result<Tree, ParseFailure> {
    if src.len() > MAX_PARSE_BYTES {
        return Err(ParseFailure::TooLarge);
    }
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = match parsers.iter().position(|(d, _)| *d == dialect) {
            Some(i) => i,
            None => {
                let mut parser = Parser::new();
                parser.set_language(&language(dialect)).map_err(|_| ParseFailure::NoGrammar)?;
                parsers.push((dialect, parser));
                parsers.len() - 1
            }
        };
        let parser = &mut parsers[slot].1;
        let started = Instant::now();
        let mut over_budget = |_: &ParseState| started.elapsed() > PARSE_BUDGET;
        let bytes = src.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            None,
            Some(ParseOptions::new().progress_callback(&mut over_budget)),
        );
        match tree {
            Some(tree) => Ok(tree),
            None => {
                // A cancelled parse leaves state behind: start the next one clean.
                parser.reset();
                Err(ParseFailure::TimedOut)
            }
        }
    })
}

/// Every node of the tree, in document order.
pub(crate) fn descendants(root: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    let mut cursor = root.walk();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let node = cursor.node();
        if !cursor.goto_first_child() {
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    done = true;
                    break;
                }
            }
        }
        Some(node)
    })
}

pub(crate) fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// The value of a plain string literal (`"X"`, `'X'`, Python `"X"`); `None` for template or
/// f-strings and anything with interpolation, whose value is not known statically.
pub(crate) fn string_value(node: Node<'_>, src: &str) -> Option<String> {
    if node.kind() != "string" {
        return None;
    }
    let mut cursor = node.walk();
    let mut value = String::new();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "string_fragment" | "string_content" => value.push_str(text(child, src)),
            "string_start" => {
                // Python prefixes: f-strings interpolate, bytes are not names.
                let start = text(child, src).to_ascii_lowercase();
                if start.contains('f') || start.contains('b') {
                    return None;
                }
            }
            "string_end" => {}
            _ => return None,
        }
    }
    Some(value)
}

/// The first argument of a call's argument list, skipping punctuation and comments.
pub(crate) fn first_argument(arguments: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = arguments.walk();
    arguments.named_children(&mut cursor).find(|n| n.kind() != "comment")
}

/// The name a call is made through: `f(...)` gives `f`, `a.b.f(...)` gives `f`.
pub(crate) fn callee_name<'s>(function: Node<'_>, src: &'s str) -> Option<&'s str> {
    match function.kind() {
        "identifier" => Some(text(function, src)),
        "member_expression" => function.child_by_field_name("property").map(|p| text(p, src)),
        "attribute" => function.child_by_field_name("attribute").map(|p| text(p, src)),
        _ => None,
    }
}
