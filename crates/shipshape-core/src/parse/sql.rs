//! Just enough SQL to replay migrations: statements with comments and string literals removed,
//! as upper-cased words and identifiers.

/// One statement's words (keywords upper-cased, identifiers unquoted and lower-cased), with
/// the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub words: Vec<String>,
    pub offset: u32,
}

pub fn statements(text: &str) -> Vec<Statement> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    let mut flush = |words: &mut Vec<String>, start: &mut Option<usize>| {
        if !words.is_empty() {
            out.push(Statement { words: std::mem::take(words), offset: start.unwrap_or(0) as u32 });
        }
        *start = None;
    };
    while i < bytes.len() {
        match bytes[i] {
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'$' => {
                // Dollar-quoted bodies ($$ … $$, $fn$ … $fn$): function bodies are not DDL here.
                let tag_end = text[i + 1..].find('$').map(|e| i + 1 + e);
                match tag_end {
                    Some(end) if text[i + 1..end].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                        let tag = &text[i..=end];
                        i = text[end + 1..].find(tag).map_or(bytes.len(), |close| end + 1 + close + tag.len());
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                flush(&mut words, &mut start);
                i += 1;
            }
            b'"' => {
                let s = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += 1;
                }
                start.get_or_insert(s - 1);
                words.push(String::from_utf8_lossy(&bytes[s..i.min(bytes.len())]).to_ascii_lowercase());
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' => {
                let s = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.' | b'"')) {
                    i += 1;
                }
                start.get_or_insert(s);
                let word = String::from_utf8_lossy(&bytes[s..i]).replace('"', "");
                words.push(word.to_ascii_uppercase());
            }
            _ => i += 1,
        }
    }
    flush(&mut words, &mut start);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn strips_comments_strings_and_bodies() {
        let sql = "-- ALTER TABLE x ENABLE ROW LEVEL SECURITY;\nCREATE TABLE public.\"Users\" (id int, note text default 'a;b');\n/* DROP TABLE users; */\ncreate function f() returns void as $$ begin drop table x; end $$ language plpgsql;\nALTER TABLE users ENABLE ROW LEVEL SECURITY;";
        let s = statements(sql);
        assert_eq!(s.len(), 3);
        assert_eq!(&s[0].words[..3], ["CREATE", "TABLE", "PUBLIC.USERS"], "a quoted, qualified name is one identifier");
        assert!(s[1].words.iter().all(|w| w != "DROP"));
        assert_eq!(s[2].words, ["ALTER", "TABLE", "USERS", "ENABLE", "ROW", "LEVEL", "SECURITY"]);
    }

    proptest! {
        #[test]
        fn never_panics(text in "(--|/\\*|\\*/|'|\"|\\$\\$|\\$a\\$|;|[A-Za-z_.]{1,6}|\\(|\\)| |\n){0,120}") {
            let _ = statements(&text);
        }
    }
}
