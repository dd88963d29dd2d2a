//! The local workspace: one SQLite file holding firms, assessments and their answers.
//!
//! Every write is its own transaction and the database runs in WAL mode with full sync, so an
//! answer acknowledged to the user survives the program being killed the next instant.

pub mod actions;
pub mod consent;
pub mod encryption;
pub mod migrations;
pub mod workspace_file;

use crate::answers::{interpret_value, Answer, AnswerValue, Answers, Rater};
use crate::firm;
use crate::questionnaire::{parse_questionnaire, Questionnaire, QuestionnaireError};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use encryption::{workspace_file_kind, workspace_needs_passphrase, WorkspaceFileKind};

/// What can go wrong with the workspace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("workspace database {path}: {}", describe_sqlite_error(source))]
    Sqlite { path: String, source: rusqlite::Error },
    /// The disk (or the size limit of the workspace) is full: the change was not saved.
    #[error("workspace {path}: the disk is full, so the last change was not saved (earlier changes are kept); free some space and try again")]
    DiskFull { path: String },
    /// The workspace file or its folder cannot be written by this user.
    #[error("workspace {path} cannot be written: {reason}")]
    ReadOnly { path: String, reason: String },
    /// The workspace is encrypted and no passphrase was given.
    #[error("workspace {path} is protected by a passphrase; give the passphrase to open it")]
    PassphraseRequired { path: String },
    /// The passphrase given does not decrypt the workspace.
    #[error("the passphrase does not open this workspace ({path})")]
    WrongPassphrase { path: String },
    /// The file is not a Jindan workspace (or is damaged).
    #[error("{path} is not a Jindan workspace or is damaged: {reason}")]
    NotAWorkspace { path: String, reason: String },
    /// The file was written by a newer Jindan.
    #[error("{path} was written by a newer version of Jindan (schema {found}, this version knows up to {known}); it was not changed")]
    TooNew { path: String, found: i64, known: i64 },
    /// A record does not exist.
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },
    /// The request makes no sense for the data (bad value, completed assessment, …).
    #[error("{0}")]
    BadInput(String),
    /// A frozen questionnaire could not be read back.
    #[error(transparent)]
    Questionnaire(#[from] QuestionnaireError),
    /// Copying the database for a backup failed.
    #[error("backup to {path}: {reason}")]
    Backup { path: String, reason: String },
}

impl StoreError {
    /// Whether the error is the user's input rather than the machine.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::BadInput(_) | StoreError::NotFound { .. } | StoreError::PassphraseRequired { .. } | StoreError::WrongPassphrase { .. }
        )
    }
}

/// A SQLite failure in plain words: what happened and what to do, followed by SQLite's own
/// message (so that "database or disk is full" never stands alone).
pub fn describe_sqlite_error(source: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let plain = match source.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full",
        Some(ErrorCode::ReadOnly) => "the file or its folder is read-only for this user",
        Some(ErrorCode::PermissionDenied) => "this user may not access the file",
        Some(ErrorCode::CannotOpen) => "the file cannot be opened (does its folder exist, and may this user write there?)",
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => "another program is using the workspace and did not let go within 5 seconds",
        Some(ErrorCode::DatabaseCorrupt) => "the file is damaged",
        Some(ErrorCode::NotADatabase) => "the file is not a database, or is encrypted with another passphrase",
        Some(ErrorCode::SystemIoFailure) => "the disk could not be read or written",
        _ => return source.to_string(),
    };
    format!("{plain} ({source})")
}

/// Sorts a SQLite failure into the error a person can act on: a full disk, a read-only file or
/// folder, a damaged file, or (for everything else) the SQLite error in plain words.
pub fn sqlite_error(path: &str, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let path = path.to_string();
    match source.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path, reason: format!("the file or its folder is read-only for this user ({source})") }
        }
        Some(ErrorCode::CannotOpen) if folder_is_read_only(&path) => {
            StoreError::ReadOnly { path, reason: format!("its folder is read-only for this user, and SQLite needs to write its journal there ({source})") }
        }
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => StoreError::NotAWorkspace { path, reason: describe_sqlite_error(&source) },
        _ => StoreError::Sqlite { path, source },
    }
}

/// Whether the folder of a workspace file exists but refuses new files.
fn folder_is_read_only(path: &str) -> bool {
    let folder = match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::metadata(&folder).is_ok_and(|m| m.is_dir()) && write_probe(&folder).is_err()
}

/// Tries to create and remove a file in `folder` (the only reliable test of write permission:
/// mode bits say nothing about root, ACLs or read-only mounts).
fn write_probe(folder: &Path) -> std::io::Result<()> {
    let probe = folder.join(format!(".jindan-write-probe-{}", std::process::id()));
    std::fs::OpenOptions::new().write(true).create_new(true).open(&probe)?;
    std::fs::remove_file(&probe)
}

/// A file-system failure on the workspace file, sorted like `sqlite_error`.
fn io_error(path: &str, doing: &str, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly { path: path.to_string(), reason: format!("{doing}: {e}") }
        }
        std::io::ErrorKind::StorageFull => StoreError::DiskFull { path: path.to_string() },
        _ => StoreError::NotAWorkspace { path: path.to_string(), reason: format!("{doing}: {e}") },
    }
}

type Result<T> = std::result::Result<T, StoreError>;

/// Formats a time the way the store keeps it (RFC 3339, UTC, seconds).
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The default workspace file in the OS user-data folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kr", "Jindan", "Jindan").map(|d| d.data_dir().join("workspace.db"))
}

/// A firm as entered in the firm form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationInput {
    pub name: String,
    /// 사업자등록번호, with or without dashes.
    pub business_number: Option<String>,
    pub ksic_division: Option<u8>,
    pub employees: Option<u32>,
    pub sido: Option<String>,
    pub industrial_complex: Option<String>,
    pub site: Option<String>,
}

/// A stored firm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    /// Ten digits, or None.
    pub business_number: Option<String>,
    pub ksic_division: Option<u8>,
    pub employees: Option<u32>,
    pub sido: Option<String>,
    pub industrial_complex: Option<String>,
    pub site: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Whether an assessment is still being answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Completed,
}

/// Who runs an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The firm assesses itself.
    #[serde(rename = "self")]
    SelfAssessment,
    /// A consultant assesses the firm, rating beside the firm's own answers.
    Consultant,
}

impl Mode {
    /// "self" or "consultant".
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::SelfAssessment => "self",
            Mode::Consultant => "consultant",
        }
    }
    /// Parses "self" or "consultant".
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "self" => Some(Mode::SelfAssessment),
            "consultant" => Some(Mode::Consultant),
            _ => None,
        }
    }
}

/// A stored assessment, without its answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub questionnaire_hash: String,
    pub status: Status,
    pub mode: Mode,
    pub assessor: Option<String>,
    pub previous_id: Option<i64>,
    pub started_at: String,
    pub updated_at: String,
    pub completed_at: Option<String>,
}

/// Settings for a new assessment.
#[derive(Debug, Clone)]
pub struct NewAssessment<'a> {
    pub organization_id: i64,
    pub questionnaire: &'a Questionnaire,
    pub mode: Mode,
    pub assessor: Option<String>,
    /// The earlier assessment of the same firm this one re-assesses.
    pub previous_id: Option<i64>,
}

/// One answer change: a value (or N/A), a note, evidence — each left alone when None.
#[derive(Debug, Clone, Default)]
pub struct AnswerChange {
    pub value: Option<serde_json::Value>,
    /// Removes the rater's value (keeps note and evidence).
    pub clear_value: bool,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

/// An open workspace.
pub struct Store {
    conn: Connection,
    path: String,
    questionnaires: HashMap<String, Arc<Questionnaire>>,
    /// The workspace file (None in memory).
    file: Option<PathBuf>,
    /// The passphrase the file is encrypted with, kept to write encrypted backups and to reopen
    /// the file after its passphrase changes.
    key: Option<String>,
}

fn sql(path: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| sqlite_error(path, source)
}

impl Store {
    /// Opens (creating if needed) a workspace file and brings its schema up to date. Before
    /// migrating an existing older database it keeps a copy beside it (`NAME.vN.bak`).
    /// An encrypted workspace needs `open_with_passphrase`.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_passphrase(path, None)
    }

    /// A workspace in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(sql(":memory:"))?;
        Store::init(conn, ":memory:".to_string(), None, None)
    }

    fn init(conn: Connection, path: String, file: Option<&Path>, key: Option<String>) -> Result<Store> {
        let not_workspace = |e: rusqlite::Error| match sqlite_error(&path, e) {
            StoreError::Sqlite { source, .. } => StoreError::NotAWorkspace { path: path.clone(), reason: describe_sqlite_error(&source) },
            sorted => sorted,
        };
        conn.busy_timeout(Duration::from_secs(5)).map_err(sql(&path))?;
        // Reading the schema version touches the file header: a garbage file fails here.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(not_workspace)?;
        let known = migrations::latest_version();
        if version > known {
            return Err(StoreError::TooNew { path, found: version, known });
        }
        if version == 0 {
            let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(not_workspace)?;
            if tables > 0 {
                return Err(StoreError::NotAWorkspace { path, reason: "it holds tables but no Jindan schema version".into() });
            }
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(not_workspace)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql(&path))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sql(&path))?;
        let mut store = Store { conn, path, questionnaires: HashMap::new(), file: file.map(Path::to_path_buf), key };
        if version < known {
            if version > 0
                && let Some(file) = file
            {
                let backup = file.with_extension(format!("v{version}.bak"));
                store.backup_to(&backup)?;
            }
            store.migrate(version)?;
        }
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        for (i, step) in migrations::MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(step).map_err(sql(&path))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(sql(&path))?;
        }
        tx.commit().map_err(sql(&path))
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql(&self.path))
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The raw connection, for modules that keep their own tables (plans, exchange).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Writes a consistent copy of the whole workspace to `target` (which must not exist).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::Backup { path: target.display().to_string(), reason: "the file already exists".into() });
        }
        // An encrypted workspace is copied under the same passphrase, never in the clear.
        if let Some(key) = &self.key {
            return self.export_with_key(target, Some(key));
        }
        self.conn
            .execute("VACUUM INTO ?1", params![target.display().to_string()])
            .map_err(|e| StoreError::Backup { path: target.display().to_string(), reason: e.to_string() })?;
        Ok(())
    }

    // ---- organizations ----

    fn check_organization(input: &OrganizationInput) -> Result<OrganizationInput> {
        let mut out = input.clone();
        out.name = input.name.trim().to_string();
        if out.name.is_empty() {
            return Err(StoreError::BadInput("the firm needs a name".into()));
        }
        out.business_number = match input.business_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(n) => Some(firm::parse_business_number(n).map_err(StoreError::BadInput)?),
            None => None,
        };
        if let Some(d) = input.ksic_division
            && firm::ksic_division(d).is_none()
        {
            return Err(StoreError::BadInput(format!("KSIC division {d} is not a manufacturing division (10 to 34)")));
        }
        out.sido = match input.sido.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(firm::parse_sido(s).map_err(StoreError::BadInput)?.to_string()),
            None => None,
        };
        let tidy = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        out.industrial_complex = tidy(&input.industrial_complex);
        out.site = tidy(&input.site);
        Ok(out)
    }

    fn duplicate_number(&self, number: &Option<String>, except: Option<i64>) -> Result<()> {
        if let Some(n) = number {
            let other: Option<(i64, String)> = self
                .conn
                .query_row("SELECT id, name FROM organizations WHERE business_number = ?1", params![n], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(sql(&self.path))?;
            if let Some((id, name)) = other.filter(|(id, _)| Some(*id) != except) {
                return Err(StoreError::BadInput(format!(
                    "business registration number {} already belongs to firm {id} ({name})",
                    firm::format_business_number(n)
                )));
            }
        }
        Ok(())
    }

    /// Adds a firm and returns its id.
    pub fn add_organization(&self, input: &OrganizationInput, now: DateTime<Utc>) -> Result<i64> {
        let o = Store::check_organization(input)?;
        self.duplicate_number(&o.business_number, None)?;
        let t = timestamp(now);
        self.conn
            .execute(
                "INSERT INTO organizations (name, business_number, ksic_division, employees, sido, industrial_complex, site, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![o.name, o.business_number, o.ksic_division, o.employees, o.sido, o.industrial_complex, o.site, t],
            )
            .map_err(sql(&self.path))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces a firm's details.
    pub fn update_organization(&self, id: i64, input: &OrganizationInput, now: DateTime<Utc>) -> Result<()> {
        let o = Store::check_organization(input)?;
        self.duplicate_number(&o.business_number, Some(id))?;
        let n = self
            .conn
            .execute(
                "UPDATE organizations SET name = ?2, business_number = ?3, ksic_division = ?4, employees = ?5, sido = ?6,
                 industrial_complex = ?7, site = ?8, updated_at = ?9 WHERE id = ?1",
                params![id, o.name, o.business_number, o.ksic_division, o.employees, o.sido, o.industrial_complex, o.site, timestamp(now)],
            )
            .map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "firm", id: id.to_string() });
        }
        Ok(())
    }

    fn organization_from_row(r: &rusqlite::Row) -> rusqlite::Result<Organization> {
        Ok(Organization {
            id: r.get(0)?,
            name: r.get(1)?,
            business_number: r.get(2)?,
            ksic_division: r.get(3)?,
            employees: r.get(4)?,
            sido: r.get(5)?,
            industrial_complex: r.get(6)?,
            site: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        })
    }

    const ORGANIZATION_COLUMNS: &'static str =
        "id, name, business_number, ksic_division, employees, sido, industrial_complex, site, created_at, updated_at";

    /// One firm.
    pub fn organization(&self, id: i64) -> Result<Organization> {
        self.conn
            .query_row(&format!("SELECT {} FROM organizations WHERE id = ?1", Store::ORGANIZATION_COLUMNS), params![id], Store::organization_from_row)
            .optional()
            .map_err(sql(&self.path))?
            .ok_or(StoreError::NotFound { what: "firm", id: id.to_string() })
    }

    /// Firms whose name, number, region or complex contains `search` (all when None), by name.
    pub fn organizations(&self, search: Option<&str>) -> Result<Vec<Organization>> {
        let pattern = format!("%{}%", search.unwrap_or("").trim().replace('-', ""));
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM organizations
                 WHERE name LIKE ?1 OR ifnull(business_number, '') LIKE ?1 OR ifnull(sido, '') LIKE ?1 OR ifnull(industrial_complex, '') LIKE ?1
                 ORDER BY name COLLATE NOCASE, id",
                Store::ORGANIZATION_COLUMNS
            ))
            .map_err(sql(&self.path))?;
        let rows = stmt.query_map(params![pattern], Store::organization_from_row).map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }

    /// Deletes a firm with all its assessments.
    pub fn delete_organization(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM organizations WHERE id = ?1", params![id]).map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "firm", id: id.to_string() });
        }
        Ok(())
    }

    // ---- assessments ----

    /// Starts an assessment, freezing a copy of the questionnaire it is answered against.
    pub fn create_assessment(&mut self, new: &NewAssessment, now: DateTime<Utc>) -> Result<i64> {
        self.organization(new.organization_id)?;
        if let Some(prev) = new.previous_id {
            let p = self.assessment(prev)?;
            if p.organization_id != new.organization_id {
                return Err(StoreError::BadInput(format!("assessment {prev} belongs to another firm")));
            }
        }
        let q = new.questionnaire;
        let t = timestamp(now);
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        tx.execute(
            "INSERT OR IGNORE INTO questionnaire_copies (hash, questionnaire_id, version, source) VALUES (?1, ?2, ?3, ?4)",
            params![q.content_hash, q.id, q.version, q.source],
        )
        .map_err(sql(&path))?;
        tx.execute(
            "INSERT INTO assessments (organization_id, questionnaire_id, questionnaire_version, questionnaire_hash, status, mode, assessor,
             previous_id, started_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?7, ?8, ?8)",
            params![new.organization_id, q.id, q.version, q.content_hash, new.mode.as_str(), new.assessor, new.previous_id, t],
        )
        .map_err(sql(&path))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql(&path))?;
        Ok(id)
    }

    fn assessment_from_row(r: &rusqlite::Row) -> rusqlite::Result<Assessment> {
        let status: String = r.get(6)?;
        let mode: String = r.get(7)?;
        Ok(Assessment {
            id: r.get(0)?,
            organization_id: r.get(1)?,
            organization_name: r.get(2)?,
            questionnaire_id: r.get(3)?,
            questionnaire_version: r.get(4)?,
            questionnaire_hash: r.get(5)?,
            status: if status == "completed" { Status::Completed } else { Status::Draft },
            mode: Mode::parse(&mode).unwrap_or(Mode::SelfAssessment),
            assessor: r.get(8)?,
            previous_id: r.get(9)?,
            started_at: r.get(10)?,
            updated_at: r.get(11)?,
            completed_at: r.get(12)?,
        })
    }

    const ASSESSMENT_SELECT: &'static str = "SELECT a.id, a.organization_id, o.name, a.questionnaire_id, a.questionnaire_version,
        a.questionnaire_hash, a.status, a.mode, a.assessor, a.previous_id, a.started_at, a.updated_at, a.completed_at
        FROM assessments a JOIN organizations o ON o.id = a.organization_id";

    /// One assessment.
    pub fn assessment(&self, id: i64) -> Result<Assessment> {
        self.conn
            .query_row(&format!("{} WHERE a.id = ?1", Store::ASSESSMENT_SELECT), params![id], Store::assessment_from_row)
            .optional()
            .map_err(sql(&self.path))?
            .ok_or(StoreError::NotFound { what: "assessment", id: id.to_string() })
    }

    /// Assessments, newest first; only one firm's when `organization_id` is given.
    pub fn assessments(&self, organization_id: Option<i64>) -> Result<Vec<Assessment>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "{} WHERE ?1 IS NULL OR a.organization_id = ?1 ORDER BY a.started_at DESC, a.id DESC",
                Store::ASSESSMENT_SELECT
            ))
            .map_err(sql(&self.path))?;
        let rows = stmt.query_map(params![organization_id], Store::assessment_from_row).map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }

    /// The frozen questionnaire an assessment is answered against (parsed once, then cached).
    pub fn questionnaire_of(&mut self, assessment_id: i64) -> Result<Arc<Questionnaire>> {
        let a = self.assessment(assessment_id)?;
        self.frozen_questionnaire(&a.questionnaire_hash)
    }

    /// A frozen questionnaire by content hash.
    pub fn frozen_questionnaire(&mut self, hash: &str) -> Result<Arc<Questionnaire>> {
        if let Some(q) = self.questionnaires.get(hash) {
            return Ok(q.clone());
        }
        let (id, source): (String, String) = self
            .conn
            .query_row("SELECT questionnaire_id, source FROM questionnaire_copies WHERE hash = ?1", params![hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(sql(&self.path))?
            .ok_or(StoreError::NotFound { what: "frozen questionnaire", id: hash.to_string() })?;
        let q = Arc::new(parse_questionnaire(&format!("(frozen copy of {id})"), &source)?);
        self.questionnaires.insert(hash.to_string(), q.clone());
        Ok(q)
    }

    /// All answers of an assessment. Stored values that no longer fit their question (which
    /// cannot happen through this store) are left out rather than failing the whole load.
    pub fn answers(&mut self, assessment_id: i64) -> Result<Answers> {
        let q = self.questionnaire_of(assessment_id)?;
        let mut answers = Answers::new(&q);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question_id, rater, value, note, evidence FROM answers WHERE assessment_id = ?1")
            .map_err(sql(&self.path))?;
        let rows = stmt
            .query_map(params![assessment_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?, r.get::<_, Option<String>>(4)?))
            })
            .map_err(sql(&self.path))?;
        for row in rows {
            let (question_id, rater, value, note, evidence) = row.map_err(sql(&self.path))?;
            let Some(question) = q.question(&question_id) else { continue };
            let rater = Rater::parse(&rater).unwrap_or(Rater::Firm);
            let entry: &mut Answer = answers.answers.entry(question_id).or_default();
            if let Some(v) = value.and_then(|v| serde_json::from_str(&v).ok()).and_then(|v| interpret_value(question, &v).ok()) {
                entry.set(rater, Some(v));
            }
            // Notes and evidence of both raters are shown together; the consultant's come second.
            for (slot, text) in [(&mut entry.note, note), (&mut entry.evidence, evidence)] {
                if let Some(t) = text.filter(|t| !t.is_empty()) {
                    *slot = Some(match slot.take() {
                        Some(prev) if rater == Rater::Consultant => format!("{prev}\n{t}"),
                        Some(prev) => format!("{t}\n{prev}"),
                        None => t,
                    });
                }
            }
        }
        Ok(answers)
    }

    /// Notes and evidence per rater, for screens that show them side by side.
    pub fn answer_records(&self, assessment_id: i64) -> Result<Vec<AnswerRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question_id, rater, value, note, evidence, updated_at FROM answers WHERE assessment_id = ?1 ORDER BY question_id, rater")
            .map_err(sql(&self.path))?;
        let rows = stmt
            .query_map(params![assessment_id], |r| {
                Ok(AnswerRecord {
                    question_id: r.get(0)?,
                    rater: Rater::parse(&r.get::<_, String>(1)?).unwrap_or(Rater::Firm),
                    value: r.get::<_, Option<String>>(2)?.and_then(|v| serde_json::from_str(&v).ok()),
                    note: r.get(3)?,
                    evidence: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })
            .map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }

    /// Saves one answer change in its own transaction. It returns only after the change is on
    /// disk; the value is checked against the assessment's frozen questionnaire first, and a
    /// completed assessment refuses changes.
    pub fn save_answer(&mut self, assessment_id: i64, question_id: &str, rater: Rater, change: &AnswerChange, now: DateTime<Utc>) -> Result<()> {
        let a = self.assessment(assessment_id)?;
        if a.status == Status::Completed {
            return Err(StoreError::BadInput(format!("assessment {assessment_id} is completed; reopen it to change answers")));
        }
        let q = self.frozen_questionnaire(&a.questionnaire_hash)?;
        let question = q
            .question(question_id)
            .ok_or_else(|| StoreError::BadInput(format!("question '{question_id}' is not in {}", q.reference())))?;
        let value_json = match &change.value {
            Some(v) => {
                let checked = interpret_value(question, v).map_err(|reason| StoreError::BadInput(format!("question '{question_id}': {reason}")))?;
                Some(checked.to_json().to_string())
            }
            None => None,
        };
        let t = timestamp(now);
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        tx.execute(
            "INSERT INTO answers (assessment_id, question_id, rater, value, note, evidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (assessment_id, question_id, rater) DO UPDATE SET
               value = CASE WHEN ?8 THEN NULL ELSE coalesce(excluded.value, answers.value) END,
               note = coalesce(excluded.note, answers.note),
               evidence = coalesce(excluded.evidence, answers.evidence),
               updated_at = excluded.updated_at",
            params![assessment_id, question_id, rater.as_str(), value_json, change.note, change.evidence, t, change.clear_value],
        )
        .map_err(sql(&path))?;
        tx.execute("UPDATE assessments SET updated_at = ?2 WHERE id = ?1", params![assessment_id, t]).map_err(sql(&path))?;
        tx.commit().map_err(sql(&path))
    }

    /// Saves a whole answers set (an import) in one transaction: all or nothing.
    pub fn import_answers(&mut self, assessment_id: i64, answers: &Answers, now: DateTime<Utc>) -> Result<usize> {
        let a = self.assessment(assessment_id)?;
        if a.status == Status::Completed {
            return Err(StoreError::BadInput(format!("assessment {assessment_id} is completed; reopen it to change answers")));
        }
        let q = self.frozen_questionnaire(&a.questionnaire_hash)?;
        if answers.questionnaire != q.reference() {
            return Err(StoreError::BadInput(format!("the answers are for '{}', but assessment {assessment_id} uses '{}'", answers.questionnaire, q.reference())));
        }
        let t = timestamp(now);
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        let mut count = 0;
        for (qid, answer) in &answers.answers {
            // Notes and evidence go with the firm's row, or the consultant's when only they answered.
            let text_rater = if answer.firm.is_none() && answer.consultant.is_some() { Rater::Consultant } else { Rater::Firm };
            for rater in [Rater::Firm, Rater::Consultant] {
                let value = answer.by(rater);
                let (note, evidence) =
                    if rater == text_rater { (answer.note.as_deref(), answer.evidence.as_deref()) } else { (None, None) };
                if value.is_none() && note.is_none() && evidence.is_none() {
                    continue;
                }
                tx.execute(
                    "INSERT INTO answers (assessment_id, question_id, rater, value, note, evidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (assessment_id, question_id, rater) DO UPDATE SET value = excluded.value, note = excluded.note,
                     evidence = excluded.evidence, updated_at = excluded.updated_at",
                    params![assessment_id, qid, rater.as_str(), value.map(|v| v.to_json().to_string()), note, evidence, t],
                )
                .map_err(sql(&path))?;
                count += 1;
            }
        }
        tx.execute("UPDATE assessments SET updated_at = ?2 WHERE id = ?1", params![assessment_id, t]).map_err(sql(&path))?;
        tx.commit().map_err(sql(&path))?;
        Ok(count)
    }

    /// Marks an assessment completed (its answers then stay as they are).
    pub fn complete_assessment(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_status(id, Status::Completed, now)
    }

    /// Opens a completed assessment for changes again.
    pub fn reopen_assessment(&self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_status(id, Status::Draft, now)
    }

    fn set_status(&self, id: i64, status: Status, now: DateTime<Utc>) -> Result<()> {
        self.assessment(id)?;
        let t = timestamp(now);
        let (s, completed) = match status {
            Status::Completed => ("completed", Some(t.clone())),
            Status::Draft => ("draft", None),
        };
        self.conn
            .execute("UPDATE assessments SET status = ?2, completed_at = ?3, updated_at = ?4 WHERE id = ?1", params![id, s, completed, t])
            .map_err(sql(&self.path))?;
        Ok(())
    }

    /// Deletes an assessment and its answers.
    pub fn delete_assessment(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM assessments WHERE id = ?1", params![id]).map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "assessment", id: id.to_string() });
        }
        Ok(())
    }

    /// The firm's latest assessment before this one (by start date), for progress.
    pub fn previous_assessment(&self, id: i64) -> Result<Option<Assessment>> {
        let a = self.assessment(id)?;
        if let Some(p) = a.previous_id {
            return self.assessment(p).map(Some);
        }
        self.conn
            .query_row(
                &format!("{} WHERE a.organization_id = ?1 AND a.id != ?2 AND a.started_at < ?3 ORDER BY a.started_at DESC LIMIT 1", Store::ASSESSMENT_SELECT),
                params![a.organization_id, id, a.started_at],
                Store::assessment_from_row,
            )
            .optional()
            .map_err(sql(&self.path))
    }

    // ---- settings ----

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", params![key], |r| r.get(0))
            .optional()
            .map_err(sql(&self.path))
    }

    /// Sets a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", params![key, value])
            .map_err(sql(&self.path))?;
        Ok(())
    }
}

/// One stored answer row: one rater's value, note and evidence for one question.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRecord {
    pub question_id: String,
    pub rater: Rater,
    pub value: Option<serde_json::Value>,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub updated_at: String,
}

/// The effective value of a stored record, checked against its question.
pub fn record_value(q: &Questionnaire, record: &AnswerRecord) -> Option<AnswerValue> {
    let question = q.question(&record.question_id)?;
    interpret_value(question, record.value.as_ref()?).ok()
}
