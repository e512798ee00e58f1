//! Infrastructure as code.

pub mod iac001;
pub mod iac002;
pub mod iac003;
pub mod iac004;
pub mod iac005;
pub mod iac006;
