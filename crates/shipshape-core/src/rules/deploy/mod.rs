//! Deployment & hosting.

pub mod dep001;
pub mod dep002;
pub mod dep003;
pub mod dep004;
pub mod dep005;
pub mod dep006;
pub mod dep007;
pub mod dep008;
pub mod dep009;
pub mod dep010;
pub mod dep011;
pub mod dep012;
pub mod dep013;
pub mod dep014;
pub mod dep015;
pub mod dep016;
