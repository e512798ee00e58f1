//! Monitoring & observability.

pub mod obs001;
pub mod obs002;
pub mod obs003;
pub mod obs004;
pub mod obs005;
pub mod obs006;
pub mod obs007;
pub mod obs008;
pub mod obs009;
pub mod obs010;
pub mod obs011;
pub mod obs012;
pub mod obs013;
