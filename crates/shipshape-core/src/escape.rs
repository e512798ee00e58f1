//! Text from the audited repository (file names, snippets, messages that quote them) shown
//! safely: control characters are escaped, so a file name or a line cannot move the cursor,
//! recolour the terminal, retitle its window or hide text (`\x1b]0;…`, `\r`, bidi overrides).

use std::borrow::Cow;

/// Whether a character must not reach a terminal or a page as it is: C0 and C1 controls, DEL,
/// and the Unicode bidirectional overrides and isolates ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// `text` with every unsafe character written as an escape (`\x1b`, `\u{202e}`); borrowed
/// when there is none.
pub fn controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_unsafe(c) => out.push(c),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Escape a string in place.
pub fn in_place(text: &mut String) {
    if let Cow::Owned(clean) = controls(text) {
        *text = clean;
    }
}

/// Escape every string inside a JSON value in place (keys too).
pub fn json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => in_place(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(json),
        serde_json::Value::Object(map) => {
            if map.keys().any(|k| matches!(controls(k), Cow::Owned(_))) {
                let entries: Vec<(String, serde_json::Value)> = std::mem::take(map).into_iter().collect();
                for (mut k, v) in entries {
                    in_place(&mut k);
                    map.insert(k, v);
                }
            }
            map.values_mut().for_each(json);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(controls("plain/path.yml"), "plain/path.yml");
        assert_eq!(controls("\x1b[32mALL CHECKS PASSED\x1b[0m"), "\\x1b[32mALL CHECKS PASSED\\x1b[0m");
        assert_eq!(controls("a\x1b]0;title\x07b"), "a\\x1b]0;title\\x07b");
        assert_eq!(controls("x\ry\tz\n"), "x\\ry\\tz\\n");
        assert_eq!(controls("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(controls("admin\u{202e}txt.exe"), "admin\\u{202e}txt.exe");
        assert_eq!(controls("naïve 日本 ✓"), "naïve 日本 ✓");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unsafe_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}a-z]{0,40}") {
            let out = controls(&text);
            proptest::prop_assert!(!out.chars().any(is_unsafe));
        }
    }
}
