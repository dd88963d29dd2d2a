//! Answers: their values, the answers file, and checking them against a questionnaire.

use crate::questionnaire::{Problem, Question, QuestionKind, Questionnaire};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The word reserved for "not applicable" in every answer position.
pub const NOT_APPLICABLE: &str = "n/a";

/// One answer value, already checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    /// A single-choice option id.
    Choice(String),
    /// Multi-select option ids.
    Choices(Vec<String>),
    /// Grid: row id → scale step id. Rows not yet rated are absent.
    Grid(BTreeMap<String, String>),
    /// A number.
    Number(f64),
    /// Free text.
    Text(String),
    /// Not applicable.
    NotApplicable,
}

impl AnswerValue {
    /// The JSON form used in answers files and in the store.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            AnswerValue::Choice(s) | AnswerValue::Text(s) => Value::String(s.clone()),
            AnswerValue::Choices(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
            AnswerValue::Grid(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()),
            AnswerValue::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number).unwrap_or(Value::Null),
            AnswerValue::NotApplicable => Value::String(NOT_APPLICABLE.to_string()),
        }
    }

    /// Whether this is "not applicable".
    pub fn is_na(&self) -> bool {
        matches!(self, AnswerValue::NotApplicable)
    }
}

impl Serialize for AnswerValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// Who gave a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rater {
    /// The firm itself.
    #[serde(rename = "self")]
    Firm,
    /// A consultant on site.
    Consultant,
}

impl Rater {
    /// "self" or "consultant".
    pub fn as_str(self) -> &'static str {
        match self {
            Rater::Firm => "self",
            Rater::Consultant => "consultant",
        }
    }

    /// Parses "self" or "consultant".
    pub fn parse(s: &str) -> Option<Rater> {
        match s {
            "self" => Some(Rater::Firm),
            "consultant" => Some(Rater::Consultant),
            _ => None,
        }
    }
}

/// Everything recorded for one question: up to two ratings, a note and evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answer {
    /// The firm's own rating.
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub firm: Option<AnswerValue>,
    /// The consultant's rating; it counts when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consultant: Option<AnswerValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Answer {
    /// The rating that counts: the consultant's when present, else the firm's.
    pub fn effective(&self) -> Option<&AnswerValue> {
        self.consultant.as_ref().or(self.firm.as_ref())
    }

    /// The rating by one rater.
    pub fn by(&self, rater: Rater) -> Option<&AnswerValue> {
        match rater {
            Rater::Firm => self.firm.as_ref(),
            Rater::Consultant => self.consultant.as_ref(),
        }
    }

    /// Sets the rating by one rater.
    pub fn set(&mut self, rater: Rater, value: Option<AnswerValue>) {
        match rater {
            Rater::Firm => self.firm = value,
            Rater::Consultant => self.consultant = value,
        }
    }
}

/// A set of answers to one questionnaire version, keyed by question id.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Answers {
    /// "id@version".
    pub questionnaire: String,
    pub answers: BTreeMap<String, Answer>,
}

impl Answers {
    /// An empty set for a questionnaire.
    pub fn new(q: &Questionnaire) -> Answers {
        Answers { questionnaire: q.reference(), answers: BTreeMap::new() }
    }

    /// The effective value of a question.
    pub fn value(&self, question: &str) -> Option<&AnswerValue> {
        self.answers.get(question).and_then(Answer::effective)
    }

    /// Sets one rater's value for a question.
    pub fn set(&mut self, question: &str, rater: Rater, value: AnswerValue) {
        self.answers.entry(question.to_string()).or_default().set(rater, Some(value));
    }
}

/// Why an answers file or value was refused.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error("{file}: cannot read the file: {source}")]
    Read { file: String, source: std::io::Error },
    #[error("{}", .problems.iter().map(|p| format!("{}: {}: {}", .file, p.place, p.reason)).collect::<Vec<_>>().join("\n"))]
    Invalid { file: String, problems: Vec<Problem> },
}

/// The answers file exactly as written.
#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersFile {
    /// "questionnaire-id@version".
    pub questionnaire: String,
    /// Question id → value: "option-id", ["option", …], {"row": "step"}, a number, text, or "n/a".
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
    /// Question id → the consultant's value, in the same forms; it counts instead of the firm's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub consultant: BTreeMap<String, serde_json::Value>,
    /// Question id → a note.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// Question id → the evidence seen or offered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, String>,
}

/// Checks one JSON value against its question and turns it into an answer value.
pub fn interpret_value(question: &Question, value: &serde_json::Value) -> Result<AnswerValue, String> {
    use serde_json::Value;
    if value.as_str() == Some(NOT_APPLICABLE) {
        return if question.allow_na {
            Ok(AnswerValue::NotApplicable)
        } else {
            Err("\"n/a\" is not allowed for this question".to_string())
        };
    }
    let expected = |what: &str| format!("a {} question takes {what}, not {}", question.type_name(), describe(value));
    match &question.kind {
        QuestionKind::Single { options } => {
            let Value::String(id) = value else { return Err(expected("one option id as a string")) };
            if options.iter().any(|o| &o.id == id) {
                Ok(AnswerValue::Choice(id.clone()))
            } else {
                Err(format!("'{id}' is not an option; the options are {}", list(options.iter().map(|o| o.id.as_str()))))
            }
        }
        QuestionKind::Multi { options, none_option, .. } => {
            let Value::Array(items) = value else { return Err(expected("a list of option ids")) };
            let mut ids = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(id) = item else { return Err(expected("a list of option ids")) };
                if !options.iter().any(|o| &o.id == id) {
                    return Err(format!("'{id}' is not an option; the options are {}", list(options.iter().map(|o| o.id.as_str()))));
                }
                if ids.contains(id) {
                    return Err(format!("'{id}' is chosen twice"));
                }
                ids.push(id.clone());
            }
            if let Some(none) = none_option
                && ids.contains(none)
                && ids.len() > 1
            {
                return Err(format!("'{none}' means none of the others and cannot be chosen with them"));
            }
            Ok(AnswerValue::Choices(ids))
        }
        QuestionKind::Grid { rows, scale } => {
            let Value::Object(map) = value else { return Err(expected("an object of row id → scale step id")) };
            let mut grid = BTreeMap::new();
            for (row, step) in map {
                if !rows.iter().any(|r| &r.id == row) {
                    return Err(format!("'{row}' is not a row; the rows are {}", list(rows.iter().map(|r| r.id.as_str()))));
                }
                let Value::String(step) = step else { return Err(format!("row '{row}' takes a scale step id as a string")) };
                if !scale.iter().any(|s| &s.id == step) {
                    return Err(format!("row '{row}': '{step}' is not a scale step; the steps are {}", list(scale.iter().map(|s| s.id.as_str()))));
                }
                grid.insert(row.clone(), step.clone());
            }
            Ok(AnswerValue::Grid(grid))
        }
        QuestionKind::Numeric { min, max, .. } => {
            let Some(n) = value.as_f64() else { return Err(expected("a number")) };
            if !n.is_finite() || n < *min || n > *max {
                return Err(format!("{n} lies outside the allowed range {min} to {max}"));
            }
            Ok(AnswerValue::Number(n))
        }
        QuestionKind::Text => {
            let Value::String(s) = value else { return Err(expected("text")) };
            Ok(AnswerValue::Text(s.clone()))
        }
    }
}

/// Reads a value typed on a command line: plain words for options and text, comma-separated
/// lists for multi-select, `row=step,row=step` for grids, or the JSON form of any of them.
pub fn parse_typed_value(question: &Question, raw: &str) -> Result<AnswerValue, String> {
    use serde_json::Value;
    let raw = raw.trim();
    let json = if raw == NOT_APPLICABLE {
        Value::String(raw.to_string())
    } else {
        match &question.kind {
            QuestionKind::Single { .. } | QuestionKind::Text => Value::String(raw.to_string()),
            QuestionKind::Multi { .. } => match serde_json::from_str::<Value>(raw) {
                Ok(v @ Value::Array(_)) => v,
                _ => Value::Array(raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| Value::String(s.to_string())).collect()),
            },
            QuestionKind::Grid { .. } => match serde_json::from_str::<Value>(raw) {
                Ok(v @ Value::Object(_)) => v,
                _ => {
                    let mut map = serde_json::Map::new();
                    for pair in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let Some((row, step)) = pair.split_once('=') else {
                            return Err(format!("'{pair}' should look like row=step"));
                        };
                        map.insert(row.trim().to_string(), Value::String(step.trim().to_string()));
                    }
                    Value::Object(map)
                }
            },
            QuestionKind::Numeric { .. } => match raw.parse::<f64>() {
                Ok(n) => serde_json::Number::from_f64(n).map(Value::Number).ok_or_else(|| format!("'{raw}' is not a number"))?,
                Err(_) => return Err(format!("'{raw}' is not a number")),
            },
        }
    };
    interpret_value(question, &json)
}

fn describe(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

fn list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
}

/// Checks an answers file's contents against the questionnaire it names.
pub fn answers_from_file(file: &str, parsed: AnswersFile, q: &Questionnaire) -> Result<Answers, AnswersError> {
    let mut problems = Vec::new();
    if parsed.questionnaire != q.reference() {
        problems.push(Problem {
            place: "questionnaire".into(),
            reason: format!("the answers are for '{}', but the questionnaire is '{}'", parsed.questionnaire, q.reference()),
        });
        return Err(AnswersError::Invalid { file: file.to_string(), problems });
    }
    let mut answers = Answers::new(q);
    for (rater, values) in [(crate::answers::Rater::Firm, &parsed.answers), (Rater::Consultant, &parsed.consultant)] {
        for (id, value) in values {
            // A null is a blank left in a template: not answered yet.
            if value.is_null() {
                continue;
            }
            let place = format!("question '{id}'");
            match q.question(id) {
                None => problems.push(Problem { place, reason: "no such question in the questionnaire".into() }),
                Some(question) => match interpret_value(question, value) {
                    Ok(v) => answers.set(id, rater, v),
                    Err(reason) => problems.push(Problem { place, reason }),
                },
            }
        }
    }
    for (field, texts) in [("notes", &parsed.notes), ("evidence", &parsed.evidence)] {
        for (id, text) in texts {
            if q.question(id).is_none() {
                problems.push(Problem { place: format!("{field} '{id}'"), reason: "no such question in the questionnaire".into() });
                continue;
            }
            let entry = answers.answers.entry(id.clone()).or_default();
            if field == "notes" {
                entry.note = Some(text.clone());
            } else {
                entry.evidence = Some(text.clone());
            }
        }
    }
    if problems.is_empty() { Ok(answers) } else { Err(AnswersError::Invalid { file: file.to_string(), problems }) }
}

/// Parses answers-file JSON text, reporting syntax errors with line and column.
pub fn parse_answers_file(file: &str, text: &str) -> Result<AnswersFile, AnswersError> {
    serde_json::from_str(text).map_err(|e| AnswersError::Invalid {
        file: file.to_string(),
        problems: vec![Problem { place: format!("line {}, column {}", e.line(), e.column()), reason: e.to_string().split(" at line").next().unwrap_or_default().to_string() }],
    })
}

/// Writes answers back into the file form (effective values under "answers" for the firm's
/// rating, the consultant's under "consultant").
pub fn answers_to_file(answers: &Answers) -> AnswersFile {
    let mut file = AnswersFile {
        questionnaire: answers.questionnaire.clone(),
        answers: BTreeMap::new(),
        consultant: BTreeMap::new(),
        notes: BTreeMap::new(),
        evidence: BTreeMap::new(),
    };
    for (id, a) in &answers.answers {
        if let Some(v) = &a.firm {
            file.answers.insert(id.clone(), v.to_json());
        }
        if let Some(v) = &a.consultant {
            file.consultant.insert(id.clone(), v.to_json());
        }
        if let Some(n) = &a.note {
            file.notes.insert(id.clone(), n.clone());
        }
        if let Some(e) = &a.evidence {
            file.evidence.insert(id.clone(), e.clone());
        }
    }
    file
}

/// The JSON Schema of the answers file.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(AnswersFile)).unwrap_or_default()
}
