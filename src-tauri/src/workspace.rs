//! Where the app finds its data: the workspace database and the questionnaire catalogue.
//!
//! Both follow the CLI, so that the app and `jindan` see the same workspace: `JINDAN_DB` and
//! `JINDAN_QUESTIONNAIRES` override the defaults the core chooses.

use std::path::{Path, PathBuf};

use jindan::questionnaire::Catalog;

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
