//! What the shell keeps for the lifetime of the window.

use std::path::PathBuf;

use crate::error::AppError;

/// Shared state handed to commands through `tauri::State`.
pub struct AppState {
    /// The workspace database the app reads and writes, or why there is none.
    pub database_path: Result<PathBuf, AppError>,
    /// An extra folder of questionnaire files, beside the shipped ones.
    pub questionnaire_folder: Option<PathBuf>,
}

impl AppState {
    /// The workspace database, or the error that explains why it could not be placed.
    pub fn database_path(&self) -> Result<PathBuf, AppError> {
        self.database_path.clone()
    }
}
