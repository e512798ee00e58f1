//! One tree type for every structured format (YAML, JSON with comments, TOML): typed values
//! for the extractors' logic, each node carrying the byte range it came from for evidence.

use std::ops::Range;

/// A value in a structured document, with its source range.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<u32>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A key and its value in a mapping. Keys are kept as strings (YAML's non-string keys are
/// stringified), in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<u32>,
    pub value: Node,
}

static NULL: Node = Node { span: 0..0, value: Value::Null };

/// What a Helm template action becomes once blanked: its value is unknown.
pub const TEMPLATED: &str = "_";

impl Node {
    pub fn new(span: Range<usize>, value: Value) -> Node {
        Node { span: to_u32(span), value }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry under `key` in a mapping (with the key's own span).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key == key)
    }

    /// The value at a path of keys; missing keys give `None`.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// A mapping's entries; empty for anything else.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A sequence's items; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A sequence's items, or the node itself as a one-item list (`on: push` vs `on: [push]`).
    pub fn one_or_many(&self) -> Vec<&Node> {
        match &self.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            _ => vec![self],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            Value::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// A scalar rendered as text (`3` for the integer 3); `None` for collections and null.
    pub fn scalar(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }

    /// Every string scalar in this subtree, with its node, in document order.
    pub fn strings(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Str(_) => out.push(node),
                Value::Seq(items) => stack.extend(items.iter().rev()),
                Value::Map(entries) => stack.extend(entries.iter().rev().map(|e| &e.value)),
                _ => {}
            }
        }
        out
    }

    /// Whether the value came from a blanked template action (`{{ .Values.x }}`): unknown.
    pub fn is_templated(&self) -> bool {
        self.as_str().is_some_and(|s| s.contains("____"))
    }

    /// A shared null node, for `unwrap_or(Node::null())`.
    pub fn null() -> &'static Node {
        &NULL
    }
}

pub(crate) fn to_u32(span: Range<usize>) -> Range<u32> {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    clamp(span.start)..clamp(span.end)
}

/// Deepest nesting a YAML document or an nginx block may have: recursive walks (and recursive
/// drops) must not overflow the stack on hostile files. The JSON and TOML parsers enforce
/// their own limits on real tokens (512 and 80 levels), so a bracket in a string never counts.
pub(crate) const MAX_DEPTH: usize = 200;
