//! Jindan core: questionnaires, scoring, improvement plans, the local store and reports.
//!
//! This crate has no desktop dependency; the `jindan` CLI and the Tauri shell are both thin
//! layers over it.

// Data from a user or a file must never reach an unwrap: errors are values here. Unit tests
// may unwrap (clippy.toml allows it in tests).
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod answering;
pub mod answers;
pub mod demo;
pub mod exchange;
pub mod explain;
pub mod firm;
pub mod firm_form;
pub mod i18n;
pub mod overview;
pub mod plan;
pub mod questionnaire;
pub mod report;
pub mod scoring;
pub mod store;
