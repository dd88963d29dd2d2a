//! The commands the UI invokes. Each one is a few lines over the core and returns
//! `Result<T, AppError>` so that failures reach the UI as `{ kind, message }`.

use serde::Serialize;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// What the home screen shows about the installation.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// The app's version, e.g. "0.1.0".
    pub version: String,
    /// The database file in use, as the operating system writes it.
    pub db_path: String,
}

/// The app's version and where its data lives.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let db_path = state.database_path.display().to_string();
    Ok(AppInfo { version: env!("CARGO_PKG_VERSION").to_owned(), db_path })
}
