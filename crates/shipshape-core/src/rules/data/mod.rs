//! Data, backup & recovery.

pub mod dat001;
pub mod dat002;
pub mod dat003;
pub mod dat004;
pub mod dat005;
pub mod dat006;
pub mod dat007;
pub mod dat008;
pub mod dat009;
pub mod dat010;
pub mod dat011;
