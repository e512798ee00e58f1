//! Just enough of GitHub Actions expressions to tell whether an `if:` can ever be true.
//!
//! Evaluation is three-valued: what depends on unknown context (inputs, labels, secrets…) is
//! `Unknown`, and a condition is unreachable only if it is `False` under every trigger scenario
//! of its workflow. Comparisons are case-insensitive, as GitHub's are.

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Str(String),
    Bool(bool),
    Num(f64),
    Null,
    Unknown,
}

impl V {
    /// Truthiness, or `None` when unknown.
    fn truthy(&self) -> Option<bool> {
        match self {
            V::Str(s) => Some(!s.is_empty()),
            V::Bool(b) => Some(*b),
            V::Num(n) => Some(*n != 0.0),
            V::Null => Some(false),
            V::Unknown => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Lit(V),
    Ctx(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp(&'static str, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

/// The context one trigger gives an expression.
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub event_name: String,
    /// `github.ref` when the trigger fixes it (a branch filter, or a pull request's merge ref).
    pub git_ref: Option<String>,
}

/// A parsed `if:` condition.
#[derive(Debug, Clone)]
pub struct Condition(Option<Expr>);

impl Condition {
    pub fn parse(text: &str) -> Condition {
        let t = text.trim();
        let inner = t.strip_prefix("${{").and_then(|s| s.strip_suffix("}}")).unwrap_or(t);
        // Interpolated text is unknown; absurd nesting is refused before recursive descent.
        if inner.contains("${{") || inner.len() > 4096 || inner.matches(['(', '[', '!']).count() > 64 {
            return Condition(None);
        }
        let tokens = lex(inner);
        let mut p = Parser { tokens, pos: 0 };
        let expr = p.or();
        Condition(expr.filter(|_| p.pos == p.tokens.len()))
    }

    /// `Some(false)` when the condition is false in this scenario, `Some(true)` when true,
    /// `None` when it depends on what cannot be known from the repository.
    pub fn eval(&self, scenario: &Scenario) -> Option<bool> {
        self.0.as_ref().and_then(|e| eval(e, scenario).truthy())
    }

    /// Whether the condition calls `always()`, `failure()` or `cancelled()`: it may run after a
    /// failed or skipped dependency.
    pub fn runs_after_failure(&self) -> bool {
        fn walk(e: &Expr) -> bool {
            match e {
                Expr::Call(name, args) => matches!(name.as_str(), "always" | "failure" | "cancelled") || args.iter().any(walk),
                Expr::Not(a) => walk(a),
                Expr::And(a, b) | Expr::Or(a, b) | Expr::Cmp(_, a, b) => walk(a) || walk(b),
                _ => false,
            }
        }
        self.0.as_ref().is_some_and(walk)
    }

    /// Whether it calls `failure()`: a step or job that runs when something failed.
    pub fn on_failure(&self) -> bool {
        fn walk(e: &Expr) -> bool {
            match e {
                Expr::Call(name, args) => name == "failure" || args.iter().any(walk),
                Expr::Not(_) => false,
                Expr::And(a, b) | Expr::Or(a, b) | Expr::Cmp(_, a, b) => walk(a) || walk(b),
                _ => false,
            }
        }
        self.0.as_ref().is_some_and(walk)
    }

    /// The branch a condition pins `github.ref` to (`github.ref == 'refs/heads/main'`).
    pub fn branch(&self) -> Option<String> {
        fn walk(e: &Expr) -> Option<String> {
            match e {
                Expr::Cmp("==", a, b) => match (a.as_ref(), b.as_ref()) {
                    (Expr::Ctx(c), Expr::Lit(V::Str(s))) | (Expr::Lit(V::Str(s)), Expr::Ctx(c)) => match c.as_str() {
                        "github.ref" => s.strip_prefix("refs/heads/").map(str::to_string),
                        "github.ref_name" | "github.head_ref" | "github.base_ref" => Some(s.clone()),
                        _ => None,
                    },
                    _ => None,
                },
                Expr::And(a, b) => walk(a).or_else(|| walk(b)),
                _ => None,
            }
        }
        self.0.as_ref().and_then(walk)
    }
}

fn eval(e: &Expr, s: &Scenario) -> V {
    match e {
        Expr::Lit(v) => v.clone(),
        Expr::Ctx(path) => match path.to_ascii_lowercase().as_str() {
            "github.event_name" => V::Str(s.event_name.clone()),
            "github.ref" => s.git_ref.clone().map_or(V::Unknown, V::Str),
            "github.ref_name" => s.git_ref.as_deref().map_or(V::Unknown, |r| {
                V::Str(r.strip_prefix("refs/heads/").or_else(|| r.strip_prefix("refs/tags/")).unwrap_or(r).to_string())
            }),
            "github.head_ref" if s.event_name == "push" => V::Str(String::new()),
            _ => V::Unknown,
        },
        Expr::Not(a) => match eval(a, s).truthy() {
            Some(b) => V::Bool(!b),
            None => V::Unknown,
        },
        Expr::And(a, b) => match (eval(a, s).truthy(), eval(b, s).truthy()) {
            (Some(false), _) | (_, Some(false)) => V::Bool(false),
            (Some(true), Some(true)) => V::Bool(true),
            _ => V::Unknown,
        },
        Expr::Or(a, b) => match (eval(a, s).truthy(), eval(b, s).truthy()) {
            (Some(true), _) | (_, Some(true)) => V::Bool(true),
            (Some(false), Some(false)) => V::Bool(false),
            _ => V::Unknown,
        },
        Expr::Cmp(op, a, b) => {
            let (a, b) = (eval(a, s), eval(b, s));
            if a == V::Unknown || b == V::Unknown {
                return V::Unknown;
            }
            let eq = match (&a, &b) {
                (V::Str(x), V::Str(y)) => x.eq_ignore_ascii_case(y),
                _ => a == b,
            };
            match *op {
                "==" => V::Bool(eq),
                "!=" => V::Bool(!eq),
                _ => V::Unknown,
            }
        }
        Expr::Call(name, args) => {
            let vals: Vec<V> = args.iter().map(|a| eval(a, s)).collect();
            let strs = |i: usize| match vals.get(i) {
                Some(V::Str(x)) => Some(x.to_ascii_lowercase()),
                _ => None,
            };
            match name.as_str() {
                "always" => V::Bool(true),
                "startswith" | "endswith" | "contains" => match (strs(0), strs(1)) {
                    (Some(a), Some(b)) => V::Bool(match name.as_str() {
                        "startswith" => a.starts_with(&b),
                        "endswith" => a.ends_with(&b),
                        _ => a.contains(&b),
                    }),
                    _ => V::Unknown,
                },
                _ => V::Unknown,
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(&'static str),
}

fn lex(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            let mut v = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        v.push('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                v.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(Tok::Str(v));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(text.parse().map_or(Tok::Ident(text), Tok::Num));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '-' | '.' | '*')) {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = match two.as_str() {
                "==" => Some("=="),
                "!=" => Some("!="),
                "&&" => Some("&&"),
                "||" => Some("||"),
                "<=" => Some("<="),
                ">=" => Some(">="),
                _ => None,
            };
            if let Some(op) = op {
                out.push(Tok::Op(op));
                i += 2;
                continue;
            }
            out.push(Tok::Op(match c {
                '!' => "!",
                '(' => "(",
                ')' => ")",
                ',' => ",",
                '<' => "<",
                '>' => ">",
                '[' => "[",
                ']' => "]",
                _ => "?",
            }));
            i += 1;
        }
    }
    out
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek()
            == Some(&Tok::Op(match op {
                "||" => "||",
                "&&" => "&&",
                "!" => "!",
                "(" => "(",
                ")" => ")",
                "," => ",",
                "[" => "[",
                "]" => "]",
                _ => return false,
            }))
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Option<Expr> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Some(left)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut left = self.cmp()?;
        while self.eat("&&") {
            left = Expr::And(Box::new(left), Box::new(self.cmp()?));
        }
        Some(left)
    }

    fn cmp(&mut self) -> Option<Expr> {
        let left = self.unary()?;
        if let Some(Tok::Op(op @ ("==" | "!=" | "<" | ">" | "<=" | ">="))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.unary()?;
            return Some(Expr::Cmp(op, Box::new(left), Box::new(right)));
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.eat("!") {
            return Some(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<Expr> {
        let tok = self.peek()?.clone();
        self.pos += 1;
        match tok {
            Tok::Str(s) => Some(Expr::Lit(V::Str(s))),
            Tok::Num(n) => Some(Expr::Lit(V::Num(n))),
            Tok::Op("(") => {
                let e = self.or()?;
                self.eat(")").then_some(e)
            }
            Tok::Ident(id) => {
                match id.as_str() {
                    "true" => return Some(Expr::Lit(V::Bool(true))),
                    "false" => return Some(Expr::Lit(V::Bool(false))),
                    "null" => return Some(Expr::Lit(V::Null)),
                    _ => {}
                }
                if self.eat("(") {
                    let mut args = Vec::new();
                    if !self.eat(")") {
                        loop {
                            args.push(self.or()?);
                            if self.eat(")") {
                                break;
                            }
                            if !self.eat(",") {
                                return None;
                            }
                        }
                    }
                    return Some(Expr::Call(id.to_ascii_lowercase(), args));
                }
                // Index access (`github.event.inputs['x']`) makes the path unknown.
                let mut path = id;
                while self.eat("[") {
                    self.or()?;
                    if !self.eat("]") {
                        return None;
                    }
                    path.push_str("[]");
                }
                Some(Expr::Ctx(path))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn push_main() -> Scenario {
        Scenario { event_name: "push".into(), git_ref: Some("refs/heads/main".into()) }
    }

    fn pr() -> Scenario {
        Scenario { event_name: "pull_request".into(), git_ref: Some("refs/pull/1/merge".into()) }
    }

    #[test]
    fn evaluates_common_conditions() {
        let c = Condition::parse("${{ github.ref == 'refs/heads/main' && github.event_name == 'push' }}");
        assert_eq!(c.eval(&push_main()), Some(true));
        assert_eq!(c.eval(&pr()), Some(false));
        assert_eq!(c.branch().as_deref(), Some("main"));

        let c = Condition::parse("github.event_name == 'pull_request' || contains(github.event.head_commit.message, '[deploy]')");
        assert_eq!(c.eval(&pr()), Some(true));
        assert_eq!(c.eval(&push_main()), None);

        assert_eq!(Condition::parse("false").eval(&push_main()), Some(false));
        assert_eq!(Condition::parse("${{ false }}").eval(&pr()), Some(false));
        assert_eq!(Condition::parse("startsWith(github.ref, 'refs/tags/')").eval(&pr()), Some(false));
        assert_eq!(Condition::parse("GITHUB.EVENT_NAME == 'PUSH'").eval(&push_main()), Some(true));
        assert_eq!(Condition::parse("!cancelled() && github.event.inputs['env'] == 'prod'").eval(&push_main()), None);
    }

    #[test]
    fn failure_and_always() {
        assert!(Condition::parse("${{ failure() }}").on_failure());
        assert!(Condition::parse("always()").runs_after_failure());
        assert!(!Condition::parse("success()").runs_after_failure());
        assert!(!Condition::parse("!failure()").on_failure());
    }

    #[test]
    fn garbage_is_unknown() {
        assert_eq!(Condition::parse("a == ").eval(&push_main()), None);
        assert_eq!(Condition::parse("x ${{ y }}").eval(&push_main()), None);
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,120}") {
            let c = Condition::parse(&text);
            let _ = c.eval(&push_main());
            let _ = c.branch();
        }

        #[test]
        fn never_panics_on_expression_like(text in "(github\\.ref|'main'|==|!=|&&|\\|\\||!|\\(|\\)|,|\\[|\\]|always|contains|true|false|1| ){0,40}") {
            let c = Condition::parse(&text);
            let _ = c.eval(&pr());
            let _ = c.runs_after_failure();
        }
    }
}
