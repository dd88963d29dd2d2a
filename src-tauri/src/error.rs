//! The error every command returns, as the UI sees it: `{ "kind": "...", "message": "..." }`.
//!
//! The UI decides what to show from `kind` and never parses `message`; `message` is a plain
//! sentence meant for the person using the app.

use jindan::questionnaire::QuestionnaireError;
use jindan::store::StoreError;
use serde::Serialize;

/// What sort of failure happened, serialised as a snake_case string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request itself was wrong: a missing field, a value out of range, a bad file.
    BadInput,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// Reading or writing the database or a file failed.
    Storage,
    /// A bug or an unexpected state; the message says what was being done.
    Internal,
}

/// An error crossing the IPC boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// What sort of failure happened.
    pub kind: ErrorKind,
    /// A plain sentence for the user.
    pub message: String,
}

impl AppError {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> AppError {
        AppError {
            kind,
            message: message.into(),
        }
    }

    /// The request was wrong.
    pub fn bad_input(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::BadInput, message)
    }

    /// The thing asked for does not exist.
    #[allow(dead_code)]
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::NotFound, message)
    }

    /// Reading or writing failed.
    pub fn storage(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::Storage, message)
    }

    /// Something that should not happen.
    pub fn internal(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::Internal, message)
    }
}

impl From<std::io::Error> for AppError {
    fn from(error: std::io::Error) -> AppError {
        match error.kind() {
            std::io::ErrorKind::NotFound => AppError::not_found(error.to_string()),
            _ => AppError::storage(error.to_string()),
        }
    }
}

/// How a questionnaire that cannot be loaded is reported.
fn questionnaire_error_kind(error: &QuestionnaireError) -> ErrorKind {
    match error {
        QuestionnaireError::Read { .. } => ErrorKind::Storage,
        QuestionnaireError::Invalid { .. } | QuestionnaireError::Duplicate { .. } => {
            ErrorKind::BadInput
        }
        QuestionnaireError::NotFound(_) => ErrorKind::NotFound,
    }
}

impl From<QuestionnaireError> for AppError {
    fn from(error: QuestionnaireError) -> AppError {
        AppError::new(questionnaire_error_kind(&error), error.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        // Anything the store does not blame on the request is a storage failure (the disk,
        // the file, SQLite), including kinds of failure the store may add later.
        let kind = match &error {
            StoreError::NotFound { .. } => ErrorKind::NotFound,
            StoreError::Questionnaire(inner) => questionnaire_error_kind(inner),
            other if other.is_bad_input() => ErrorKind::BadInput,
            _ => ErrorKind::Storage,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<jindan::exchange::ExchangeError> for AppError {
    fn from(error: jindan::exchange::ExchangeError) -> AppError {
        match error {
            jindan::exchange::ExchangeError::Store(inner) => AppError::from(inner),
            other if other.is_bad_input() => AppError::bad_input(other.to_string()),
            other => AppError::internal(other.to_string()),
        }
    }
}

impl From<jindan::report::ChartError> for AppError {
    fn from(error: jindan::report::ChartError) -> AppError {
        AppError::internal(format!("the radar chart cannot be drawn: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_kind_and_message() {
        let error = AppError::bad_input("the answer must be between 0 and 5");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "bad_input", "message": "the answer must be between 0 and 5" })
        );
    }

    #[test]
    fn core_errors_keep_their_kind() {
        let missing = AppError::from(StoreError::NotFound {
            what: "assessment",
            id: "7".into(),
        });
        assert_eq!(missing.kind, ErrorKind::NotFound);
        assert_eq!(missing.message, "assessment 7 does not exist");
        let unknown = AppError::from(QuestionnaireError::NotFound("nope".into()));
        assert_eq!(unknown.kind, ErrorKind::NotFound);
    }

    #[test]
    fn every_kind_is_snake_case() {
        let kinds = [
            ErrorKind::BadInput,
            ErrorKind::NotFound,
            ErrorKind::Storage,
            ErrorKind::Internal,
        ];
        let names: Vec<String> = kinds
            .iter()
            .map(|kind| serde_json::to_string(kind).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "\"bad_input\"",
                "\"not_found\"",
                "\"storage\"",
                "\"internal\""
            ]
        );
    }
}
