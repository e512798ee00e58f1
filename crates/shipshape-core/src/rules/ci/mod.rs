//! CI/CD.

pub mod ci001;
pub mod ci002;
pub mod ci003;
pub mod ci004;
pub mod ci005;
pub mod ci006;
pub mod ci007;
pub mod ci008;
pub mod ci009;
pub mod ci010;
pub mod ci011;
pub mod ci012;
pub mod ci013;
pub mod ci014;
pub mod ci015;
pub mod ci016;
pub mod ci017;
pub mod ci018;
pub mod ci019;
pub mod ci020;
pub mod ci021;
pub mod ci022;
