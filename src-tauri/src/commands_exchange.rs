//! Peer comparison, anonymized export, the regional centre's screens and benchmark files: each
//! command gathers its inputs and calls one function of `jindan::exchange`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Utc;
use jindan::exchange::center::ImportSummary;
use jindan::exchange::dashboard::Dashboard;
use jindan::exchange::{self, benchmark, BenchmarkComparison, ExportRequest, InstallOutcome, PublishOptions, PublishReport};
use jindan::firm;
use jindan::i18n::Text;
use jindan::questionnaire::Catalog;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::error::AppError;
use crate::plan_views::korean_day;
use crate::state::AppState;

/// "You vs firms like you" for an assessment, or None when no installed benchmark covers its
/// questionnaire (or has a published cell for it).
#[tauri::command]
pub fn peer_comparison(state: State<'_, AppState>, assessment_id: i64) -> Result<Option<BenchmarkComparison>, AppError> {
    state.with_store(|store| Ok(exchange::installed_comparison(store, assessment_id)?))
}

/// Names for the codes the centre dashboard uses: KSIC divisions, employee bands, 시·도,
/// questionnaires and their dimensions, each in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    #[serde(flatten)]
    pub dashboard: Dashboard,
    pub ksic: BTreeMap<String, Text>,
    pub bands: BTreeMap<String, Text>,
    pub sido: BTreeMap<String, Text>,
    pub questionnaire_titles: BTreeMap<String, Text>,
    /// Questionnaire id → dimension id → name.
    pub dimensions: BTreeMap<String, BTreeMap<String, Text>>,
}

impl DashboardView {
    fn of(dashboard: Dashboard, catalog: &Catalog) -> DashboardView {
        let mut view = DashboardView { dashboard, ksic: BTreeMap::new(), bands: BTreeMap::new(), sido: BTreeMap::new(), questionnaire_titles: BTreeMap::new(), dimensions: BTreeMap::new() };
        for q in &view.dashboard.questionnaires {
            for g in &q.by_ksic_division {
                if let Some(k) = g.group.parse::<u8>().ok().and_then(firm::ksic_division) {
                    let short = benchmark::ksic_short_name(k.code);
                    view.ksic.insert(g.group.clone(), Text::new(format!("{} {}", k.code, short.ko), format!("{} {}", k.code, short.en)));
                }
            }
            for g in &q.by_employee_band {
                view.bands.insert(g.group.clone(), benchmark::employee_band_name(&g.group));
            }
            for g in &q.by_sido {
                if let Some((ko, en)) = firm::SIDO.iter().find(|s| s.0 == g.group) {
                    view.sido.insert(g.group.clone(), Text::new(*ko, *en));
                }
            }
            if let Some(found) = catalog.iter().find(|c| c.id == q.questionnaire_id) {
                view.questionnaire_titles.insert(q.questionnaire_id.clone(), found.title.clone());
                let names = found.dimensions.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
                view.dimensions.insert(q.questionnaire_id.clone(), names);
            }
        }
        view
    }
}

/// One firm, for choosing what to export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportChoice {
    pub organization_id: i64,
    pub name: String,
    pub consented: bool,
}

/// What an anonymized export wrote, and what it left out.
#[derive(Debug, Clone, Serialize)]
pub struct ExportWritten {
    pub path: String,
    pub assessments: usize,
    pub firms: usize,
    pub skipped_without_consent: Vec<String>,
    pub drafts_left_out: usize,
}

/// Every firm of the workspace with whether it has consented to sharing anonymized results.
#[derive(Debug, Clone, Serialize)]
pub struct ExportChoices {
    pub firms: Vec<ExportChoice>,
}

fn check_new_file(path: &Path, extension: &str) -> Result<(), AppError> {
    if !path.is_absolute() {
        return Err(AppError::bad_input(format!("{}: choose the place with the save dialog (the path is not absolute)", path.display())));
    }
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension)) {
        return Err(AppError::bad_input(format!("{}: the file must end in .{extension}", path.display())));
    }
    match path.parent() {
        Some(folder) if folder.is_dir() && !path.is_dir() => Ok(()),
        _ => Err(AppError::bad_input(format!("{}: the folder does not exist", path.display()))),
    }
}

/// The workspace's firms with their consent.
#[tauri::command]
pub fn export_choices(state: State<'_, AppState>) -> Result<ExportChoices, AppError> {
    state.with_store(|store| {
        let consents = store.organization_consents()?;
        let firms = store.organizations(None)?.into_iter().map(|o| ExportChoice { consented: consents.iter().any(|c| c.organization_id == o.id && c.has_consented()), organization_id: o.id, name: o.name }).collect();
        Ok(ExportChoices { firms })
    })
}

/// Writes an anonymized bundle of the completed assessments of the chosen consenting firms; with
/// a passphrase, sealed (`*.sealed`) for the trip to the centre.
#[tauri::command]
pub fn export_anonymized(state: State<'_, AppState>, path: PathBuf, organizations: Vec<i64>, passphrase: Option<String>) -> Result<ExportWritten, AppError> {
    let passphrase = passphrase.filter(|p| !p.is_empty());
    check_new_file(&path, if passphrase.is_some() { "sealed" } else { "json" })?;
    state.with_store(|store| {
        let request = ExportRequest { organizations: Some(organizations), since: None };
        let outcome = exchange::export_anonymized_bundle(store, &request, &mut exchange::random_id)?;
        if outcome.bundle.content.assessments.is_empty() {
            return Err(AppError::bad_input("nothing to export: the chosen firms have no completed assessment with consent to share"));
        }
        match &passphrase {
            Some(p) => exchange::write_sealed_bundle_file(&outcome.bundle, &path, p)?,
            None => exchange::write_bundle_file(&outcome.bundle, &path)?,
        }
        Ok(ExportWritten {
            path: path.display().to_string(),
            assessments: outcome.bundle.content.assessments.len(),
            firms: outcome.firms_exported,
            skipped_without_consent: outcome.skipped_without_consent.into_iter().map(|f| f.name).collect(),
            drafts_left_out: outcome.drafts_left_out,
        })
    })
}

/// Progress of an import, sent to the window as the event `centre-import-progress`.
#[derive(Debug, Clone, Serialize)]
pub struct ImportProgressEvent {
    pub files_done: usize,
    pub files_total: usize,
    pub records_done: usize,
}

/// Imports bundle files (or folders of them) into the centre's tables, reporting progress.
#[tauri::command]
pub fn centre_import(app: AppHandle, state: State<'_, AppState>, paths: Vec<PathBuf>, passphrase: Option<String>) -> Result<ImportSummary, AppError> {
    let files = exchange::bundle_paths(&paths)?;
    if files.is_empty() {
        return Err(AppError::bad_input("no bundle files (*.json, *.sealed) were found there"));
    }
    let passphrase = passphrase.filter(|p| !p.is_empty());
    state.with_store_and_catalog(|store, catalog| {
        Ok(exchange::import_bundle_files(store, catalog, &files, passphrase.as_deref(), Utc::now(), &mut |p| {
            let _ = app.emit("centre-import-progress", ImportProgressEvent { files_done: p.files_done, files_total: p.files_total, records_done: p.records_done });
        })?)
    })
}

/// The centre's dashboard with the names of its codes.
#[tauri::command]
pub fn centre_dashboard(state: State<'_, AppState>) -> Result<DashboardView, AppError> {
    state.with_store_and_catalog(|store, catalog| Ok(DashboardView::of(exchange::center_dashboard(&exchange::center_records(store)?), catalog)))
}

/// Publishes benchmark cells of at least `k` firms to `path` (JSON) with .csv and .xlsx beside it.
#[tauri::command]
pub fn centre_publish(state: State<'_, AppState>, path: PathBuf, k: u32, by: Option<String>) -> Result<(Vec<String>, PublishReport), AppError> {
    check_new_file(&path, "json")?;
    state.with_store_and_catalog(|store, catalog| {
        let options = PublishOptions { k, published_on: korean_day(Utc::now()), published_by: by.filter(|b| !b.trim().is_empty()) };
        let (written, report) = exchange::publish_center_benchmarks(store, catalog, &options, &path, Utc::now())?;
        Ok((written.iter().map(|p| p.display().to_string()).collect(), report))
    })
}

/// Checks a benchmark file from a centre and keeps it in this workspace.
#[tauri::command]
pub fn install_benchmark_file(state: State<'_, AppState>, path: PathBuf) -> Result<InstallOutcome, AppError> {
    let name = path.display().to_string();
    let size = std::fs::metadata(&path).map_err(|e| AppError::bad_input(format!("{name}: cannot read the file: {e}")))?.len();
    if size > exchange::MAX_FILE_BYTES {
        return Err(AppError::bad_input(format!("{name}: the file is {size} bytes, more than a benchmark may have")));
    }
    let bytes = std::fs::read(&path).map_err(|e| AppError::bad_input(format!("{name}: cannot read the file: {e}")))?;
    state.with_store(|store| Ok(exchange::install_benchmark(store, &name, &bytes, Utc::now())?))
}
