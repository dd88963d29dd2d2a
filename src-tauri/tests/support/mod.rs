//! Helpers for the end-to-end tests: starting `tauri-driver` and talking W3C WebDriver to it.

pub mod driver_process;
pub mod webdriver;
