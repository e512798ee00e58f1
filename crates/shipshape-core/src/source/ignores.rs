//! `.gitignore` and `.ignore` files, matched as ripgrep matches them: the deepest file with an
//! opinion decides, and in one directory `.ignore` overrides `.gitignore`. The sources read the
//! files themselves, through their bounded readers, and build matchers here: the `ignore`
//! crate's walker would open them unchecked (a FIFO hangs it, `/dev/zero` exhausts memory).

use std::sync::Arc;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// Ignore files of a directory, in increasing precedence.
pub const IGNORE_FILES: [&str; 2] = [".gitignore", ".ignore"];

/// The ignore files in force in one directory: each with the directory it sits in (relative
/// to the top of the repository, `""` for the top), outermost first.
#[derive(Debug, Clone, Default)]
pub struct IgnoreStack {
    layers: Vec<(String, Arc<Gitignore>)>,
}

impl IgnoreStack {
    /// This stack with the patterns of `bytes` (an ignore file in `dir`) on top.
    pub fn push(&mut self, dir: &str, bytes: &[u8]) {
        let mut builder = GitignoreBuilder::new(".");
        for line in String::from_utf8_lossy(bytes).lines() {
            // A bad pattern is ignored by git too; the rest of the file still applies.
            let _ = builder.add_line(None, line);
        }
        if let Ok(matcher) = builder.build()
            && !matcher.is_empty()
        {
            self.layers.push((dir.to_string(), Arc::new(matcher)));
        }
    }

    /// Whether `path` (relative to the top of the repository) is ignored.
    pub fn ignored(&self, path: &str, is_dir: bool) -> bool {
        for (dir, matcher) in self.layers.iter().rev() {
            let rel = if dir.is_empty() {
                path
            } else {
                match path.strip_prefix(dir.as_str()).and_then(|p| p.strip_prefix('/')) {
                    Some(rel) => rel,
                    None => continue,
                }
            };
            match matcher.matched(rel, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }

    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deepest_opinion_wins() {
        let mut stack = IgnoreStack::default();
        stack.push("", b"*.tmp\nlogs/\n");
        stack.push("sub", b"!keep.tmp\n");
        assert!(stack.ignored("a.tmp", false));
        assert!(stack.ignored("sub/drop.tmp", false));
        assert!(!stack.ignored("sub/keep.tmp", false));
        assert!(stack.ignored("logs", true));
        assert!(!stack.ignored("logs", false));
        assert!(!stack.ignored("other/keep.tmp.x", false));
    }
}
