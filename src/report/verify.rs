//! Checking a report against the workspace: does the PDF still describe the answers stored for
//! its assessment?

use serde::Serialize;

use crate::report::assessment_report::ReportError;
use crate::report::fingerprint::{ReportStamp, StampReadFailure, read_report_stamp, result_fingerprint};
use crate::scoring;
use crate::store::{Store, StoreError};

/// What checking a report found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReportVerification {
    /// The stored answers and their scores are exactly those the report was made from.
    Matches { assessment_id: i64, fingerprint: String },
    /// Answers of the assessment changed after the report was made.
    AnswersChanged { assessment_id: i64, report_fingerprint: String, current_fingerprint: String },
    /// The answers are the same, but scoring them now gives other figures (the report was made
    /// by a version of Jindan that scores differently).
    ScoresChanged { assessment_id: i64, report_fingerprint: String, current_fingerprint: String },
    /// This workspace has no such assessment (or one of the same number that is another one).
    AssessmentNotFound { assessment_id: i64 },
    /// The file is not a PDF, or a PDF without a Jindan report's stamp.
    NotAJindanReport { reason: String },
}

impl ReportVerification {
    /// Whether the report matches the workspace.
    pub fn matches(&self) -> bool {
        matches!(self, ReportVerification::Matches { .. })
    }

    /// One line for people, in English like the CLI's other messages.
    pub fn message(&self) -> String {
        match self {
            ReportVerification::Matches { assessment_id, fingerprint } => {
                format!("matches: the report shows the answers now stored for assessment {assessment_id} (fingerprint {fingerprint})")
            }
            ReportVerification::AnswersChanged { assessment_id, .. } => {
                format!("does not match: answers changed since the report (assessment {assessment_id})")
            }
            ReportVerification::ScoresChanged { assessment_id, .. } => format!(
                "does not match: the answers of assessment {assessment_id} are unchanged, but this version of Jindan scores them differently"
            ),
            ReportVerification::AssessmentNotFound { assessment_id } => {
                format!("assessment not found in this workspace: the report is of assessment {assessment_id}")
            }
            ReportVerification::NotAJindanReport { reason } => format!("not a Jindan report: {reason}"),
        }
    }
}

/// Reads the stamp of a report and compares it with the assessment stored in the workspace.
/// Fails only when the workspace itself cannot be read.
pub fn verify_report(store: &mut Store, pdf_bytes: &[u8]) -> Result<ReportVerification, ReportError> {
    let stamp: ReportStamp = match read_report_stamp(pdf_bytes) {
        Ok(stamp) => stamp,
        Err(StampReadFailure::NotAPdf(reason)) => return Ok(ReportVerification::NotAJindanReport { reason: format!("not a readable PDF ({reason})") }),
        Err(StampReadFailure::NoStamp) => {
            return Ok(ReportVerification::NotAJindanReport { reason: "the PDF carries no Jindan data fingerprint".into() });
        }
    };
    let assessment_id = stamp.assessment_id;
    let assessment = match store.assessment(assessment_id) {
        Ok(a) => a,
        Err(StoreError::NotFound { .. }) => return Ok(ReportVerification::AssessmentNotFound { assessment_id }),
        Err(e) => return Err(e.into()),
    };
    // The same number in another workspace is another assessment.
    if assessment.started_at != stamp.assessment_started_at || assessment.questionnaire_hash != stamp.questionnaire_hash {
        return Ok(ReportVerification::AssessmentNotFound { assessment_id });
    }
    let questionnaire = store.questionnaire_of(assessment_id)?;
    let answers = store.answers(assessment_id)?;
    let scores = scoring::score(&questionnaire, &answers);
    let current = result_fingerprint(assessment_id, &questionnaire.content_hash, &answers, &scores);
    Ok(if current.full == stamp.fingerprint.full {
        ReportVerification::Matches { assessment_id, fingerprint: current.full }
    } else if current.answers == stamp.fingerprint.answers {
        ReportVerification::ScoresChanged { assessment_id, report_fingerprint: stamp.fingerprint.full, current_fingerprint: current.full }
    } else {
        ReportVerification::AnswersChanged { assessment_id, report_fingerprint: stamp.fingerprint.full, current_fingerprint: current.full }
    })
}
