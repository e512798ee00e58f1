//! Operations & release.

pub mod ops001;
pub mod ops002;
pub mod ops003;
pub mod ops004;
pub mod ops005;
pub mod ops006;
pub mod ops007;
