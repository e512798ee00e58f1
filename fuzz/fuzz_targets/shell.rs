#![no_main]
//! Shell text (CI `run:` steps, scripts): split into commands, wrappers peeled.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for command in shipshape_core::facts::ci::commands::split(text) {
            let _ = shipshape_core::facts::ci::commands::peel(&command.words);
        }
    }
});
