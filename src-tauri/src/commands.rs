//! The commands the UI invokes. Each one is a few lines over the core and returns
//! `Result<T, AppError>` so that failures reach the UI as `{ kind, message }`.

use std::path::PathBuf;

use chrono::Utc;
use jindan::answering::start_reassessment;
use jindan::answers::Rater;
use jindan::demo::{load_demo, DemoSummary};
use jindan::firm_form::{organization_problems, FieldProblem};
use jindan::overview::workspace_overview;
use jindan::store::consent::OrganizationConsent;
use jindan::store::workspace_file::{check_new_workspace_path, inspect_workspace_file};
use jindan::store::{Mode, NewAssessment, OrganizationInput};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::transport::{
    AnswerChangeInput, AnswerSaved, AnsweringView, AppInfo, BusinessNumberCheck, FirmOverviewView, FirmReferenceLists, HistoryView,
    OrganizationDetail, OrganizationView, QuestionnaireSummary, RestoreOutcome, ResultsView, WorkspaceStatus,
};
use crate::workspace;

/// The app's version and where its data lives.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let db_path = state.workspace_status()?.path.unwrap_or_default();
    Ok(AppInfo { version: env!("CARGO_PKG_VERSION").to_owned(), db_path, process_id: std::process::id() })
}

/// Called once the first screen has painted. With `JINDAN_BENCH_READY` set, prints the wall-clock
/// time (ms since the Unix epoch) so that scripts/app-bench.sh can time a cold start, and the
/// page's own marks (ms since the Unix epoch: page load started, script started, first screen
/// drawn with its data, fonts ready) so that it can say where the time went.
#[tauri::command]
pub fn first_screen_ready(marks: Option<Vec<f64>>) {
    if std::env::var_os("JINDAN_BENCH_READY").is_some() {
        println!("jindan-ready {}", Utc::now().timestamp_millis());
        if let Some(marks) = marks {
            let marks: Vec<String> = marks.iter().map(|mark| format!("{mark:.0}")).collect();
            println!("jindan-page-marks {}", marks.join(" "));
        }
    }
}

// ---- workspace ----

/// Where the workspace is and whether it is open (and if not, why).
#[tauri::command]
pub fn workspace_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, AppError> {
    state.workspace_status()
}

/// Opens an existing workspace file, after checking read-only that it is one.
#[tauri::command]
pub fn open_workspace(state: State<'_, AppState>, path: PathBuf) -> Result<WorkspaceStatus, AppError> {
    state.switch_workspace(&path, |path| inspect_workspace_file(path).map(drop))
}

/// Opens the workspace that is protected by a passphrase.
#[tauri::command]
pub fn unlock_workspace(state: State<'_, AppState>, passphrase: String) -> Result<WorkspaceStatus, AppError> {
    state.unlock(&passphrase)
}

/// Makes a new, empty workspace file and opens it.
#[tauri::command]
pub fn create_workspace(state: State<'_, AppState>, path: PathBuf) -> Result<WorkspaceStatus, AppError> {
    state.switch_workspace(&path, check_new_workspace_path)
}

/// Writes a consistent copy of the workspace to `path` (which must not exist).
#[tauri::command]
pub fn backup_workspace(state: State<'_, AppState>, path: PathBuf) -> Result<(), AppError> {
    state.with_store(|store| Ok(store.backup_to(&path)?))
}

/// Replaces the workspace with a backup, keeping a copy of the current contents beside it.
#[tauri::command]
pub fn restore_workspace(state: State<'_, AppState>, path: PathBuf) -> Result<RestoreOutcome, AppError> {
    state.with_store(|store| {
        let kept = workspace::copy_before_restore(std::path::Path::new(store.path()), Utc::now());
        let summary = store.replace_with_backup(&path, &kept)?;
        Ok(RestoreOutcome { kept_copy: kept.display().to_string(), organizations: summary.organizations, assessments: summary.assessments })
    })
}

/// Fills the workspace with the demo firms and their assessments.
#[tauri::command]
pub fn load_demo_workspace(state: State<'_, AppState>) -> Result<DemoSummary, AppError> {
    state.with_store_and_catalog(|store, catalog| Ok(load_demo(store, catalog, Utc::now())?))
}

// ---- questionnaires and firms ----

/// The questionnaires an assessment can be started with.
#[tauri::command]
pub fn list_questionnaires(state: State<'_, AppState>) -> Result<Vec<QuestionnaireSummary>, AppError> {
    Ok(state.catalog()?.entries.iter().map(QuestionnaireSummary::from_entry).collect())
}

/// The firms (matching `search`) with their assessments, for the home screen.
#[tauri::command]
pub fn workspace_overview_list(state: State<'_, AppState>, search: Option<String>) -> Result<Vec<FirmOverviewView>, AppError> {
    state.with_store(|store| Ok(workspace_overview(store, search.as_deref())?.into_iter().map(FirmOverviewView::of).collect()))
}

/// The KSIC divisions and 시·도 the firm form chooses from.
#[tauri::command]
pub fn firm_reference_lists() -> FirmReferenceLists {
    FirmReferenceLists::build()
}

/// Checks a 사업자등록번호 as it is typed.
#[tauri::command]
pub fn check_business_number(input: String) -> BusinessNumberCheck {
    BusinessNumberCheck::of(&input)
}

/// One firm with its consent state.
#[tauri::command]
pub fn get_organization(state: State<'_, AppState>, id: i64) -> Result<OrganizationDetail, AppError> {
    state.with_store(|store| Ok(OrganizationDetail { organization: OrganizationView::of(store.organization(id)?), consent: store.organization_consent(id)? }))
}

/// Every problem with the firm form, field by field (empty when it can be saved).
#[tauri::command]
pub fn check_organization(state: State<'_, AppState>, input: OrganizationInput, id: Option<i64>) -> Result<Vec<FieldProblem>, AppError> {
    state.with_store(|store| Ok(organization_problems(store, &input, id)?))
}

/// Adds a firm (no `id`) or replaces a firm's details; returns its id.
#[tauri::command]
pub fn save_organization(state: State<'_, AppState>, input: OrganizationInput, id: Option<i64>) -> Result<i64, AppError> {
    state.with_store(|store| match id {
        Some(id) => Ok(store.update_organization(id, &input, Utc::now()).map(|()| id)?),
        None => Ok(store.add_organization(&input, Utc::now())?),
    })
}

/// Deletes a firm with all its assessments.
#[tauri::command]
pub fn delete_organization(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store(|store| Ok(store.delete_organization(id)?))
}

/// Records or withdraws the firm's consent to share anonymized results.
#[tauri::command]
pub fn set_consent(state: State<'_, AppState>, id: i64, consent: bool) -> Result<OrganizationConsent, AppError> {
    state.with_store(|store| match consent {
        true => Ok(jindan::exchange::give_consent(store, id, Utc::now())?),
        false => Ok(store.withdraw_consent(id, Utc::now())?),
    })
}

// ---- assessments ----

/// Starts an assessment of a firm with the newest version of a questionnaire; returns its id.
#[tauri::command]
pub fn create_assessment(
    state: State<'_, AppState>,
    organization_id: i64,
    questionnaire: String,
    mode: Mode,
    assessor: Option<String>,
) -> Result<i64, AppError> {
    state.with_store_and_catalog(|store, catalog| {
        let new = NewAssessment { organization_id, questionnaire: catalog.find(&questionnaire)?, mode, assessor: assessor.filter(|a| !a.trim().is_empty()), previous_id: None };
        Ok(store.create_assessment(&new, Utc::now())?)
    })
}

/// Starts a re-assessment of a completed assessment (same questionnaire, empty answers).
#[tauri::command]
pub fn create_reassessment(state: State<'_, AppState>, previous_id: i64, mode: Mode, assessor: Option<String>) -> Result<i64, AppError> {
    state.with_store(|store| Ok(start_reassessment(store, previous_id, mode, assessor, Utc::now())?))
}

/// Deletes an assessment and its answers.
#[tauri::command]
pub fn delete_assessment(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store(|store| Ok(store.delete_assessment(id)?))
}

/// The answering screen of an assessment.
#[tauri::command]
pub fn answering_view(state: State<'_, AppState>, id: i64) -> Result<AnsweringView, AppError> {
    state.with_store(|store| AnsweringView::build(store, id))
}

/// Saves one answer change (on disk when this returns) and gives the new skip logic and progress.
#[tauri::command]
pub fn save_answer(state: State<'_, AppState>, id: i64, question: String, rater: Rater, change: AnswerChangeInput) -> Result<AnswerSaved, AppError> {
    state.with_store(|store| AnswerSaved::save(store, id, &question, rater, change.into(), Utc::now()))
}

/// The scored, explained result of an assessment.
#[tauri::command]
pub fn results_view(state: State<'_, AppState>, id: i64) -> Result<ResultsView, AppError> {
    state.with_store(|store| ResultsView::build(store, id))
}

/// Marks an assessment completed.
#[tauri::command]
pub fn complete_assessment(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store(|store| Ok(store.complete_assessment(id, Utc::now())?))
}

/// Opens a completed assessment for changes again.
#[tauri::command]
pub fn reopen_assessment(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state.with_store(|store| Ok(store.reopen_assessment(id, Utc::now())?))
}

/// A firm's assessments over time, comparing `before` → `after` (or its latest with the one before).
#[tauri::command]
pub fn firm_history(state: State<'_, AppState>, organization_id: i64, before: Option<i64>, after: Option<i64>) -> Result<HistoryView, AppError> {
    state.with_store(|store| HistoryView::build(store, organization_id, before.zip(after)))
}
