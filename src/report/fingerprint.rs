//! The data fingerprint of an assessment's result, the stamp a report carries in its document
//! information, and reading that stamp back from a PDF.
//!
//! The fingerprint is the SHA-256 of a canonical JSON text (compact, object keys sorted) of:
//! the assessment id, the questionnaire's content hash, every question's effective answer, and
//! the dimension and overall scores, levels and coverage from `scoring::score`. Scores are
//! rounded to four decimals so that a change in the last bits of a floating-point sum never
//! reads as a changed result. Notes and evidence are left out: they explain a result, they are
//! not part of it.
//!
//! A report stores the stamp as comma-separated `key=value` entries in the PDF's Keywords, which
//! every PDF reader shows and which survives printing to file. Nothing in the stamp is secret;
//! it detects changed answers, not forgery.

use crate::answers::Answers;
use crate::scoring::Scores;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// The version of the fingerprint's JSON form; a new form gets a new number.
pub const FINGERPRINT_FORMAT: &str = "jindan-result-fingerprint/1";

/// The first keyword of every Jindan report.
const STAMP_MARKER: &str = "jindan-report/1";

/// How many hex digits of the fingerprint the page footer shows.
pub const SHORT_FINGERPRINT_DIGITS: usize = 12;

/// The two digests of a result: of everything, and of the answers alone, so that a mismatch can
/// say whether the answers changed or only the way they are scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultFingerprint {
    /// 64 hex digits over the assessment id, questionnaire hash, effective answers and scores.
    pub full: String,
    /// 64 hex digits over the assessment id, questionnaire hash and effective answers only.
    pub answers: String,
}

impl ResultFingerprint {
    /// The first digits, as printed in the page footer.
    pub fn short(&self) -> &str {
        &self.full[..SHORT_FINGERPRINT_DIGITS.min(self.full.len())]
    }
}

fn rounded(value: f64) -> Value {
    let r = (value * 10_000.0).round() / 10_000.0;
    // A rounded finite number always has a JSON form; -0.0 is written as 0.
    serde_json::Number::from_f64(if r == 0.0 { 0.0 } else { r }).map_or(Value::Null, Value::Number)
}

fn optional_rounded(value: Option<f64>) -> Value {
    value.map_or(Value::Null, rounded)
}

/// The JSON of the effective answers: question id → value, for questions that have one.
fn effective_answers_json(answers: &Answers) -> Value {
    let mut map = Map::new();
    for (question, answer) in &answers.answers {
        if let Some(value) = answer.effective() {
            map.insert(question.clone(), value.to_json());
        }
    }
    Value::Object(map)
}

fn scores_json(scores: &Scores) -> Value {
    let mut dimensions = Map::new();
    for d in &scores.dimensions {
        dimensions.insert(d.id.clone(), json!({ "score": optional_rounded(d.score), "level": d.level, "coverage": rounded(d.coverage) }));
    }
    json!({
        "overall": { "score": optional_rounded(scores.overall.score), "level": scores.overall.level, "coverage": rounded(scores.overall.coverage) },
        "dimensions": Value::Object(dimensions),
    })
}

fn digest(value: &Value) -> String {
    hex::encode(Sha256::digest(crate::exchange::canonical_json(value).as_bytes()))
}

/// The fingerprint of a stored assessment's result. `scores` must be `scoring::score` of the
/// answers against the assessment's frozen questionnaire, whose content hash is given.
pub fn result_fingerprint(assessment_id: i64, questionnaire_hash: &str, answers: &Answers, scores: &Scores) -> ResultFingerprint {
    let answers_json = effective_answers_json(answers);
    let answers_only = json!({
        "format": FINGERPRINT_FORMAT,
        "assessment": assessment_id,
        "questionnaire_hash": questionnaire_hash,
        "answers": answers_json,
    });
    let full = json!({
        "format": FINGERPRINT_FORMAT,
        "assessment": assessment_id,
        "questionnaire_hash": questionnaire_hash,
        "answers": answers_json,
        "scores": scores_json(scores),
    });
    ResultFingerprint { full: digest(&full), answers: digest(&answers_only) }
}

/// What a report records about the result it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStamp {
    pub assessment_id: i64,
    /// When the assessment was started (RFC 3339, as the store keeps it): with the id it tells
    /// this workspace's assessment apart from another workspace's assessment of the same number.
    pub assessment_started_at: String,
    pub questionnaire_hash: String,
    pub fingerprint: ResultFingerprint,
}

impl ReportStamp {
    /// The stamp as PDF keywords. No value contains a comma, which separates keywords.
    pub fn to_keywords(&self) -> Vec<String> {
        vec![
            STAMP_MARKER.to_string(),
            format!("assessment={}", self.assessment_id),
            format!("started={}", self.assessment_started_at),
            format!("questionnaire={}", self.questionnaire_hash),
            format!("fingerprint={}", self.fingerprint.full),
            format!("answers={}", self.fingerprint.answers),
        ]
    }

    /// Reads a stamp back from the Keywords text ("a,b,c"); None unless it is a complete stamp.
    pub fn from_keywords(keywords: &str) -> Option<ReportStamp> {
        let entries: Vec<&str> = keywords.split(',').map(str::trim).collect();
        if !entries.contains(&STAMP_MARKER) {
            return None;
        }
        let value = |key: &str| entries.iter().find_map(|e| e.strip_prefix(key).and_then(|rest| rest.strip_prefix('='))).map(str::to_string);
        let is_hex64 = |s: &String| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        Some(ReportStamp {
            assessment_id: value("assessment")?.parse().ok()?,
            assessment_started_at: value("started")?,
            questionnaire_hash: value("questionnaire")?,
            fingerprint: ResultFingerprint { full: value("fingerprint").filter(is_hex64)?, answers: value("answers").filter(is_hex64)? },
        })
    }
}

/// Why a file's stamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StampReadFailure {
    /// The file is not a PDF that can be read.
    NotAPdf(String),
    /// A PDF, but without a Jindan stamp in its document information.
    NoStamp,
}

/// Decodes a PDF text string: UTF-16BE after a byte-order mark, UTF-8 after its mark, else
/// PDFDocEncoding, which agrees with Latin-1 on every character a stamp uses.
fn decode_pdf_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Reads the stamp from a PDF's document information dictionary.
pub fn read_report_stamp(pdf_bytes: &[u8]) -> Result<ReportStamp, StampReadFailure> {
    if !pdf_bytes.starts_with(b"%PDF") {
        return Err(StampReadFailure::NotAPdf("the file does not start with %PDF".into()));
    }
    let document = lopdf::Document::load_mem(pdf_bytes).map_err(|e| StampReadFailure::NotAPdf(e.to_string()))?;
    let info = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|object| match object {
            lopdf::Object::Reference(id) => document.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(dictionary) => Some(dictionary),
            _ => None,
        })
        .ok_or(StampReadFailure::NoStamp)?;
    let keywords = match info.get(b"Keywords") {
        Ok(lopdf::Object::String(bytes, _)) => decode_pdf_text(bytes),
        _ => return Err(StampReadFailure::NoStamp),
    };
    ReportStamp::from_keywords(&keywords).ok_or(StampReadFailure::NoStamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{AnswerValue, Rater};

    fn sample() -> (Answers, Scores) {
        let q = crate::questionnaire::Catalog::builtin().unwrap().find("kr-mfg-quick-scan").unwrap().clone();
        let mut answers = Answers::new(&q);
        answers.set("qs-dx-plan", Rater::Firm, AnswerValue::Choice("list".into()));
        let scores = crate::scoring::score(&q, &answers);
        (answers, scores)
    }

    #[test]
    fn the_stamp_survives_the_keywords_round_trip() {
        let (answers, scores) = sample();
        let stamp = ReportStamp {
            assessment_id: 42,
            assessment_started_at: "2026-03-05T01:30:00Z".into(),
            questionnaire_hash: "ab".repeat(32),
            fingerprint: result_fingerprint(42, &"ab".repeat(32), &answers, &scores),
        };
        let keywords = stamp.to_keywords().join(",");
        assert_eq!(ReportStamp::from_keywords(&keywords), Some(stamp));
        assert_eq!(ReportStamp::from_keywords("진단, report"), None);
        assert_eq!(ReportStamp::from_keywords("jindan-report/1,assessment=x"), None);
    }

    #[test]
    fn the_fingerprint_follows_answers_and_scores_but_not_notes() {
        let (mut answers, scores) = sample();
        let hash = "0".repeat(64);
        let base = result_fingerprint(1, &hash, &answers, &scores);
        assert_eq!(base.full.len(), 64);
        assert_eq!(base.short().len(), 12);
        assert_ne!(result_fingerprint(2, &hash, &answers, &scores).full, base.full, "another assessment");
        answers.answers.get_mut("qs-dx-plan").unwrap().note = Some("메모".into());
        assert_eq!(result_fingerprint(1, &hash, &answers, &scores), base, "a note is not part of the result");
        answers.set("qs-dx-plan", Rater::Consultant, AnswerValue::Choice("none".into()));
        let changed = result_fingerprint(1, &hash, &answers, &scores);
        assert_ne!(changed.full, base.full);
        assert_ne!(changed.answers, base.answers);
    }

    #[test]
    fn the_fingerprint_form_is_fixed() {
        // A golden value: if this changes, reports made earlier no longer verify. Change the
        // format name together with the form instead.
        let answers = Answers { questionnaire: "x@1.0.0".into(), answers: Default::default() };
        let scores = Scores {
            questionnaire: "x@1.0.0".into(),
            content_hash: "0".repeat(64),
            overall: crate::scoring::OverallScore {
                score: Some(12.345_678),
                level: Some(0),
                level_name: None,
                coverage: 1.0,
                rule: crate::questionnaire::OverallLevelRule::MeanOfLevels,
            },
            dimensions: Vec::new(),
            items: Vec::new(),
            disagreements: Vec::new(),
            warnings: Vec::new(),
        };
        let fingerprint = result_fingerprint(7, &"0".repeat(64), &answers, &scores);
        let expected_text = format!(
            "{{\"answers\":{{}},\"assessment\":7,\"format\":\"{FINGERPRINT_FORMAT}\",\"questionnaire_hash\":\"{}\",\"scores\":{{\"dimensions\":{{}},\"overall\":{{\"coverage\":1.0,\"level\":0,\"score\":12.3457}}}}}}",
            "0".repeat(64)
        );
        assert_eq!(fingerprint.full, hex::encode(Sha256::digest(expected_text.as_bytes())));
    }

    #[test]
    fn files_that_are_not_stamped_pdfs_are_told_apart() {
        assert!(matches!(read_report_stamp(b"hello"), Err(StampReadFailure::NotAPdf(_))));
        assert!(matches!(read_report_stamp(b"%PDF-1.7\ngarbage"), Err(StampReadFailure::NotAPdf(_))));
    }

    #[test]
    fn pdf_text_strings_are_decoded() {
        assert_eq!(decode_pdf_text(&[0xFE, 0xFF, 0x00, b'a', 0xC9, 0x04]), "a\u{C904}");
        assert_eq!(decode_pdf_text(b"plain"), "plain");
    }
}
