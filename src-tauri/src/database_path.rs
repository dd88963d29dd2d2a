//! Where the app keeps its database.
//!
//! This is the one place that decides it, so that it can be pointed at the core's own default
//! once the core exposes one.

use std::path::PathBuf;

use crate::error::AppError;

/// Environment variable that overrides the database location (the end-to-end tests set it).
pub const DATABASE_PATH_VARIABLE: &str = "JINDAN_DB";

/// The database file: `$JINDAN_DB` when set and not empty, else `jindan.db` in the user's data
/// directory (e.g. `~/.local/share/jindan`, `%APPDATA%\Jindan\Jindan\data`,
/// `~/Library/Application Support/kr.Jindan.Jindan`).
pub fn database_path() -> Result<PathBuf, AppError> {
    if let Some(path) = std::env::var_os(DATABASE_PATH_VARIABLE).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let project_directories = directories::ProjectDirs::from("kr", "Jindan", "Jindan")
        .ok_or_else(|| AppError::storage("could not find the user's home directory to keep the database in"))?;
    Ok(project_directories.data_dir().join("jindan.db"))
}
