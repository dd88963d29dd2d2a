//! The checked questionnaire: what scoring, the store and the UI work with.
//!
//! A `Questionnaire` exists only after `validate` accepted its file, so every reference in it
//! resolves and every score lies in [0, 1]. Scoring relies on that and cannot fail.

use crate::i18n::{Lang, Text};
use serde::Serialize;
use std::collections::HashMap;

pub use super::format::{MultiScoring, OverallLevelRule};

/// The number of levels above 0; levels run 0..=MAX_LEVEL.
pub const MAX_LEVEL: u8 = 5;

/// A questionnaire that passed validation.
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub description: Text,
    pub author: String,
    pub license: String,
    /// Minimum score (0–100) for levels 1..=5.
    pub level_thresholds: [f64; 5],
    pub overall_level: OverallLevelRule,
    pub disagreement_threshold: f64,
    /// Names and meanings of levels 0..=5, indexed by level.
    pub levels: Vec<LevelInfo>,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    /// SHA-256 of the file text (line endings normalised to LF), hex.
    pub content_hash: String,
    /// The file text the questionnaire was read from; assessments freeze a copy of it.
    #[serde(skip)]
    pub source: String,
    #[serde(skip)]
    pub(crate) question_index: HashMap<String, usize>,
}

/// The name and meaning of one level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelInfo {
    pub level: u8,
    pub name: Text,
    pub description: Text,
}

/// A dimension with its level descriptions and gates.
#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub weight: f64,
    /// What each level looks like in this dimension, indexed by level.
    pub level_descriptions: Vec<Text>,
    pub gates: Vec<Gate>,
}

/// The dimension may reach `level` only if `question` scores at least `min_score`.
#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    pub level: u8,
    pub question: String,
    pub min_score: f64,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub dimension: String,
    pub text: Text,
    pub help: Option<Text>,
    pub weight: f64,
    pub allow_na: bool,
    pub show_if: Option<ShowIf>,
    pub evidence: Vec<Evidence>,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// The type-specific part of a question, with every option's score resolved to [0, 1].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    Single {
        options: Vec<Choice>,
    },
    Multi {
        scoring: MultiScoring,
        options: Vec<MultiOption>,
        /// The "none of these" option, if there is one.
        none_option: Option<String>,
    },
    Grid {
        rows: Vec<GridRow>,
        scale: Vec<Choice>,
    },
    Numeric {
        unit: Option<Text>,
        min: f64,
        max: f64,
        bands: Vec<Band>,
    },
    Text,
}

/// An option with its item score.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
    /// Item score in [0, 1].
    pub score: f64,
}

/// An option of a multi-select question.
#[derive(Debug, Clone, Serialize)]
pub struct MultiOption {
    pub id: String,
    pub label: Text,
    /// With "points" scoring, the option's points; with "fraction", 1 ÷ number of options.
    pub score: f64,
    pub exclusive: bool,
}

/// A grid row.
#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub id: String,
    pub label: Text,
}

/// A numeric band: values from `from` up to the next band's `from` score `score`.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub from: f64,
    pub score: f64,
}

/// Skip logic, already resolved to a monotone condition.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShowIf {
    /// Shown when one of `options` is chosen.
    AnyOf { question: String, options: Vec<String> },
    /// Shown when the question's item score is at least `min_score`.
    MinScore { question: String, min_score: f64 },
}

impl ShowIf {
    /// The question the condition looks at.
    pub fn question(&self) -> &str {
        match self {
            ShowIf::AnyOf { question, .. } | ShowIf::MinScore { question, .. } => question,
        }
    }
}

/// Evidence expected at a level.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub level: u8,
    pub text: Text,
}

impl Questionnaire {
    /// "id@version", the reference an answers file carries.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The questions of one dimension, in order.
    pub fn questions_of<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.dimension == dimension)
    }

    /// The level reached by a score, by the thresholds alone.
    pub fn level_for_score(&self, score: f64) -> u8 {
        self.level_thresholds.iter().take_while(|&&t| score + 1e-9 >= t).count() as u8
    }

    /// The name of a level in a language.
    pub fn level_name(&self, level: u8, lang: Lang) -> &str {
        self.levels.get(level as usize).map(|l| l.name.get(lang)).unwrap_or("")
    }
}

impl Question {
    /// Whether the question is scored (everything but free text).
    pub fn is_scored(&self) -> bool {
        !matches!(self.kind, QuestionKind::Text)
    }

    /// The type name as written in files: single, multi, grid, numeric, text.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Grid { .. } => "grid",
            QuestionKind::Numeric { .. } => "numeric",
            QuestionKind::Text => "text",
        }
    }
}
