//! The recommendation and support-programme file formats exactly as an author writes them (TOML).
//!
//! These types mirror the files one to one and reject unknown fields, so that a misspelt key is
//! an error instead of a silently missing value. `recommendations.rs` and `programmes.rs` turn
//! them into checked models; nothing else reads them. The JSON Schemas printed by
//! `jindan schema recommendations` and `jindan schema programmes` are generated from these types.

use crate::i18n::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of both file formats this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole recommendations file: the improvement steps for one family of questionnaires.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsFile {
    /// File format version; must be 1.
    pub format: u32,
    /// Stable identifier, lowercase letters, digits and dashes, e.g. "kr-mfg".
    pub id: String,
    /// Semantic version of the content, e.g. "1.0.0".
    pub version: String,
    /// Title.
    pub title: Text,
    /// The questionnaire ids (without version) these steps are written for.
    pub applies_to: Vec<String>,
    /// The improvement steps.
    pub steps: Vec<StepFile>,
}

/// How much work a step takes for the firm. It divides the priority: S = 1, M = 2, L = 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Effort {
    /// Small: a few people, weeks, little or no purchase.
    S,
    /// Medium: a project with a supplier or a dedicated team, months.
    M,
    /// Large: a major investment or a change across the plant.
    L,
}

impl Effort {
    /// The divisor used in the priority: S = 1, M = 2, L = 3.
    pub fn divisor(self) -> u8 {
        match self {
            Effort::S => 1,
            Effort::M => 2,
            Effort::L => 3,
        }
    }
}

/// A cost range in Korean won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostRange {
    /// The lowest likely cost in 원.
    pub min: u64,
    /// The highest likely cost in 원; at least `min`.
    pub max: u64,
}

impl CostRange {
    /// The range of the sum of two independent costs.
    pub fn plus(self, other: CostRange) -> CostRange {
        CostRange { min: self.min.saturating_add(other.min), max: self.max.saturating_add(other.max) }
    }
}

/// The expected impact of a step.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactFile {
    /// 1 (small) to 5 (large): how much the step moves the firm's results and its level.
    pub score: u8,
    /// A short statement of what changes for the firm.
    pub text: Text,
}

/// One answer change a completed step brings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffectFile {
    /// The question whose answer the step improves. Questions a questionnaire does not have are
    /// ignored for that questionnaire.
    pub question: String,
    /// The answer once the step is done, in the answers-file form written in TOML: "option-id",
    /// ["option", …] for multi-select, { row = "step" } for grids, or a number.
    pub answer: serde_json::Value,
}

/// One improvement step.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    /// Identifier, unique in the file.
    pub id: String,
    /// The dimension the step raises, e.g. "data".
    pub dimension: String,
    /// The step applies when the dimension moves from this level (0–4) to the next.
    pub from_level: u8,
    /// Short imperative title.
    pub title: Text,
    /// What to do, concretely.
    pub description: Text,
    /// S, M or L.
    pub effort: Effort,
    /// Likely cost for a manufacturing SME, in 원.
    pub cost_won: CostRange,
    /// Likely duration from start to finish, in months (1–36).
    pub duration_months: u32,
    /// Expected impact.
    pub impact: ImpactFile,
    /// Steps that must be finished first (ids in this file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<String>,
    /// What shows that the step is done.
    pub evidence: Text,
    /// Tags matched against the tags of support programmes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programme_tags: Vec<String>,
    /// The answer changes the finished step brings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<EffectFile>,
}

/// A whole support-programme file. It is kept apart from the recommendations because amounts and
/// calls change every year and the file is meant to be replaced without a new release.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammesFile {
    /// File format version; must be 1.
    pub format: u32,
    /// The day the facts in the file were last checked, YYYY-MM-DD.
    pub checked_on: String,
    /// The programmes.
    pub programmes: Vec<ProgrammeFile>,
}

/// One support programme (one call of one year, or one tier of it).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFile {
    /// Identifier, unique in the file, e.g. "smart-factory-basic-2022".
    pub id: String,
    /// Name.
    pub name: Text,
    /// The ministry or agency that runs it.
    pub agency: Text,
    /// What it pays for.
    pub funds: Text,
    /// The largest grant per project in 원, when the call fixes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount_won: Option<u64>,
    /// The largest share of the project cost the grant covers, in per cent, when the call fixes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_share_percent: Option<u8>,
    /// First day the programme applies, YYYY-MM-DD.
    pub valid_from: String,
    /// Last day the programme applies, YYYY-MM-DD; absent when no end has been announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// Tags matched against the programme tags of improvement steps.
    pub tags: Vec<String>,
    /// Conditions and caveats (eligibility, level required, how sure the facts are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}
