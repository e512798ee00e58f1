//! nginx configuration: directives with arguments and nested blocks, comments and quoted
//! strings respected.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub name: String,
    pub args: Vec<String>,
    pub span: Range<u32>,
    pub block: Vec<Directive>,
}

impl Directive {
    /// This directive and every directive nested in it, depth first.
    pub fn walk(&self) -> Vec<&Directive> {
        let mut out = vec![self];
        for d in &self.block {
            out.extend(d.walk());
        }
        out
    }
}

/// Parse a configuration; unbalanced braces end the current block rather than failing, as
/// included snippets often are fragments.
pub fn parse(text: &str) -> Vec<Directive> {
    let tokens = tokenize(text);
    let mut pos = 0;
    let mut depth = 0;
    parse_block(&tokens, &mut pos, &mut depth)
}

#[derive(Debug)]
enum Tok {
    Word(String, usize),
    Semi(usize),
    Open(usize),
    Close,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b';' => {
                out.push(Tok::Semi(i + 1));
                i += 1;
            }
            b'{' => {
                out.push(Tok::Open(i + 1));
                i += 1;
            }
            b'}' => {
                out.push(Tok::Close);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            q @ (b'"' | b'\'') => {
                let start = i;
                i += 1;
                let mut word = Vec::new();
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' && i + 1 < bytes.len() {
                        i += 1;
                    }
                    word.push(bytes[i]);
                    i += 1;
                }
                i += 1;
                out.push(Tok::Word(String::from_utf8_lossy(&word).into_owned(), start));
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b';' | b'{' | b'}' | b'#') {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&bytes[start..i]).into_owned(), start));
            }
        }
    }
    out
}

fn parse_block(tokens: &[Tok], pos: &mut usize, depth: &mut usize) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut words: Vec<(String, usize)> = Vec::new();
    while *pos < tokens.len() {
        let tok = &tokens[*pos];
        *pos += 1;
        match tok {
            Tok::Word(w, at) => words.push((w.clone(), *at)),
            Tok::Semi(end) | Tok::Open(end) => {
                let is_block = matches!(tok, Tok::Open(_));
                let block = if is_block && *depth < super::tree::MAX_DEPTH {
                    *depth += 1;
                    let b = parse_block(tokens, pos, depth);
                    *depth -= 1;
                    b
                } else {
                    Vec::new()
                };
                if let Some(((name, start), rest)) = words.split_first() {
                    out.push(Directive {
                        name: name.clone(),
                        args: rest.iter().map(|(w, _)| w.clone()).collect(),
                        span: super::tree::to_u32(*start..*end),
                        block,
                    });
                }
                words.clear();
            }
            Tok::Close => return out,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn directives_blocks_and_comments() {
        let conf = "http {\n  # add_header X-Commented 1;\n  server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;\n    location = /health { return 200; }\n  }\n}\n";
        let all: Vec<Directive> = parse(conf);
        let flat: Vec<&Directive> = all.iter().flat_map(|d| d.walk()).collect();
        let names: Vec<&str> = flat.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["http", "server", "listen", "ssl_protocols", "add_header", "location", "return"]);
        let hsts = flat.iter().find(|d| d.name == "add_header").expect("header");
        assert_eq!(hsts.args[1], "max-age=63072000; includeSubDomains");
        assert_eq!(&conf[hsts.span.start as usize..hsts.span.start as usize + 10], "add_header");
    }

    proptest! {
        #[test]
        fn never_panics(text in "(\\{|\\}|;|#|\"|'|\\\\|[a-z_]{1,5}| |\n){0,120}") {
            let _ = parse(&text);
        }
    }
}
