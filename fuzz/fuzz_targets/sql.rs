#![no_main]
//! SQL migrations: statements split with comments and strings stripped.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = shipshape_core::parse::sql::statements(text);
    }
});
