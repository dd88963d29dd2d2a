//! The report screen's command: render an assessment's PDF report and write it where the user
//! chose in the save dialog, after checking that place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{FixedOffset, Utc};
use jindan::exchange::PeerMark;
use jindan::i18n::Lang;
use jindan::plan::Targets;
use jindan::report::{self, ReportError, ReportOptions};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;

impl From<ReportError> for AppError {
    fn from(error: ReportError) -> AppError {
        match error {
            ReportError::Store(inner) => AppError::from(inner),
            other if other.is_bad_input() => AppError::new(ErrorKind::BadInput, other.to_string()),
            other => AppError::new(ErrorKind::Internal, other.to_string()),
        }
    }
}

/// What the report screen shows once the file is written.
#[derive(Debug, Clone, Serialize)]
pub struct ReportWritten {
    pub path: String,
    /// The data fingerprint the report carries (64 hex digits) and its short form in the footer.
    pub fingerprint: String,
    pub fingerprint_short: String,
    pub pages: usize,
    pub bytes: usize,
}

/// Checks the place the save dialog gave: an absolute path to a `.pdf` file in an existing
/// folder, and not a folder itself.
pub fn check_report_path(path: &Path) -> Result<(), AppError> {
    if !path.is_absolute() {
        return Err(AppError::bad_input(format!("{}: choose the report's place with the save dialog (the path is not absolute)", path.display())));
    }
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
        return Err(AppError::bad_input(format!("{}: a report is saved as a .pdf file", path.display())));
    }
    if path.is_dir() {
        return Err(AppError::bad_input(format!("{}: this is a folder; choose a file name", path.display())));
    }
    match path.parent() {
        Some(folder) if folder.is_dir() => Ok(()),
        _ => Err(AppError::bad_input(format!("{}: the folder does not exist", path.display()))),
    }
}

/// Writes the bytes beside the target first and then moves them into place, so that a failure
/// never leaves half a report where the user expects a whole one.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let partial = path.with_extension("pdf.partial");
    std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path)).map_err(|error| {
        let _ = std::fs::remove_file(&partial);
        AppError::storage(format!("{}: cannot write the report: {error}", path.display()))
    })
}

fn summary(path: &Path, bytes: &[u8]) -> Result<ReportWritten, AppError> {
    let stamp = report::read_report_stamp(bytes).map_err(|error| AppError::internal(format!("the report carries no readable fingerprint: {error:?}")))?;
    let pages = lopdf::Document::load_mem(bytes).map_err(|error| AppError::internal(format!("the report cannot be read back: {error}")))?.get_pages().len();
    Ok(ReportWritten {
        path: path.display().to_string(),
        fingerprint_short: stamp.fingerprint.short().to_string(),
        fingerprint: stamp.fingerprint.full,
        pages,
        bytes: bytes.len(),
    })
}

/// Renders the report of an assessment in `lang` with the plan for `targets` and writes it to
/// `path` (from the save dialog).
#[tauri::command]
pub fn write_report(
    state: State<'_, AppState>,
    assessment_id: i64,
    lang: Lang,
    path: PathBuf,
    targets: Option<BTreeMap<String, u8>>,
    peers: Option<PeerMark>,
) -> Result<ReportWritten, AppError> {
    check_report_path(&path)?;
    let created = Utc::now().with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset")));
    let options = ReportOptions { targets: Targets { levels: targets.unwrap_or_default(), ..Targets::default() }, peers, ..ReportOptions::default() };
    let bytes = state.with_store(|store| Ok(report::build_report_for_assessment(store, assessment_id, lang, created, &options)?))?;
    write_whole(&path, &bytes)?;
    summary(&path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_are_checked() {
        let folder = tempfile::tempdir().unwrap();
        assert!(check_report_path(&folder.path().join("report.pdf")).is_ok());
        assert!(check_report_path(&folder.path().join("REPORT.PDF")).is_ok());
        for bad in [PathBuf::from("report.pdf"), folder.path().join("report.txt"), folder.path().join("missing").join("report.pdf")] {
            assert_eq!(check_report_path(&bad).unwrap_err().kind, ErrorKind::BadInput, "{}", bad.display());
        }
    }
}
