//! What the shell keeps for the lifetime of the window.

use std::path::PathBuf;

/// Shared state handed to commands through `tauri::State`.
pub struct AppState {
    /// The SQLite file the app reads and writes.
    pub database_path: PathBuf,
}
