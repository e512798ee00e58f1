//! Enough stack for a recursive parser on any input.
//!
//! oxc parses by recursive descent and its visitor recurses the same way: a file nested ten
//! thousand parentheses deep overflows an 8 MiB stack, which aborts the process (no panic to
//! catch). Nesting depth is bounded by what the text holds, so the stack a file can need is
//! bounded too: each opening bracket can open one level of the deepest kind (measured: about
//! 1.6 KiB per `(` in a release build, 3.8 KiB per 21-byte level for nested classes), and any
//! other byte at most a fraction of one (unary operators, assignment and arrow chains, labels:
//! at most about 330 bytes of stack per byte of source). The file runs on the stack it is
//! already on when that is enough, and on a fresh one of the bound's size when it is not;
//! untouched pages of a fresh stack cost address space, not memory.

/// Stack one opening bracket (`(`, `[`, `{`, `<`, `` ` ``) may need: measured worst about
/// 1.9 KiB, with room for the visitor and for compilers' frame sizes.
const PER_OPENER: usize = 4 * 1024;
/// Stack any other byte may need: measured worst about 330 bytes.
const PER_BYTE: usize = 768;
/// What the caller's own frames and a shallow file need.
const BASE: usize = 256 * 1024;

/// The stack `src` can need at most, parsed and visited.
pub(crate) fn bound(src: &str) -> usize {
    let openers = src.bytes().filter(|b| matches!(b, b'(' | b'[' | b'{' | b'<' | b'`')).count();
    BASE + openers * PER_OPENER + (src.len() - openers) * PER_BYTE
}

/// Run `f` on a stack that can hold the deepest parse of `src`: this one when enough of it is
/// left, a fresh one otherwise.
pub(crate) fn deep_enough<R>(src: &str, f: impl FnOnce() -> R) -> R {
    // On a thread with a large stack most files fit even if every byte opened a bracket:
    // then there is nothing to count.
    let at_most = BASE + src.len() * PER_OPENER;
    if stacker::remaining_stack().is_some_and(|left| left > at_most) {
        return f();
    }
    let needed = bound(src);
    stacker::maybe_grow(needed, needed, f)
}
