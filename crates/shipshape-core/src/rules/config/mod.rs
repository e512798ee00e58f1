//! Environments, configuration & secrets.

pub mod cfg001;
pub mod cfg002;
pub mod cfg003;
pub mod cfg004;
pub mod cfg005;
pub mod cfg006;
pub mod cfg007;
pub mod cfg008;
pub mod cfg009;
pub mod cfg010;
