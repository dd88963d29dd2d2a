//! The questionnaire file format exactly as an author writes it (TOML).
//!
//! These types mirror the file one to one and reject unknown fields. They are turned into the
//! checked model in `model.rs` by `validate.rs`; nothing else reads them. The JSON Schema in
//! `schemas/questionnaire.schema.json` is generated from these types.

use crate::i18n::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole questionnaire file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireFile {
    /// File format version; must be 1.
    pub format: u32,
    /// Stable identifier, lowercase letters, digits and dashes, e.g. "kr-mfg-quick-scan".
    pub id: String,
    /// Semantic version of the content, e.g. "1.2.0". Answers name the version they belong to.
    pub version: String,
    /// Title.
    pub title: Text,
    /// What the questionnaire is for and how long it takes.
    pub description: Text,
    /// Who wrote it.
    pub author: String,
    /// Licence of the content, an SPDX identifier where there is one.
    pub license: String,
    /// Minimum dimension score (0–100) for levels 1, 2, 3, 4 and 5: five increasing numbers.
    pub level_thresholds: Vec<f64>,
    /// How the overall level is found: "mean_of_levels" (default) or "thresholds".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall_level: Option<OverallLevelRule>,
    /// Item-score difference (0–1) between the firm's and the consultant's rating that is flagged
    /// as a disagreement. Default 0.4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement_threshold: Option<f64>,
    /// The names of the six levels 0–5, shared by all dimensions.
    pub levels: Vec<LevelFile>,
    /// The dimensions (areas) a firm is scored on.
    pub dimensions: Vec<DimensionFile>,
    /// The questions, in the order they are asked.
    pub questions: Vec<QuestionFile>,
}

/// How the overall level is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverallLevelRule {
    /// The weighted mean of the dimension levels, rounded down (gates carry through).
    MeanOfLevels,
    /// The level thresholds applied to the overall score.
    Thresholds,
}

/// The name and general meaning of one level of the scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    /// 0 to 5.
    pub level: u8,
    /// Short name, e.g. "수기·종이 중심" / "Paper-based".
    pub name: Text,
    /// What a factory at this level looks like in general.
    pub description: Text,
}

/// One dimension.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionFile {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// Name.
    pub name: Text,
    /// What the dimension covers.
    pub description: Text,
    /// Weight in the overall score; must be greater than 0.
    #[serde(default = "one")]
    pub weight: f64,
    /// What each level 0–5 looks like in a factory for this dimension (six entries).
    pub levels: Vec<DimensionLevelFile>,
    /// Gates: the dimension can reach `level` only if `question` scores at least `min_score`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<GateFile>,
}

/// What one level looks like within a dimension.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionLevelFile {
    /// 0 to 5.
    pub level: u8,
    /// Description of a factory at this level in this dimension.
    pub description: Text,
}

/// A level gate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateFile {
    /// The level (1–5) that needs this gate to be met.
    pub level: u8,
    /// The question whose item score is checked; it may belong to another dimension.
    pub question: String,
    /// The item score (0–1) the question must reach. Default 0.6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
}

/// The kind of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// Choose one option.
    Single,
    /// Choose any number of options.
    Multi,
    /// Several rows, each rated on one shared scale.
    Grid,
    /// A number, scored by bands.
    Numeric,
    /// Free text, not scored.
    Text,
}

/// How a multi-select question is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MultiScoring {
    /// Selected options ÷ all options (the exclusive option not counted).
    Fraction,
    /// Sum of the selected options' points, at most 1.
    Points,
}

/// One question. Which fields apply depends on `type`; the loader rejects fields that do not.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// The dimension this question counts towards.
    pub dimension: String,
    /// single, multi, grid, numeric or text.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// The question.
    pub text: Text,
    /// Help for the person answering: what is meant, examples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Weight within the dimension; must be greater than 0. Default 1.
    #[serde(default = "one")]
    pub weight: f64,
    /// Whether "not applicable" may be answered. Default false.
    #[serde(default)]
    pub allow_na: bool,
    /// Ask this question only when another answer matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIfFile>,
    /// The evidence a consultant should expect to see at each level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceFile>,
    /// single and multi: the options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionFile>,
    /// multi: "fraction" (default) or "points".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<MultiScoring>,
    /// grid: the rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowFile>,
    /// grid: the scale every row is rated on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<OptionFile>,
    /// numeric: the unit, e.g. "%" or "명".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// numeric: smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// numeric: largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// numeric: scoring bands; each starts at `from` and runs to the next band's `from`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandFile>,
}

/// Skip logic: the question is shown only when the condition holds.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowIfFile {
    /// The question the condition looks at; it must come earlier.
    pub question: String,
    /// Shown when one of these options is chosen (single or multi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    /// Shown when the question's item score is at least this (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
}

/// Evidence expected at one level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceFile {
    /// 0 to 5.
    pub level: u8,
    /// What a consultant should be shown.
    pub text: Text,
}

/// An option of a single or multi question, or a step of a grid scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    /// Identifier, unique within the question; "n/a" is reserved.
    pub id: String,
    /// What the user sees.
    pub label: Text,
    /// Item score in [0, 1] (single, grid). Give either `score` or `level`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Level 0–5, scored as level ÷ 5 (single, grid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Points in [0, 1] (multi with "points" scoring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// multi: "none of these"; chosen alone, scores 0.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// One row of a grid.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    /// Identifier, unique within the question.
    pub id: String,
    /// What the row asks about.
    pub label: Text,
}

/// A numeric scoring band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    /// The band starts at this value (inclusive).
    pub from: f64,
    /// Item score in [0, 1] for values in the band.
    pub score: f64,
}

fn one() -> f64 {
    1.0
}
