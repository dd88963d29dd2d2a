//! Questionnaires: the file format, its validation, and the shipped and folder catalogues.

pub mod format;
pub mod model;
pub mod validate;

pub use model::*;
pub use validate::Problem;

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// The questionnaires shipped inside the program.
pub const BUILTIN_SOURCES: &[(&str, &str)] = &[
    ("kr-mfg-ai-readiness.toml", include_str!("../../questionnaires/kr-mfg-ai-readiness.toml")),
    ("kr-mfg-quick-scan.toml", include_str!("../../questionnaires/kr-mfg-quick-scan.toml")),
];

/// Why a questionnaire could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum QuestionnaireError {
    /// The file could not be read.
    #[error("{file}: cannot read the file: {source}")]
    Read { file: String, source: std::io::Error },
    /// The file was read but is not a valid questionnaire; every problem is listed.
    #[error("{}", format_problems(file, problems))]
    Invalid { file: String, problems: Vec<Problem> },
    /// No questionnaire has this id (and version).
    #[error("no questionnaire '{0}' is installed")]
    NotFound(String),
    /// Two questionnaires claim the same id and version.
    #[error("{file}: questionnaire {reference} is already loaded from {other}")]
    Duplicate { file: String, reference: String, other: String },
}

fn format_problems(file: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{file}: {}: {}", p.place, p.reason));
    }
    out
}

/// SHA-256 of the text with line endings normalised, so that a file checked out on Windows
/// hashes the same.
pub fn content_hash(source: &str) -> String {
    let normalized = source.replace("\r\n", "\n");
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

/// Line and column (both from 1) of a byte offset.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|s| s.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

/// Parses and validates questionnaire text; `file` names it in messages.
pub fn parse_questionnaire(file: &str, source: &str) -> Result<Questionnaire, QuestionnaireError> {
    let parsed: format::QuestionnaireFile = toml::from_str(source).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let (line, column) = line_column(source, span.start);
                format!("line {line}, column {column}")
            }
            None => "file".to_string(),
        };
        let reason = e.message().trim().to_string();
        QuestionnaireError::Invalid { file: file.to_string(), problems: vec![Problem { place, reason }] }
    })?;
    validate::validate(parsed, source, content_hash(source))
        .map_err(|problems| QuestionnaireError::Invalid { file: file.to_string(), problems })
}

/// Reads and validates a questionnaire file.
pub fn load_questionnaire_file(path: &Path) -> Result<Questionnaire, QuestionnaireError> {
    let file = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|source| QuestionnaireError::Read { file: file.clone(), source })?;
    parse_questionnaire(&file, &source)
}

/// The shipped questionnaires. They are checked by the test suite, so a failure here is a bug
/// in the build, reported as an error rather than a panic all the same.
pub fn builtin_questionnaires() -> Result<Vec<Questionnaire>, QuestionnaireError> {
    BUILTIN_SOURCES.iter().map(|(name, source)| parse_questionnaire(&format!("(built-in) {name}"), source)).collect()
}

/// Where a questionnaire in a catalogue came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "path", rename_all = "snake_case")]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin => write!(f, "built-in"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// The questionnaires available to start an assessment with.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<(Questionnaire, Origin)>,
}

impl Catalog {
    /// The shipped questionnaires only.
    pub fn builtin() -> Result<Catalog, QuestionnaireError> {
        Ok(Catalog { entries: builtin_questionnaires()?.into_iter().map(|q| (q, Origin::Builtin)).collect() })
    }

    /// The shipped questionnaires plus every `*.toml` in `folder`. A broken file fails the whole
    /// load with its problems, so that an author sees them instead of a silently missing entry.
    pub fn with_folder(folder: &Path) -> Result<Catalog, QuestionnaireError> {
        let mut catalog = Catalog::builtin()?;
        let read_error = |source| QuestionnaireError::Read { file: folder.display().to_string(), source };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
            .map_err(read_error)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let q = load_questionnaire_file(&path)?;
            catalog.add(q, Origin::File(path))?;
        }
        Ok(catalog)
    }

    /// Adds a questionnaire; the same id and version twice is an error unless the content is
    /// identical (a folder may hold a copy of a shipped file).
    pub fn add(&mut self, q: Questionnaire, origin: Origin) -> Result<(), QuestionnaireError> {
        if let Some((existing, other)) = self.entries.iter().find(|(e, _)| e.id == q.id && e.version == q.version) {
            if existing.content_hash == q.content_hash {
                return Ok(());
            }
            return Err(QuestionnaireError::Duplicate { file: origin.to_string(), reference: q.reference(), other: other.to_string() });
        }
        self.entries.push((q, origin));
        Ok(())
    }

    /// Finds "id" (newest version) or "id@version".
    pub fn find(&self, reference: &str) -> Result<&Questionnaire, QuestionnaireError> {
        let (id, version) = match reference.split_once('@') {
            Some((id, v)) => (id, Some(v)),
            None => (reference, None),
        };
        self.entries
            .iter()
            .map(|(q, _)| q)
            .filter(|q| q.id == id && version.is_none_or(|v| q.version == v))
            .max_by_key(|q| version_key(&q.version))
            .ok_or_else(|| QuestionnaireError::NotFound(reference.to_string()))
    }

    /// All questionnaires, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = &Questionnaire> {
        self.entries.iter().map(|(q, _)| q)
    }
}

fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// The JSON Schema of the questionnaire file format, for editors.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(format::QuestionnaireFile)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn hash_ignores_line_endings() {
        assert_eq!(content_hash("a\r\nb\n"), content_hash("a\nb\n"));
    }
}
