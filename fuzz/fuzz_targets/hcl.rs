#![no_main]
//! `main.tf` through the parse stage: no panic, no hang, on any input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = shipshape_core::parse::parse_text("main.tf", shipshape_core::walk::Format::Hcl, text);
    }
});
