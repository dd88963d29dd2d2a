//! Anonymized bundles as a centre receives them: accepted or refused with a reason, never a panic.
//! The check itself is in `fuzz/checks.rs`, shared with the corpus replay in `cargo test`.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::bundle(data));
