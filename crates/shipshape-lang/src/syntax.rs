//! The work budget of one file, and thin helpers over tree-sitter for Python.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use tree_sitter::{Language, Node, ParseOptions, ParseState, Parser, Tree};

use crate::Dialect;

/// Files above this size are not parsed: generated bundles, not application code.
pub(crate) const MAX_PARSE_BYTES: usize = 2 * 1024 * 1024;

/// Longest one file may take, parse and index together. tree-sitter's error recovery can take
/// exponential time on some malformed input (found by the property tests); past this the parse
/// is cancelled, or the index abandoned.
const FILE_BUDGET: Duration = Duration::from_secs(1);

/// Node visits the index of one file may take, per byte of source (plus a floor). Every walk
/// over the tree draws on it, nested ones included, so no input makes indexing superlinear
/// without running out: a plain index visits each node a few times, and a file has fewer nodes
/// than bytes.
const STEPS_PER_BYTE: u64 = 16;
const STEPS_FLOOR: u64 = 100_000;

/// The work one file may cost: the parse and every walk of the index draw on it. Steps are
/// counted (deterministic); the clock is the safety net, read every few thousand steps.
#[derive(Debug)]
pub(crate) struct Budget {
    /// When the clock started; `None` in tests, which bound work by steps alone so that a
    /// loaded machine cannot change their outcome.
    started: Option<Instant>,
    limit: u64,
    spent: Cell<u64>,
    exhausted: Cell<Option<Spent>>,
}

/// Which budget ran out.
#[derive(Debug, Clone, Copy)]
enum Spent {
    Steps,
    Time,
}

impl Budget {
    pub(crate) fn for_source(src: &str) -> Budget {
        Budget { started: Some(Instant::now()), ..Budget::steps_only(src) }
    }

    /// The step budget without the clock.
    pub(crate) fn steps_only(src: &str) -> Budget {
        Budget { started: None, limit: STEPS_FLOOR + STEPS_PER_BYTE * src.len() as u64, spent: Cell::new(0), exhausted: Cell::new(None) }
    }

    fn out_of_time(&self) -> bool {
        self.started.is_some_and(|t| t.elapsed() > FILE_BUDGET)
    }

    /// Take one step; `false` once the budget is spent (and from then on).
    pub(crate) fn step(&self) -> bool {
        if self.exhausted.get().is_some() {
            return false;
        }
        let spent = self.spent.get() + 1;
        self.spent.set(spent);
        if spent > self.limit {
            self.exhausted.set(Some(Spent::Steps));
        } else if spent.is_multiple_of(4096) && self.out_of_time() {
            self.exhausted.set(Some(Spent::Time));
        }
        self.exhausted.get().is_none()
    }

    #[cfg(test)]
    pub(crate) fn spent(&self) -> u64 {
        self.spent.get()
    }

    /// Why the index is incomplete, if it is.
    pub(crate) fn failure(&self) -> Option<ParseFailure> {
        self.exhausted.get().map(|spent| match spent {
            Spent::Steps => ParseFailure::OverBudget,
            Spent::Time => ParseFailure::TimedOut,
        })
    }
}

thread_local! {
    // One parser per thread and dialect: creating a parser and loading a grammar per file
    // would dominate the cost of small files.
    static PARSERS: RefCell<Vec<(Dialect, Parser)>> = const { RefCell::new(Vec::new()) };
}

fn language(dialect: Dialect) -> Option<Language> {
    match dialect {
        Dialect::Python => Some(tree_sitter_python::LANGUAGE.into()),
        _ => None,
    }
}

/// Why a file could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    TooLarge,
    /// A syntax error the parser could not recover from, at a byte offset.
    Syntax {
        offset: usize,
        message: String,
    },
    /// The file's time budget ran out (parse or index).
    TimedOut,
    /// Indexing the file took more steps than its size allows: pathological nesting.
    OverBudget,
    NoGrammar,
}

pub(crate) fn parse(src: &str, dialect: Dialect, budget: &Budget) -> Result<Tree, ParseFailure> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let slot = match parsers.iter().position(|(d, _)| *d == dialect) {
            Some(i) => i,
            None => {
                let mut parser = Parser::new();
                let language = language(dialect).ok_or(ParseFailure::NoGrammar)?;
                parser.set_language(&language).map_err(|_| ParseFailure::NoGrammar)?;
                parsers.push((dialect, parser));
                parsers.len() - 1
            }
        };
        let parser = &mut parsers[slot].1;
        let mut over_budget = |_: &ParseState| budget.out_of_time();
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

/// Every node of the subtree, in document order, one budget step each; the walk ends early when
/// the budget is spent (the caller's index is then reported incomplete).
pub(crate) fn descendants<'t>(root: Node<'t>, budget: &Budget) -> impl Iterator<Item = Node<'t>> {
    let mut cursor = root.walk();
    let mut done = false;
    std::iter::from_fn(move || {
        if done || !budget.step() {
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

/// Visit every node of the tree in document order with its ancestors (outermost first, the
/// parent last). tree-sitter's `Node::parent` searches down from the root, so asking it for
/// every node would cost the depth of the tree each time; the walk keeps the path instead.
pub(crate) fn walk<'t>(root: Node<'t>, budget: &Budget, mut visit: impl FnMut(Node<'t>, &[Node<'t>])) {
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    loop {
        if !budget.step() {
            return;
        }
        let node = cursor.node();
        visit(node, &ancestors);
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
            ancestors.pop();
        }
    }
}

/// How far up from an environment read the function whose parameter it reads is looked for:
/// the function is near (a statement or two up).
const WRAPPER_REACH: usize = 64;
const WRAPPER_FUNCTIONS: usize = 4;

/// Indices into `ancestors` (as [`walk`] gives them) of the nearest enclosing functions, whose
/// node kinds are `kinds`, innermost first: at most [`WRAPPER_FUNCTIONS`] of them, within
/// [`WRAPPER_REACH`] ancestors.
pub(crate) fn enclosing_functions<'a>(ancestors: &'a [Node<'_>], kinds: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
    (0..ancestors.len()).rev().take(WRAPPER_REACH).filter(move |&i| kinds.contains(&ancestors[i].kind())).take(WRAPPER_FUNCTIONS)
}

/// Longest dotted name kept (`a.b.c…`): longer chains are not names anyone configures by.
const MAX_DOTTED: usize = 16;

/// `a.b.c` from a chain of `member` nodes (their `object` and `property` fields), walked
/// iteratively; `None` for anything but names along the way (calls, subscripts), or past
/// [`MAX_DOTTED`] names.
pub(crate) fn dotted_name(node: Node<'_>, src: &str, member: &str, property: &str, names: &[&str]) -> Option<String> {
    let mut parts = Vec::new();
    let mut node = node;
    loop {
        if names.contains(&node.kind()) {
            parts.push(text(node, src));
            break;
        }
        if node.kind() != member || parts.len() >= MAX_DOTTED {
            return None;
        }
        parts.push(text(node.child_by_field_name(property)?, src));
        node = node.child_by_field_name("object")?;
    }
    parts.reverse();
    Some(parts.join("."))
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
