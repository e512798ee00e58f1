//! YAML (all documents of a stream) through `saphyr-parser`'s span-carrying events.
//!
//! Scalars are resolved with the YAML 1.2 core schema, so GitHub's `on:` stays the string
//! `"on"` (a YAML 1.1 loader would turn it into `true`). Anchors, aliases and `<<` merge keys
//! are resolved, with a budget so an alias bomb cannot exhaust memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

use super::tree::{Entry, MAX_DEPTH, Node, Value};

/// Most nodes a file may expand to (aliases included).
const MAX_NODES: usize = 1_000_000;

/// Parse every document of a YAML stream.
pub fn parse(text: &str) -> Result<Vec<Node>, String> {
    let mut builder = Builder::new(text);
    let mut parser = Parser::new_from_str(text);
    let result = parser.load(&mut builder, true);
    if let Some(err) = builder.error.take() {
        return Err(err);
    }
    result.map_err(|e| {
        let m = e.marker();
        format!("YAML: {} (line {}, column {})", e.info(), m.line(), m.col() + 1)
    })?;
    Ok(builder.docs)
}

enum Frame {
    Seq { start: usize, anchor: usize, items: Vec<Node> },
    Map { start: usize, anchor: usize, entries: Vec<Entry>, key: Option<(String, std::ops::Range<usize>)> },
}

struct Builder<'t> {
    text: &'t str,
    /// Byte offset of each character, for non-ASCII text (saphyr counts characters).
    char_offsets: Option<Vec<usize>>,
    stack: Vec<Frame>,
    docs: Vec<Node>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    error: Option<String>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Builder<'t> {
        let char_offsets = (!text.is_ascii()).then(|| {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            v
        });
        Builder { text, char_offsets, stack: Vec::new(), docs: Vec::new(), anchors: HashMap::new(), nodes: 0, error: None }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.char_offsets {
            Some(v) => v.get(char_index).copied().unwrap_or(self.text.len()),
            None => char_index.min(self.text.len()),
        }
    }

    fn range(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }

    fn count(&mut self, n: usize) -> bool {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            self.fail(format!("YAML: expands to more than {MAX_NODES} nodes (alias bomb?)"));
            return false;
        }
        true
    }

    fn complete(&mut self, node: Node, anchor: usize) {
        // The copy kept for aliases counts too: nested anchors would otherwise copy the whole
        // document once per level, outside the budget.
        if anchor > 0 && self.count(subtree_size(&node)) {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let name = node.scalar().unwrap_or_default();
                    *key = Some((name, node.span.start as usize..node.span.end as usize));
                }
                Some((name, key_span)) => entries.push(Entry { key: name, key_span: super::tree::to_u32(key_span), value: node }),
            },
        }
    }

    fn open(&mut self, frame: Frame) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(format!("YAML: nested deeper than {MAX_DEPTH} levels"));
        }
        self.stack.push(frame);
    }
}

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => {
            if let Ok(i) = s.parse::<i64>() {
                Value::Int(i)
            } else if let Some(hex) = s.strip_prefix("0x") {
                i64::from_str_radix(hex, 16).map_or_else(|_| Value::Str(s.to_string()), Value::Int)
            } else if s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
                && let Ok(f) = s.parse::<f64>()
            {
                Value::Float(f)
            } else {
                Value::Str(s.to_string())
            }
        }
    }
}

fn subtree_size(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(subtree_size).sum(),
        Value::Map(entries) => entries.iter().map(|e| subtree_size(&e.value)).sum(),
        _ => 0,
    }
}

/// Apply `<<` merge keys: the merged maps' entries, unless the map sets the key itself (or an
/// earlier merge did). Linear in the entries; the copies count as nodes, returned with them.
fn merge_keys(entries: Vec<Entry>) -> (Vec<Entry>, usize) {
    if !entries.iter().any(|e| e.key == "<<") {
        return (entries, 0);
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.key == "<<");
    let mut keys: std::collections::HashSet<String> = own.iter().map(|e| e.key.clone()).collect();
    let mut copied = 0;
    for merge in merges {
        let sources: Vec<&Node> = match &merge.value.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![&merge.value],
        };
        for source in sources {
            for entry in source.entries() {
                if keys.insert(entry.key.clone()) {
                    copied += subtree_size(&entry.value);
                    own.push(entry.clone());
                }
            }
        }
    }
    (own, copied)
}

impl<'input> SpannedEventReceiver<'input> for Builder<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        if self.error.is_some() {
            return;
        }
        let range = self.range(span);
        match ev {
            Event::Scalar(value, style, anchor, _tag) => {
                if !self.count(1) {
                    return;
                }
                let value = match style {
                    ScalarStyle::Plain => resolve_plain(&value),
                    _ => Value::Str(value.into_owned()),
                };
                self.complete(Node::new(range, value), anchor);
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned().unwrap_or_else(|| Node::new(range.clone(), Value::Null));
                if !self.count(subtree_size(&node)) {
                    return;
                }
                self.complete(node, 0);
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq { start: range.start, anchor, items: Vec::new() }),
            Event::MappingStart(anchor, _) => self.open(Frame::Map { start: range.start, anchor, entries: Vec::new(), key: None }),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else { return };
                if !self.count(1) {
                    return;
                }
                let (start, anchor, value) = match frame {
                    Frame::Seq { start, anchor, items } => (start, anchor, Value::Seq(items)),
                    Frame::Map { start, anchor, entries, .. } => {
                        let (entries, copied) = merge_keys(entries);
                        if !self.count(copied) {
                            return;
                        }
                        (start, anchor, Value::Map(entries))
                    }
                };
                let end = range.end.max(start);
                self.complete(Node::new(start..end, value), anchor);
            }
            Event::DocumentStart(_) => self.anchors.clear(),
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn keeps_spans_and_core_schema() {
        let text = "on:\n  push:\n    branches: [main]\nname: \"CI\"\nn: 3\nflag: yes\nt: true\n";
        let docs = parse(text).expect("valid");
        let doc = &docs[0];
        assert!(doc.get("on").is_some(), "`on` stays a string key");
        let branches = doc.at(&["on", "push", "branches"]).expect("branches");
        assert_eq!(branches.items()[0].as_str(), Some("main"));
        let span = &branches.items()[0].span;
        assert_eq!(&text[span.start as usize..span.end as usize], "main");
        assert_eq!(doc.get("n").and_then(Node::as_i64), Some(3));
        assert_eq!(doc.get("flag").and_then(Node::as_str), Some("yes"));
        assert_eq!(doc.get("t").and_then(Node::as_bool), Some(true));
    }

    #[test]
    fn multi_document_and_non_ascii_spans() {
        let text = "kind: A\nname: \"héllo\"\n---\nkind: B\n";
        let docs = parse(text).expect("valid");
        assert_eq!(docs.len(), 2);
        let b = docs[1].get("kind").expect("kind");
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "B");
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = ".base: &base\n  image: node:20\n  script: [a]\njob:\n  <<: *base\n  script: [b]\n";
        let docs = parse(text).expect("valid");
        let job = docs[0].get("job").expect("job");
        assert_eq!(job.get("image").and_then(Node::as_str), Some("node:20"));
        assert_eq!(job.get("script").map(|s| s.items()[0].as_str()), Some(Some("b")));
        assert!(job.get("<<").is_none());
    }

    #[test]
    fn malformed_yaml_is_an_error_with_a_line() {
        let err = parse("a: [1, 2\nb: c\n").expect_err("unclosed flow sequence");
        assert!(err.contains("line"), "{err}");
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            text.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn merge_keys_are_linear_and_counted() {
        // 20,000 keys merged six times: each merge adds only the keys not yet there.
        let mut text = String::from("base: &b\n");
        for i in 0..20_000 {
            text.push_str(&format!("  k{i}: {i}\n"));
        }
        text.push_str("x:\n  <<: [*b, *b, *b, *b, *b, *b]\n  k0: own\n");
        let docs = parse(&text).expect("valid");
        let x = docs[0].get("x").expect("x");
        assert_eq!(x.entries().len(), 20_000);
        assert_eq!(x.get("k0").and_then(Node::as_str), Some("own"));
        assert_eq!(x.get("k19999").and_then(Node::as_i64), Some(19_999));
    }

    #[test]
    fn anchored_copies_count_against_the_budget() {
        // Each level anchors a map holding the previous level twice: 2^20 nodes once expanded.
        let mut text = String::from("l0: &l0 {a: 1}\n");
        for i in 1..=20 {
            text.push_str(&format!("l{i}: &l{i} {{x: *l{}, y: *l{}}}\n", i - 1, i - 1));
        }
        let err = parse(&text).expect_err("over the node budget");
        assert!(err.contains("nodes"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&text).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_yaml_like(text in "([a-z]{1,3}|:|-|\\[|\\]|\\{|\\}|&a|\\*a|<<|'|\"|#|\\|| |\n|\t|,|\\?|!|%){0,120}") {
            let _ = parse(&text);
        }
    }
}
