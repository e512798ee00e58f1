//! JSON with comments and trailing commas (vercel.json, package.json, tsconfig-like files)
//! through `jsonc-parser`'s AST, which keeps byte ranges.

use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use super::tree::{Entry, Node, Value};

/// Parse JSONC. `jsonc-parser` refuses nesting deeper than 512 levels of real tokens, so the
/// recursive conversion below is bounded.
pub fn parse(text: &str) -> Result<Node, String> {
    let result = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()).map_err(|e| format!("JSON: {e}"))?;
    Ok(result.value.map_or_else(|| Node::new(0..0, Value::Null), |v| convert(&v)))
}

fn convert(value: &ast::Value<'_>) -> Node {
    match value {
        ast::Value::StringLit(s) => Node::new(s.range.start..s.range.end, Value::Str(s.value.to_string())),
        ast::Value::NumberLit(n) => {
            let v = n.value.parse::<i64>().map(Value::Int).or_else(|_| n.value.parse::<f64>().map(Value::Float));
            Node::new(n.range.start..n.range.end, v.unwrap_or_else(|_| Value::Str(n.value.to_string())))
        }
        ast::Value::BooleanLit(b) => Node::new(b.range.start..b.range.end, Value::Bool(b.value)),
        ast::Value::NullKeyword(n) => Node::new(n.range.start..n.range.end, Value::Null),
        ast::Value::Array(a) => Node::new(a.range.start..a.range.end, Value::Seq(a.elements.iter().map(convert).collect())),
        ast::Value::Object(o) => {
            let entries = o
                .properties
                .iter()
                .map(|p| {
                    let (key, range) = match &p.name {
                        ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                        ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                    };
                    Entry { key, key_span: super::tree::to_u32(range.start..range.end), value: convert(&p.value) }
                })
                .collect();
            Node::new(o.range.start..o.range.end, Value::Map(entries))
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn nesting_is_bounded_on_tokens_not_bytes() {
        // Brackets in strings and comments are text: a regex of 1,000 `[` is a fine value.
        let text = format!("{{\"pattern\": \"{}\", // {}\n \"n\": 1}}", "[".repeat(1000), "{".repeat(1000));
        assert_eq!(parse(&text).expect("parses").get("n").and_then(Node::as_i64), Some(1));
        // Real nesting: refused by the parser, never a stack overflow.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep).expect_err("too deep").contains("nesting depth"));
        let fine = format!("{}{}", "[".repeat(400), "]".repeat(400));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn comments_trailing_commas_and_spans() {
        let text = "{\n  // regions\n  \"regions\": [\"iad1\", \"cdg1\",],\n  \"n\": 2,\n}";
        let node = parse(text).expect("valid jsonc");
        let regions = node.get("regions").expect("regions");
        assert_eq!(regions.items().len(), 2);
        let s = &regions.items()[1].span;
        assert_eq!(&text[s.start as usize..s.end as usize], "\"cdg1\"");
        assert_eq!(node.get("n").and_then(Node::as_i64), Some(2));
    }

    #[test]
    fn malformed_json_is_an_error() {
        let err = parse("{\"a\": }").expect_err("missing value");
        assert!(err.contains("line"), "{err}");
        assert!(parse(&"[".repeat(10_000)).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_json_like(text in "(\\{|\\}|\\[|\\]|:|,|\"[a-z]{0,3}\"|[0-9.eE+-]{1,4}|true|null|//|/\\*|\\*/| |\n){0,100}") {
            let _ = parse(&text);
        }
    }
}
