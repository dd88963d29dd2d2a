//! Improvement plans: which concrete steps move a firm from its current level to its targets, in
//! which order and phase, at what cost, and with which support programmes; what the scores would
//! be once chosen steps are done; and how a firm progressed between two assessments.
//!
//! Loading the recommendation and programme files touches the outside; everything else here is
//! pure. `plan`, `what_if` and `compare` take the day and all data as arguments, do no IO, never
//! read the clock and cannot fail once their inputs are valid.

pub mod format;
pub mod progress;
pub mod programmes;
pub mod recommendations;
pub mod schedule;
pub mod targets;
pub mod what_if;

pub use format::{CostRange, Effort};
pub use progress::{DimensionDelta, Progress, ScoreDelta, compare};
pub use programmes::{Programme, ProgrammeStatus, Programmes, builtin_programmes, load_programmes_file, parse_programmes};
pub use recommendations::{
    Effect, Recommendations, Step, builtin_recommendations, check_effects, load_recommendations_file, parse_recommendations,
    recommendations_for,
};
pub use schedule::{
    DimensionCost, DimensionTarget, Inclusion, Investment, Phase, PhaseCost, Plan, PlannedStep, Priority, ProgrammeMatch,
    ProgrammeOverview, TargetSource, plan,
};
pub use targets::Targets;
pub use what_if::{AppliedEffect, IgnoredEffect, IgnoredReason, WhatIf, what_if};

use crate::i18n::Text;
use crate::questionnaire::Problem;
use chrono::NaiveDate;

/// Why plan data could not be loaded or a plan request makes no sense.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The file could not be read.
    #[error("{file}: cannot read the file: {source}")]
    Read { file: String, source: std::io::Error },
    /// The file was read but is not valid; every problem is listed.
    #[error("{}", format_problems(file, problems))]
    Invalid { file: String, problems: Vec<Problem> },
    /// No recommendations are written for the questionnaire.
    #[error("no recommendations are written for questionnaire '{0}'")]
    NoRecommendations(String),
    /// A target level is not possible.
    #[error("target for '{dimension}': {reason}")]
    BadTarget { dimension: String, reason: String },
    /// A step id is not in the recommendations.
    #[error("step '{step}' is not in recommendations {recommendations}")]
    UnknownStep { step: String, recommendations: String },
}

fn format_problems(file: &str, problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{file}: {}: {}", p.place, p.reason)).collect::<Vec<_>>().join("\n")
}

/// The JSON Schema of the recommendations file format, for editors.
pub fn recommendations_json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(format::RecommendationsFile)).unwrap_or_default()
}

/// The JSON Schema of the support-programme file format, for editors.
pub fn programmes_json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(format::ProgrammesFile)).unwrap_or_default()
}

/// SHA-256 of the text with line endings normalised, as for questionnaires.
fn content_hash(source: &str) -> String {
    crate::questionnaire::content_hash(source)
}

/// Parses TOML into a file type, turning a syntax or shape error into one problem with its line
/// and column.
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, source: &str) -> Result<T, PlanError> {
    toml::from_str(source).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let before = &source[..span.start.min(source.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map(|s| s.chars().count()).unwrap_or(0) + 1;
                format!("line {line}, column {column}")
            }
            None => "file".to_string(),
        };
        PlanError::Invalid { file: file.to_string(), problems: vec![Problem { place, reason: e.message().trim().to_string() }] }
    })
}

/// The same id rule as questionnaires: lowercase ASCII letters, digits, '-' and '_', starting
/// with a letter or digit, at most 64 characters.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

fn is_semver(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The reason a bilingual text is incomplete, if it is.
fn check_text(field: &str, text: &Text) -> Option<String> {
    let missing: Vec<&str> = text.missing().iter().map(|l| l.code()).collect();
    (!missing.is_empty()).then(|| format!("'{field}' has no {} text", missing.join(" or ")))
}

/// Parses a calendar day written YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10 && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) if shaped => Ok(day),
        _ => Err(format!("'{text}' is not a date in the form YYYY-MM-DD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_written_in_full() {
        assert_eq!(parse_date("2026-02-28"), Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap_or_default()));
        for bad in ["2026-02-30", "2026-2-28", "26-02-28", "2026/02/28", "2026-02-28T00:00", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phases_follow_the_finishing_month() {
        assert_eq!([0, 3, 4, 12, 13, 40].map(Phase::for_finish_month), [
            Phase::QuickWin,
            Phase::QuickWin,
            Phase::ShortTerm,
            Phase::ShortTerm,
            Phase::MidTerm,
            Phase::MidTerm
        ]);
    }

    #[test]
    fn support_is_the_share_capped_at_the_ceiling() {
        let p = Programme {
            id: "p".into(),
            name: Text::default(),
            agency: Text::default(),
            funds: Text::default(),
            max_amount_won: Some(50_000_000),
            funding_share_percent: Some(50),
            valid_from: NaiveDate::MIN,
            valid_to: None,
            tags: vec!["t".into()],
            note: None,
        };
        assert_eq!(p.support_for(CostRange { min: 20_000_000, max: 200_000_000 }), Some(CostRange { min: 10_000_000, max: 50_000_000 }));
        assert_eq!(Programme { funding_share_percent: None, ..p }.support_for(CostRange { min: 1, max: 2 }), None);
    }

    #[test]
    fn ids_follow_the_questionnaire_rule() {
        assert!(is_valid_id("data-0-shared-storage"));
        for bad in ["", "Data", "-x", "a b", "가"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
