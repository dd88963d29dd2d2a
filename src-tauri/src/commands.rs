//! The commands the UI invokes. Each one is a few lines over the core and returns
//! `Result<T, AppError>` so that failures reach the UI as `{ kind, message }`.

use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::transport::{AppInfo, QuestionnaireSummary};
use crate::workspace;

/// The app's version and where its data lives.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let db_path = state.database_path()?.display().to_string();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path,
    })
}

/// The questionnaires an assessment can be started with.
#[tauri::command]
pub fn list_questionnaires(
    state: State<'_, AppState>,
) -> Result<Vec<QuestionnaireSummary>, AppError> {
    let catalog = workspace::questionnaire_catalog(state.questionnaire_folder.as_deref())?;
    Ok(catalog
        .entries
        .iter()
        .map(QuestionnaireSummary::from_entry)
        .collect())
}
