//! Anonymized exchange between firms and regional centres, the centre's workspace, and peer
//! benchmarks.
//!
//! The flow, and the module that does each step:
//! 1. A firm consents (`Store::give_consent`); it then has a random pseudonym that never changes.
//! 2. `export` turns its completed assessments into an anonymized bundle (`bundle`): scores,
//!    effective answers without free text, the year, and generalised attributes only.
//! 3. A centre imports bundles into its own tables (`center`): every file is checked completely
//!    and written in one transaction, or refused with a reason.
//! 4. The centre looks at its `dashboard` and publishes `benchmark` cells: never a cell of fewer
//!    than k firms, and never one that could be worked out by subtracting published cells.
//! 5. A firm installs the benchmark file (`installed`) and compares itself with the nearest cell.
//!
//! Privacy invariants (also in ARCHITECTURE.md): nothing that names or locates a firm leaves the
//! workspace — no name, 사업자등록번호, industrial complex, site, exact head count, exact date,
//! note, evidence, assessor or free-text answer — and a firm without consent is never exported.

pub mod benchmark;
pub mod bundle;
pub mod center;
pub mod dashboard;
pub mod export;
pub mod installed;
pub mod sealed;
pub mod tables;

pub use benchmark::{
    compare_with_benchmark, describe_cell, nearest_benchmark_cell, publish_benchmarks, publish_benchmarks_after, BenchmarkCell,
    BenchmarkComparison, BenchmarkContent, BenchmarkFile, InstalledBenchmark, PeerMark, Publication, PublishOptions, PublishReport,
    Statistics,
};
pub use bundle::{write_bundle_file, write_sealed_bundle_file, AnonymizedAssessment, BundleContent, BundleFile, FirmAttributes, ScoreAndLevel};
pub use center::{bundle_paths, center_counts, center_publications, center_records, import_bundle_files, publish_center_benchmarks, CenterRecord, FileOutcome, ImportProgress, ImportSummary};
pub use dashboard::{center_dashboard, Dashboard};
pub use export::{export_anonymized_bundle, give_consent, ExportOutcome, ExportRequest};
pub use installed::{
    compare_assessment_with_installed_benchmark, install_benchmark, installed_benchmark_for, installed_benchmarks, installed_comparison,
    InstallOutcome,
};
pub use tables::{benchmark_csv, benchmark_xlsx, write_benchmark_files};

use crate::questionnaire::QuestionnaireError;
use crate::store::StoreError;
use sha2::{Digest, Sha256};

/// The largest bundle or benchmark file read: anything bigger is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most assessments one bundle may hold; 64 MB of real assessments stays well under it.
pub const MAX_ASSESSMENTS_PER_BUNDLE: usize = 20_000;

/// What can go wrong while exchanging results.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The workspace failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A questionnaire could not be found or read.
    #[error(transparent)]
    Questionnaire(#[from] QuestionnaireError),
    /// A file or folder could not be read.
    #[error("{file}: cannot read: {reason}")]
    Read { file: String, reason: String },
    /// A bundle was refused; nothing of it was imported.
    #[error("{file}: rejected: {reason}")]
    RejectedBundle { file: String, reason: String },
    /// A benchmark file was refused; nothing was installed.
    #[error("{file}: rejected: {reason}")]
    RejectedBenchmark { file: String, reason: String },
    /// The request makes no sense for the data (nothing to export, k too small, …).
    #[error("{0}")]
    BadInput(String),
    /// The operating system could not supply random bytes for ids.
    #[error("cannot make a random id: {0}")]
    Random(String),
    /// A spreadsheet could not be built.
    #[error("cannot build the spreadsheet: {0}")]
    Spreadsheet(String),
}

impl ExchangeError {
    /// Whether the error is the user's input rather than the machine.
    pub fn is_bad_input(&self) -> bool {
        match self {
            ExchangeError::Store(e) => e.is_bad_input(),
            ExchangeError::Questionnaire(_)
            | ExchangeError::Read { .. }
            | ExchangeError::RejectedBundle { .. }
            | ExchangeError::RejectedBenchmark { .. }
            | ExchangeError::BadInput(_) => true,
            ExchangeError::Random(_) | ExchangeError::Spreadsheet(_) => false,
        }
    }
}

/// A new random id: 128 bits from the operating system, as 32 lowercase hex digits. Used for
/// firm pseudonyms and for assessment ids in exchange, so that neither can be guessed or linked
/// to the workspace's own integer ids.
pub fn random_id() -> Result<String, ExchangeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ExchangeError::Random(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// Whether a text has the shape of a random id (32 lowercase hex digits).
pub fn is_random_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The canonical JSON text of a value: no whitespace, object keys sorted by their UTF-8 bytes,
/// strings escaped and numbers written as serde_json writes them (the shortest text that reads
/// back to the same number). Checksums are taken over this text so that they do not depend on
/// how a file was indented or on the order a program wrote its keys in.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
    }
}

/// "sha256:" and the hex SHA-256 of some bytes: the checksum form both file formats use.
pub fn sha256_checksum(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}
