//! The shapes the UI receives. Core types stay free of UI concerns; these are built from them
//! at the edge and serialised with snake_case field names.

use jindan::i18n::Text;
use jindan::questionnaire::{Origin, Questionnaire};
use serde::Serialize;

/// What the home screen shows about the installation.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// The app's version, e.g. "0.1.0".
    pub version: String,
    /// The workspace database in use, as the operating system writes it.
    pub db_path: String,
}

/// One questionnaire in the catalogue, without its questions.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireSummary {
    /// Stable identifier, e.g. "kr-mfg-quick-scan".
    pub id: String,
    /// Content version, e.g. "1.0.0".
    pub version: String,
    /// Title in both languages.
    pub title: Text,
    /// What it is for and how long it takes, in both languages.
    pub description: Text,
    /// How many dimensions it scores.
    pub dimension_count: usize,
    /// How many questions it asks.
    pub question_count: usize,
    /// Shipped with the app, or read from a file.
    pub origin: Origin,
}

impl QuestionnaireSummary {
    /// The summary of one catalogue entry.
    pub fn from_entry((questionnaire, origin): &(Questionnaire, Origin)) -> QuestionnaireSummary {
        QuestionnaireSummary {
            id: questionnaire.id.clone(),
            version: questionnaire.version.clone(),
            title: questionnaire.title.clone(),
            description: questionnaire.description.clone(),
            dimension_count: questionnaire.dimensions.len(),
            question_count: questionnaire.questions.len(),
            origin: origin.clone(),
        }
    }
}
