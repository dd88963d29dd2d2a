//! The regional centre's workspace: imported results in their own tables of the same SQLite
//! file (`center_imports`, `center_assessments`).
//!
//! Import reads and checks bundles on worker threads (parsing, checksum, re-scoring are the slow
//! part) while the calling thread writes them in file order, each file in one transaction: a file
//! is imported whole or not at all. An assessment id the centre already holds counts as a
//! duplicate and is skipped; a file that adds nothing leaves no trace.
//!
//! `center_assessments.answers` is a JSON array aligned with the sorted scored question ids kept
//! once per questionnaire version in `center_questionnaires.question_ids` (see
//! `center_answers` to read them back keyed by question id).

use super::bundle::{read_bundle_with_dimensions, AnonymizedAssessment, FirmAttributes, ScoreAndLevel};
use super::benchmark::{publish_benchmarks_after, Publication, PublishOptions, PublishReport};
use super::tables::write_benchmark_files;
use super::bundle::BUNDLE_FORMAT;
use super::sealed;
use super::{ExchangeError, MAX_FILE_BYTES};
use crate::questionnaire::Catalog;
use crate::store::{timestamp, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// One imported assessment as the dashboard and the benchmarks see it (answers left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CenterRecord {
    pub assessment_id: String,
    /// The firm's pseudonym.
    pub firm: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub questionnaire_hash: String,
    pub year: i32,
    pub round: u32,
    pub attributes: FirmAttributes,
    pub overall: ScoreAndLevel,
    pub dimensions: BTreeMap<String, ScoreAndLevel>,
}

impl CenterRecord {
    /// The record of an anonymized assessment.
    pub fn of(a: &AnonymizedAssessment) -> CenterRecord {
        CenterRecord {
            assessment_id: a.assessment_id.clone(),
            firm: a.firm.clone(),
            questionnaire_id: a.questionnaire_id.clone(),
            questionnaire_version: a.questionnaire_version.clone(),
            questionnaire_hash: a.questionnaire_hash.clone(),
            year: a.year,
            round: a.round,
            attributes: FirmAttributes { ksic_division: a.ksic_division, employee_band: a.employee_band.clone(), sido: a.sido.clone() },
            overall: a.overall,
            dimensions: a.dimensions.clone(),
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum FileResult {
    /// Checked and written; `new` assessments added, `duplicates` already held.
    Imported { new: usize, duplicates: usize },
    /// Refused whole; nothing of it was written.
    Rejected { reason: String },
}

/// One file and what happened to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    pub file: String,
    #[serde(flatten)]
    pub result: FileResult,
}

/// Reported after every file, for progress output.
#[derive(Debug, Clone)]
pub struct ImportProgress<'a> {
    pub files_done: usize,
    pub files_total: usize,
    /// Assessments read so far, new and duplicate.
    pub records_done: usize,
    pub latest: &'a FileOutcome,
}

/// The summary of an import.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportSummary {
    pub files: Vec<FileOutcome>,
    /// Assessments added.
    pub imported: usize,
    /// Assessments skipped because the centre already held them.
    pub duplicates: usize,
    /// Files refused.
    pub rejected: usize,
}

/// The bundle files named: files as given, folders as the `*.json` files in them (by name).
pub fn bundle_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ExchangeError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let read_error = |e: std::io::Error| ExchangeError::Read { file: input.display().to_string(), reason: e.to_string() };
            let mut inside: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(read_error)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("sealed")))
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// One row ready to insert, prepared on a worker thread.
struct PreparedRow {
    record: CenterRecord,
    dimensions_json: String,
    /// The answers as a JSON array in the order of `center_questionnaires.question_ids`.
    answers_json: String,
}

/// A questionnaire version a file refers to, with the order its stored answers follow.
struct AnswerOrder {
    hash: String,
    id: String,
    version: String,
    /// The scored question ids, sorted.
    question_ids: Vec<String>,
}

/// A checked file ready to write.
struct PreparedBundle {
    checksum: String,
    questionnaires: Vec<AnswerOrder>,
    rows: Vec<PreparedRow>,
}

/// An assessment's answers as a JSON array aligned with the sorted scored question ids (null where
/// not answered). Without the question ids in every row the table is less than half the size,
/// which is most of what writing 100,000 assessments costs.
fn positional_answers(answers: &BTreeMap<String, serde_json::Value>, order: &[String]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(order.len() * 12);
    out.push(b'[');
    let mut given = answers.iter().peekable();
    for (i, id) in order.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Both lists are sorted, so one walk pairs them up.
        while given.next_if(|(k, _)| k.as_str() < id.as_str()).is_some() {}
        match given.next_if(|(k, _)| *k == id) {
            // Writing JSON into memory cannot fail for a parsed value.
            Some((_, v)) => serde_json::to_writer(&mut out, v).unwrap_or_default(),
            None => out.extend_from_slice(b"null"),
        }
    }
    out.push(b']');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

fn read_and_check(path: &Path, catalog: &Catalog, passphrase: Option<&str>) -> Result<PreparedBundle, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!("the file is {size} bytes, more than the {MAX_FILE_BYTES} bytes a bundle may have"));
    }
    let mut bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if sealed::is_sealed(&bytes) {
        bytes = sealed::unseal(&bytes, passphrase, BUNDLE_FORMAT)?;
    }
    let (bundle, dimensions) = read_bundle_with_dimensions(&path.display().to_string(), &bytes, catalog).map_err(|e| match e {
        ExchangeError::RejectedBundle { reason, .. } => reason,
        other => other.to_string(),
    })?;
    drop(bytes);
    let mut questionnaires: Vec<AnswerOrder> = Vec::new();
    let mut rows = Vec::with_capacity(bundle.content.assessments.len());
    for (a, dimensions_json) in bundle.content.assessments.iter().zip(dimensions) {
        let index = match questionnaires.iter().position(|o| o.hash == a.questionnaire_hash) {
            Some(i) => i,
            None => {
                // `read_bundle` accepted the hash, so the catalogue has it.
                let q = catalog.iter().find(|q| q.content_hash == a.questionnaire_hash).ok_or("unknown questionnaire")?;
                let mut question_ids: Vec<String> = q.questions.iter().filter(|x| x.is_scored()).map(|x| x.id.clone()).collect();
                question_ids.sort();
                questionnaires.push(AnswerOrder { hash: q.content_hash.clone(), id: q.id.clone(), version: q.version.clone(), question_ids });
                questionnaires.len() - 1
            }
        };
        let answers_json = positional_answers(&a.answers, &questionnaires[index].question_ids);
        rows.push(PreparedRow { record: CenterRecord::of(a), dimensions_json, answers_json });
    }
    Ok(PreparedBundle { checksum: bundle.checksum, questionnaires, rows })
}

/// What this centre published before, oldest first (the ledger kept by `publish_center_benchmarks`).
pub fn center_publications(store: &Store) -> Result<Vec<Publication>, ExchangeError> {
    let mut stmt = store.connection().prepare("SELECT id, ledger FROM center_publications ORDER BY id").map_err(db_error(store))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(db_error(store))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, text) = row.map_err(db_error(store))?;
        let publication = serde_json::from_str(&text)
            .map_err(|e| ExchangeError::BadInput(format!("the record of publication {id} in this workspace is damaged ({e}); it cannot be checked against")))?;
        out.push(publication);
    }
    Ok(out)
}

/// Publishes the centre's benchmarks after its earlier publications (see
/// `publish_benchmarks_after`), writes the JSON file to `json_path` with its CSV and XLSX beside
/// it, and only then records what was published, so that the next publication is checked
/// against it too.
pub fn publish_center_benchmarks(
    store: &Store,
    catalog: &Catalog,
    options: &PublishOptions,
    json_path: &Path,
    now: DateTime<Utc>,
) -> Result<([PathBuf; 3], PublishReport), ExchangeError> {
    let records = center_records(store)?;
    if records.is_empty() {
        return Err(ExchangeError::BadInput("the centre holds no results yet; import bundles first (`jindan center import`, or Import in the app's centre screen)".to_string()));
    }
    let earlier = center_publications(store)?;
    let (file, report, ledger) = publish_benchmarks_after(&records, catalog, options, &earlier)?;
    let written = write_benchmark_files(&file, json_path)?;
    let text = serde_json::to_string(&ledger).map_err(|e| ExchangeError::BadInput(format!("cannot record the publication: {e}")))?;
    store
        .connection()
        .execute(
            "INSERT INTO center_publications (published_on, recorded_at, ledger) VALUES (?1, ?2, ?3)",
            params![ledger.published_on, timestamp(now), text],
        )
        .map_err(db_error(store))?;
    Ok((written, report))
}

fn db_error(store: &Store) -> impl Fn(rusqlite::Error) -> ExchangeError + '_ {
    move |source| ExchangeError::Store(StoreError::Sqlite { path: store.path().to_string(), source })
}

/// Writes one checked file in one transaction. A file that adds nothing is rolled back, so it
/// leaves no import row either.
fn write_bundle(store: &Store, file: &str, bundle: &PreparedBundle, now: &str) -> Result<(usize, usize), ExchangeError> {
    let conn = store.connection();
    let tx = conn.unchecked_transaction().map_err(db_error(store))?;
    tx.execute(
        "INSERT INTO center_imports (file_name, checksum, imported_at, assessments, duplicates) VALUES (?1, ?2, ?3, 0, 0)",
        params![file, bundle.checksum, now],
    )
    .map_err(db_error(store))?;
    let import_id = tx.last_insert_rowid();
    for o in &bundle.questionnaires {
        tx.execute(
            "INSERT OR IGNORE INTO center_questionnaires (hash, questionnaire_id, version, question_ids) VALUES (?1, ?2, ?3, ?4)",
            params![o.hash, o.id, o.version, serde_json::to_string(&o.question_ids).unwrap_or_default()],
        )
        .map_err(db_error(store))?;
    }
    let (mut new, mut duplicates) = (0, 0);
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO center_assessments (assessment_id, import_id, firm, questionnaire_id, questionnaire_version,
                 questionnaire_hash, year, round, ksic_division, employee_band, sido, overall_score, overall_level, dimensions, answers)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )
            .map_err(db_error(store))?;
        for row in &bundle.rows {
            let r = &row.record;
            let changed = insert
                .execute(params![
                    r.assessment_id,
                    import_id,
                    r.firm,
                    r.questionnaire_id,
                    r.questionnaire_version,
                    r.questionnaire_hash,
                    r.year,
                    r.round,
                    r.attributes.ksic_division,
                    r.attributes.employee_band,
                    r.attributes.sido,
                    r.overall.score,
                    r.overall.level,
                    row.dimensions_json,
                    row.answers_json,
                ])
                .map_err(db_error(store))?;
            if changed == 1 { new += 1 } else { duplicates += 1 }
        }
    }
    if new == 0 {
        tx.rollback().map_err(db_error(store))?;
        return Ok((0, duplicates));
    }
    tx.execute("UPDATE center_imports SET assessments = ?2, duplicates = ?3 WHERE id = ?1", params![import_id, new as i64, duplicates as i64])
        .map_err(db_error(store))?;
    tx.commit().map_err(db_error(store))?;
    Ok((new, duplicates))
}

/// Imports bundle files into the centre's tables. Every file is checked completely (see
/// `bundle::read_bundle`) and written in its own transaction; a refused file is reported with its
/// reason and the import goes on with the next. Only a failure of the workspace itself stops it
/// (files written before then stay written, each whole). A sealed file is opened with
/// `passphrase` first (see `sealed`); without the right one it is refused like any other.
pub fn import_bundle_files(
    store: &Store,
    catalog: &Catalog,
    files: &[PathBuf],
    passphrase: Option<&str>,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ExchangeError> {
    let now = timestamp(now);
    let conn = store.connection();
    let read_pragma = |name: &str| conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0)).map_err(db_error(store));
    let (cache_size, autocheckpoint) = (read_pragma("cache_size")?, read_pragma("wal_autocheckpoint")?);
    // The unique index on assessment ids is probed at random places; a larger page cache than
    // SQLite's 2 MB default keeps it in memory for a centre-sized import. Checkpointing the WAL
    // after every file would cost three more fsyncs per file; every 64 MB is enough. Every commit
    // is still synced, so an imported file stays imported.
    conn.pragma_update(None, "cache_size", -65_536).map_err(db_error(store))?;
    conn.pragma_update(None, "wal_autocheckpoint", 16_384).map_err(db_error(store))?;
    let summary = import_with_workers(store, catalog, files, passphrase, &now, progress);
    conn.pragma_update(None, "cache_size", cache_size).map_err(db_error(store))?;
    conn.pragma_update(None, "wal_autocheckpoint", autocheckpoint).map_err(db_error(store))?;
    summary
}

fn import_with_workers(
    store: &Store,
    catalog: &Catalog,
    files: &[PathBuf],
    passphrase: Option<&str>,
    now: &str,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ExchangeError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(files.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        // A small channel bounds how many checked files wait in memory for the writer.
        let (sender, receiver) = mpsc::sync_channel::<(usize, Result<PreparedBundle, String>)>(workers * 2);
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = files.get(i) else { break };
                    if sender.send((i, read_and_check(path, catalog, passphrase))).is_err() {
                        // The writer stopped (a workspace failure); nothing more is wanted.
                        break;
                    }
                }
            });
        }
        drop(sender);
        write_in_file_order(store, files, now, receiver, progress)
    })
}

/// Receives checked files in any order and writes them in the order they were named, so that
/// which copy of a duplicated assessment wins does not depend on thread timing.
fn write_in_file_order(
    store: &Store,
    files: &[PathBuf],
    now: &str,
    receiver: mpsc::Receiver<(usize, Result<PreparedBundle, String>)>,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary, ExchangeError> {
    let mut summary = ImportSummary::default();
    let mut waiting: HashMap<usize, Result<PreparedBundle, String>> = HashMap::new();
    let mut records_done = 0;
    for (i, checked) in receiver {
        waiting.insert(i, checked);
        while let Some(checked) = waiting.remove(&summary.files.len()) {
            let file = files[summary.files.len()].display().to_string();
            let result = match checked {
                Ok(bundle) => {
                    let (new, duplicates) = write_bundle(store, &file, &bundle, now)?;
                    summary.imported += new;
                    summary.duplicates += duplicates;
                    records_done += new + duplicates;
                    FileResult::Imported { new, duplicates }
                }
                Err(reason) => {
                    summary.rejected += 1;
                    FileResult::Rejected { reason }
                }
            };
            summary.files.push(FileOutcome { file, result });
            if let Some(latest) = summary.files.last() {
                progress(&ImportProgress { files_done: summary.files.len(), files_total: files.len(), records_done, latest });
            }
        }
    }
    Ok(summary)
}

/// Every imported assessment (without answers), in a stable order.
pub fn center_records(store: &Store) -> Result<Vec<CenterRecord>, ExchangeError> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT assessment_id, firm, questionnaire_id, questionnaire_version, questionnaire_hash, year, round, ksic_division,
             employee_band, sido, overall_score, overall_level, dimensions FROM center_assessments ORDER BY id",
        )
        .map_err(db_error(store))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                CenterRecord {
                    assessment_id: r.get(0)?,
                    firm: r.get(1)?,
                    questionnaire_id: r.get(2)?,
                    questionnaire_version: r.get(3)?,
                    questionnaire_hash: r.get(4)?,
                    year: r.get(5)?,
                    round: r.get(6)?,
                    attributes: FirmAttributes { ksic_division: r.get(7)?, employee_band: r.get(8)?, sido: r.get(9)? },
                    overall: ScoreAndLevel { score: r.get(10)?, level: r.get(11)? },
                    dimensions: BTreeMap::new(),
                },
                r.get::<_, String>(12)?,
            ))
        })
        .map_err(db_error(store))?;
    let mut out = Vec::new();
    for row in rows {
        let (mut record, dimensions) = row.map_err(db_error(store))?;
        record.dimensions = serde_json::from_str(&dimensions).map_err(|e| {
            ExchangeError::Store(StoreError::NotAWorkspace {
                path: store.path().to_string(),
                reason: format!("imported assessment {} has damaged dimension scores: {e}", record.assessment_id),
            })
        })?;
        out.push(record);
    }
    Ok(out)
}

/// How many assessments and import rows the centre holds (for checks and summaries).
pub fn center_counts(store: &Store) -> Result<(usize, usize), ExchangeError> {
    let conn = store.connection();
    let assessments: i64 = conn.query_row("SELECT count(*) FROM center_assessments", [], |r| r.get(0)).map_err(db_error(store))?;
    let imports: i64 = conn.query_row("SELECT count(*) FROM center_imports", [], |r| r.get(0)).map_err(db_error(store))?;
    Ok((assessments as usize, imports as usize))
}

/// One imported assessment's answers, keyed by question id again.
pub fn center_answers(store: &Store, assessment_id: &str) -> Result<BTreeMap<String, serde_json::Value>, ExchangeError> {
    let (answers, question_ids): (String, String) = store
        .connection()
        .query_row(
            "SELECT a.answers, q.question_ids FROM center_assessments a JOIN center_questionnaires q ON q.hash = a.questionnaire_hash
             WHERE a.assessment_id = ?1",
            params![assessment_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(db_error(store))?;
    let damaged = |e: serde_json::Error| {
        ExchangeError::Store(StoreError::NotAWorkspace { path: store.path().to_string(), reason: format!("imported assessment {assessment_id} has damaged answers: {e}") })
    };
    let values: Vec<serde_json::Value> = serde_json::from_str(&answers).map_err(damaged)?;
    let ids: Vec<String> = serde_json::from_str(&question_ids).map_err(damaged)?;
    Ok(ids.into_iter().zip(values).filter(|(_, v)| !v.is_null()).collect())
}
