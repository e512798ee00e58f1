//! Performance & scalability.

pub mod scl001;
pub mod scl002;
pub mod scl003;
pub mod scl004;
pub mod scl005;
pub mod scl006;
pub mod scl007;
pub mod scl008;
pub mod scl009;
pub mod scl010;
pub mod scl011;
