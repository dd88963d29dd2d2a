//! Peer comparison, anonymized export, the regional centre's screens and benchmark files: each
//! command gathers its inputs and calls one function of `jindan::exchange`.

use jindan::exchange::{self, BenchmarkComparison, ExchangeError};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// "You vs firms like you" for an assessment, or None when no installed benchmark covers its
/// questionnaire (or has a published cell for it).
#[tauri::command]
pub fn peer_comparison(state: State<'_, AppState>, assessment_id: i64) -> Result<Option<BenchmarkComparison>, AppError> {
    state.with_store(|store| match exchange::compare_assessment_with_installed_benchmark(store, assessment_id) {
        Ok(comparison) => Ok(Some(comparison)),
        // The core says "no benchmark covers it" as bad input; here it is simply nothing to show.
        Err(ExchangeError::BadInput(_)) => Ok(None),
        Err(error) => Err(error.into()),
    })
}
