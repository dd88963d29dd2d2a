//! Benchmark files installed in a firm's workspace (`installed_benchmarks`).

use super::benchmark::{compare_with_benchmark, nearest_benchmark_cell, read_benchmark, BenchmarkComparison, InstalledBenchmark};
use super::bundle::FirmAttributes;
use super::ExchangeError;
use crate::store::{timestamp, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

fn db_error(store: &Store) -> impl Fn(rusqlite::Error) -> ExchangeError + '_ {
    move |source| ExchangeError::Store(StoreError::Sqlite { path: store.path().to_string(), source })
}

/// What installing did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstallOutcome {
    pub id: i64,
    /// False when the very same file (same checksum) was installed before.
    pub newly_installed: bool,
    pub cells: usize,
    pub published_on: String,
    pub published_by: Option<String>,
}

/// Checks a benchmark file (see `benchmark::read_benchmark`) and stores it. Installing the same
/// file again changes nothing.
pub fn install_benchmark(store: &Store, file: &str, bytes: &[u8], now: DateTime<Utc>) -> Result<InstallOutcome, ExchangeError> {
    let parsed = read_benchmark(file, bytes)?;
    let c = &parsed.content;
    let existing: Option<i64> = store
        .connection()
        .query_row("SELECT id FROM installed_benchmarks WHERE checksum = ?1", params![parsed.checksum], |r| r.get(0))
        .optional()
        .map_err(db_error(store))?;
    let outcome = |id, newly_installed| InstallOutcome {
        id,
        newly_installed,
        cells: c.cells.len(),
        published_on: c.published_on.clone(),
        published_by: c.published_by.clone(),
    };
    if let Some(id) = existing {
        return Ok(outcome(id, false));
    }
    // The canonical text is stored, so what is read back is exactly what was checked.
    let text = serde_json::to_string(&parsed).map_err(|e| ExchangeError::BadInput(format!("{file}: {e}")))?;
    store
        .connection()
        .execute(
            "INSERT INTO installed_benchmarks (checksum, published_on, published_by, installed_at, content) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![parsed.checksum, c.published_on, c.published_by, timestamp(now), text],
        )
        .map_err(db_error(store))?;
    Ok(outcome(store.connection().last_insert_rowid(), true))
}

/// Every installed benchmark, newest publication first.
pub fn installed_benchmarks(store: &Store) -> Result<Vec<InstalledBenchmark>, ExchangeError> {
    let mut stmt = store
        .connection()
        .prepare("SELECT id, installed_at, content FROM installed_benchmarks ORDER BY published_on DESC, id DESC")
        .map_err(db_error(store))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .map_err(db_error(store))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, installed_at, content) = row.map_err(db_error(store))?;
        // Checked again on the way out: a damaged row is reported rather than trusted.
        let file = read_benchmark(&format!("installed benchmark {id}"), content.as_bytes())?;
        out.push(InstalledBenchmark { id, installed_at, file });
    }
    Ok(out)
}

/// The newest installed benchmark that has cells for this questionnaire version.
pub fn installed_benchmark_for(store: &Store, questionnaire_hash: &str) -> Result<Option<InstalledBenchmark>, ExchangeError> {
    Ok(installed_benchmarks(store)?.into_iter().find(|b| b.file.content.cells.iter().any(|c| c.questionnaire_hash == questionnaire_hash)))
}

/// "You vs firms like you" for a stored assessment: scores it (`scoring::score` on its frozen
/// questionnaire), finds the newest installed benchmark for that questionnaire version and the
/// nearest cell for the firm's generalised attributes. None when no installed benchmark covers
/// the questionnaire version or has a published cell for it.
pub fn installed_comparison(store: &mut Store, assessment_id: i64) -> Result<Option<BenchmarkComparison>, ExchangeError> {
    let assessment = store.assessment(assessment_id)?;
    let organization = store.organization(assessment.organization_id)?;
    let q = store.questionnaire_of(assessment_id)?;
    let Some(benchmark) = installed_benchmark_for(store, &q.content_hash)? else { return Ok(None) };
    let answers = store.answers(assessment_id)?;
    let scores = crate::scoring::score(&q, &answers);
    let attributes = FirmAttributes::generalized(&organization);
    let nearest = nearest_benchmark_cell(
        &benchmark,
        &q.content_hash,
        attributes.ksic_division,
        attributes.employee_band.as_deref(),
        attributes.sido.as_deref(),
    );
    Ok(nearest.map(|(cell, description)| compare_with_benchmark(&q, &scores, &benchmark, &cell, &description)))
}

/// The same, where a missing benchmark is the user's mistake (the CLI's `benchmark show`,
/// `plan --peers`): says what to install.
pub fn compare_assessment_with_installed_benchmark(store: &mut Store, assessment_id: i64) -> Result<BenchmarkComparison, ExchangeError> {
    match installed_comparison(store, assessment_id)? {
        Some(comparison) => Ok(comparison),
        None => {
            let q = store.questionnaire_of(assessment_id)?;
            Err(match installed_benchmark_for(store, &q.content_hash)? {
                None => ExchangeError::BadInput(format!("no installed benchmark covers {}; install one with `jindan benchmark install FILE`", q.reference())),
                Some(_) => ExchangeError::BadInput(format!("the installed benchmark has no published cell for {}", q.reference())),
            })
        }
    }
}
