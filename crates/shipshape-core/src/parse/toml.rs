//! TOML (fly.toml, netlify.toml, pyproject.toml, …) through `toml`'s span-keeping document
//! parser.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::{Entry, Node, Value};

/// Parse TOML. The parser refuses nesting deeper than 80 levels of real tokens, so the
/// recursive conversion below is bounded.
pub fn parse(text: &str) -> Result<Node, String> {
    let table = DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        match line {
            Some(line) => format!("TOML: {} (line {line})", e.message().trim()),
            None => format!("TOML: {}", e.message().trim()),
        }
    })?;
    let span = table.span();
    Ok(Node::new(span, table_value(table.get_ref())))
}

fn table_value(table: &DeTable<'_>) -> Value {
    Value::Map(
        table
            .iter()
            .map(|(k, v)| Entry { key: k.get_ref().to_string(), key_span: super::tree::to_u32(k.span()), value: convert(v) })
            .collect(),
    )
}

fn convert(value: &Spanned<DeValue<'_>>) -> Node {
    let v = match value.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).map_or_else(|_| Value::Str(i.as_str().to_string()), Value::Int)
        }
        DeValue::Float(f) => f.as_str().replace('_', "").parse().map_or_else(|_| Value::Str(f.as_str().to_string()), Value::Float),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::Seq(items.iter().map(convert).collect()),
        DeValue::Table(t) => table_value(t),
    };
    Node::new(value.span(), v)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn nesting_is_bounded_on_tokens_not_bytes() {
        let text = format!("pattern = \"{}\"\nliteral = '{}' # {}\nn = 1\n", "[".repeat(1000), "{".repeat(300), "[".repeat(300));
        assert_eq!(parse(&text).expect("parses").get("n").and_then(Node::as_i64), Some(1));
        let deep = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn tables_arrays_and_spans() {
        let text = "app = \"x\"\nprimary_region = \"cdg\"\n\n[[http_service.checks]]\npath = \"/health\"\n[env]\nPORT = 8080\n";
        let node = parse(text).expect("valid");
        let region = node.get("primary_region").expect("region");
        assert_eq!(&text[region.span.start as usize..region.span.end as usize], "\"cdg\"");
        let checks = node.at(&["http_service", "checks"]).expect("checks");
        assert_eq!(checks.items()[0].get("path").and_then(Node::as_str), Some("/health"));
        assert_eq!(node.at(&["env", "PORT"]).and_then(Node::as_i64), Some(8080));
    }

    #[test]
    fn malformed_toml_is_an_error_with_a_line() {
        let err = parse("a = 1\nb = = 2\n").expect_err("bad");
        assert!(err.contains("line 2"), "{err}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_toml_like(text in "(\\[|\\]|\\[\\[|=|\"|'|[a-z]{1,3}|[0-9_]{1,4}|\\.|,|\\{|\\}|#| |\n){0,100}") {
            let _ = parse(&text);
        }
    }
}
