//! Where the app finds its data: the workspace database and the questionnaire catalogue.
//!
//! Both follow the CLI, so that the app and `jindan` see the same workspace: `JINDAN_DB` and
//! `JINDAN_QUESTIONNAIRES` override the defaults the core chooses. A workspace the user opened or
//! made in Settings is remembered (in the OS config folder) and opened again at the next start.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use jindan::questionnaire::Catalog;
use serde::Serialize;

use crate::error::AppError;

/// Environment variable that overrides the database location (the end-to-end tests set it).
pub const DATABASE_PATH_VARIABLE: &str = "JINDAN_DB";

/// Environment variable naming an extra folder of questionnaire files.
pub const QUESTIONNAIRE_FOLDER_VARIABLE: &str = "JINDAN_QUESTIONNAIRES";

/// The workspace database: `$JINDAN_DB` when set and not empty, else the core's default file in
/// the user's data folder.
pub fn database_path() -> Result<PathBuf, AppError> {
    if let Some(path) = non_empty_variable(DATABASE_PATH_VARIABLE) {
        return Ok(path);
    }
    jindan::store::default_db_path().ok_or_else(|| {
        AppError::storage(format!(
            "this system has no user-data folder to keep the workspace in; set {DATABASE_PATH_VARIABLE} to a file path"
        ))
    })
}

/// The extra questionnaire folder from `$JINDAN_QUESTIONNAIRES`, if any.
pub fn questionnaire_folder() -> Option<PathBuf> {
    non_empty_variable(QUESTIONNAIRE_FOLDER_VARIABLE)
}

/// The shipped questionnaires, plus those in `folder` when there is one.
pub fn questionnaire_catalog(folder: Option<&Path>) -> Result<Catalog, AppError> {
    Ok(match folder {
        Some(folder) => Catalog::with_folder(folder)?,
        None => Catalog::builtin()?,
    })
}

fn non_empty_variable(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// Why the workspace opened at start is not the one the user had last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StartNotice {
    /// The remembered workspace file is gone (a removed drive, a moved file); the default
    /// workspace was opened instead and the remembered one was left alone.
    RememberedMissing { path: String },
}

/// The file that remembers the workspace chosen in Settings.
fn remembered_location_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("kr", "Jindan", "Jindan").map(|d| d.config_dir().join("workspace-path.txt"))
}

/// The workspace to open at start: `$JINDAN_DB`, else the one chosen last in Settings if it is
/// still there, else the default.
pub fn start_location() -> (Result<PathBuf, AppError>, Option<StartNotice>) {
    if let Some(path) = non_empty_variable(DATABASE_PATH_VARIABLE) {
        return (Ok(path), None);
    }
    let remembered = remembered_location_file()
        .and_then(|file| std::fs::read_to_string(file).ok())
        .map(|text| PathBuf::from(text.trim_end_matches(['\n', '\r'])))
        .filter(|path| !path.as_os_str().is_empty());
    match remembered {
        Some(path) if path.is_file() => (Ok(path), None),
        Some(path) => (database_path(), Some(StartNotice::RememberedMissing { path: path.display().to_string() })),
        None => (database_path(), None),
    }
}

/// Remembers the workspace for the next start. Failing to remember is not worth an error: the
/// workspace is open, and the next start opens the default one.
pub fn remember_location(path: &Path) {
    if let Some(file) = remembered_location_file() {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(folder) = file.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let _ = std::fs::write(file, absolute.display().to_string());
    }
}

/// Where a restore keeps the workspace it replaces: beside it, named after the moment, e.g.
/// `workspace.before-restore-20260301-094512.db`.
pub fn copy_before_restore(workspace: &Path, now: DateTime<Utc>) -> PathBuf {
    let stem = workspace.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workspace".into());
    let name = format!("{stem}.before-restore-{}.db", now.format("%Y%m%d-%H%M%S"));
    workspace.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_copy_before_a_restore_sits_beside_the_workspace() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 45, 12).unwrap();
        assert_eq!(
            copy_before_restore(Path::new("/data/jindan/workspace.db"), now),
            PathBuf::from("/data/jindan/workspace.before-restore-20260301-094512.db")
        );
    }
}
