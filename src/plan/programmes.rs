//! Support programmes: public grants and consulting that can pay for improvement steps.
//!
//! Amounts and calls change every year, so each programme carries the dates it applies to and a
//! plan matches a programme only on days inside them. An expired programme stays in the file as a
//! record and is shown as expired, never offered.

use super::format::*;
use super::{PlanError, check_text, content_hash, is_valid_id, parse_date, parse_toml};
use crate::i18n::Text;
use crate::questionnaire::Problem;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// The programme file shipped inside the program.
pub const BUILTIN_PROGRAMMES_SOURCE: (&str, &str) = ("programmes.toml", include_str!("../../questionnaires/programmes.toml"));

/// A checked programme file.
#[derive(Debug, Clone, Serialize)]
pub struct Programmes {
    /// The day the facts were last checked.
    pub checked_on: NaiveDate,
    pub programmes: Vec<Programme>,
    /// SHA-256 of the file text (line endings normalised to LF), hex.
    pub content_hash: String,
}

/// One support programme.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub id: String,
    pub name: Text,
    pub agency: Text,
    pub funds: Text,
    pub max_amount_won: Option<u64>,
    pub funding_share_percent: Option<u8>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub note: Option<Text>,
}

/// Whether a programme applies on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    /// It starts later.
    Upcoming,
    /// It applies.
    Active,
    /// Its last day has passed.
    Expired,
}

impl Programme {
    /// Where the day falls relative to the programme's dates (both ends inclusive).
    pub fn status_on(&self, day: NaiveDate) -> ProgrammeStatus {
        if day < self.valid_from {
            ProgrammeStatus::Upcoming
        } else if self.valid_to.is_some_and(|end| day > end) {
            ProgrammeStatus::Expired
        } else {
            ProgrammeStatus::Active
        }
    }

    /// Whether the programme shares a tag with the step's programme tags.
    pub fn matches_tags(&self, tags: &[String]) -> bool {
        self.tags.iter().any(|t| tags.contains(t))
    }

    /// The most the programme could pay towards a cost, when it states both a share and a
    /// ceiling: the share of the cost, capped at the ceiling.
    pub fn support_for(&self, cost: CostRange) -> Option<CostRange> {
        let (ceiling, share) = (self.max_amount_won?, u64::from(self.funding_share_percent?));
        let part = |won: u64| (won.saturating_mul(share) / 100).min(ceiling);
        Some(CostRange { min: part(cost.min), max: part(cost.max) })
    }
}

impl Programmes {
    /// The programme with this id.
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }
}

/// Parses and validates programme text; `file` names it in messages.
pub fn parse_programmes(file: &str, source: &str) -> Result<Programmes, PlanError> {
    let parsed: ProgrammesFile = parse_toml(file, source)?;
    validate(parsed, content_hash(source)).map_err(|problems| PlanError::Invalid { file: file.to_string(), problems })
}

/// Reads and validates a programme file, e.g. an updated copy a regional centre hands out.
pub fn load_programmes_file(path: &Path) -> Result<Programmes, PlanError> {
    let file = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|source| PlanError::Read { file: file.clone(), source })?;
    parse_programmes(&file, &source)
}

/// The shipped programme file.
pub fn builtin_programmes() -> Result<Programmes, PlanError> {
    let (name, source) = BUILTIN_PROGRAMMES_SOURCE;
    parse_programmes(&format!("(built-in) {name}"), source)
}

fn validate(file: ProgrammesFile, content_hash: String) -> Result<Programmes, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut problem = |place: &str, reason: String| problems.push(Problem { place: place.to_string(), reason });
    if file.format != FORMAT_VERSION {
        problem("format", format!("format {} is not supported; this version of Jindan reads format {FORMAT_VERSION}", file.format));
    }
    let checked_on = parse_date(&file.checked_on).unwrap_or_else(|reason| {
        problem("checked_on", reason);
        NaiveDate::MIN
    });
    let mut seen = HashSet::new();
    let mut programmes = Vec::with_capacity(file.programmes.len());
    for p in file.programmes {
        let place = format!("programme '{}'", p.id);
        if !is_valid_id(&p.id) {
            problem(&place, "the id must use lowercase letters, digits, '-' or '_'".into());
        }
        if !seen.insert(p.id.clone()) {
            problem(&place, "the id appears twice".into());
        }
        for (field, text) in [("name", &p.name), ("agency", &p.agency), ("funds", &p.funds)] {
            if let Some(reason) = check_text(field, text) {
                problem(&place, reason);
            }
        }
        if let Some(reason) = p.note.as_ref().and_then(|n| check_text("note", n)) {
            problem(&place, reason);
        }
        if p.max_amount_won == Some(0) {
            problem(&place, "max_amount_won is 0; leave it out when the call fixes no amount".into());
        }
        if let Some(share) = p.funding_share_percent
            && !(1..=100).contains(&share)
        {
            problem(&place, format!("funding_share_percent {share} is out of range; give 1 to 100"));
        }
        let valid_from = parse_date(&p.valid_from).unwrap_or_else(|reason| {
            problem(&place, format!("valid_from: {reason}"));
            NaiveDate::MIN
        });
        let valid_to = match p.valid_to.as_deref().map(parse_date) {
            None => None,
            Some(Ok(day)) => Some(day),
            Some(Err(reason)) => {
                problem(&place, format!("valid_to: {reason}"));
                None
            }
        };
        if let Some(end) = valid_to
            && end < valid_from
        {
            problem(&place, format!("valid_to {end} comes before valid_from {valid_from}"));
        }
        if p.tags.is_empty() {
            problem(&place, "a programme needs at least one tag, or no step can ever match it".into());
        }
        for tag in &p.tags {
            if !is_valid_id(tag) {
                problem(&place, format!("tag '{tag}' must use lowercase letters, digits, '-' or '_'"));
            }
        }
        programmes.push(Programme {
            id: p.id,
            name: p.name,
            agency: p.agency,
            funds: p.funds,
            max_amount_won: p.max_amount_won,
            funding_share_percent: p.funding_share_percent,
            valid_from,
            valid_to,
            tags: p.tags,
            note: p.note,
        });
    }
    if problems.is_empty() { Ok(Programmes { checked_on, programmes, content_hash }) } else { Err(problems) }
}
