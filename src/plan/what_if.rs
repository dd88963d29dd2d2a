//! What-if: the scores a firm would reach once chosen steps are done.
//!
//! The steps' effects are applied to a copy of the answers and the copy is scored again. An effect
//! never lowers an answer: the better of the old and the new answer (by item score) is kept, a
//! multi-select keeps what was already chosen, and a grid keeps the better step row by row. Effects
//! are applied only to questions that were answered (or hidden by skip logic, where they count as
//! 0); an unanswered or not-applicable question is left alone, because adding an answer there could
//! pull a dimension's mean down. Together with the questionnaire's monotone skip logic this means
//! no dimension score, level or overall score can go down.

use super::recommendations::Recommendations;
use crate::answers::{AnswerValue, Answers, interpret_value};
use crate::questionnaire::{QuestionKind, Questionnaire};
use crate::scoring::{ItemStatus, Scores, item_score, score};
use serde::Serialize;
use std::collections::BTreeMap;

const EPSILON: f64 = 1e-9;

/// The scores before and after the chosen steps, with every effect accounted for.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf {
    pub before: Scores,
    pub after: Scores,
    /// The known step ids, in the order applied.
    pub steps: Vec<String>,
    pub applied: Vec<AppliedEffect>,
    pub ignored: Vec<IgnoredEffect>,
}

/// An effect that changed an answer.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedEffect {
    pub step: String,
    pub question: String,
    /// The answer before, in the answers-file JSON form (None when the question had no value).
    pub before: Option<serde_json::Value>,
    /// The answer after.
    pub after: serde_json::Value,
    pub item_score_before: Option<f64>,
    pub item_score_after: f64,
}

/// Why an effect, or a whole step, changed nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum IgnoredReason {
    /// The step id is not in the recommendations.
    UnknownStep,
    /// The questionnaire has no such question.
    QuestionNotInQuestionnaire,
    /// The answer does not fit the question (the recommendations test suite prevents this).
    AnswerDoesNotFit { detail: String },
    /// The question is answered "not applicable".
    NotApplicable,
    /// The question is not answered (or waits for a question that is not).
    NotAnswered,
    /// The current answer already scores as high or higher.
    NoImprovement,
}

/// An effect that was not applied.
#[derive(Debug, Clone, Serialize)]
pub struct IgnoredEffect {
    pub step: String,
    /// None when the whole step was ignored.
    pub question: Option<String>,
    #[serde(flatten)]
    pub reason: IgnoredReason,
}

/// Applies the effects of `step_ids` (in that order) to a copy of `answers` and scores it again.
pub fn what_if<S: AsRef<str>>(q: &Questionnaire, answers: &Answers, recommendations: &Recommendations, step_ids: &[S]) -> WhatIf {
    let before = score(q, answers);
    let mut changed = answers.clone();
    let mut applied = Vec::new();
    let mut ignored = Vec::new();
    let mut steps = Vec::new();
    for id in step_ids {
        let id = id.as_ref();
        let Some(step) = recommendations.step(id) else {
            ignored.push(IgnoredEffect { step: id.to_string(), question: None, reason: IgnoredReason::UnknownStep });
            continue;
        };
        steps.push(step.id.clone());
        for effect in &step.effects {
            let ignore = |reason| IgnoredEffect { step: step.id.clone(), question: Some(effect.question.clone()), reason };
            let Some(question) = q.question(&effect.question) else {
                ignored.push(ignore(IgnoredReason::QuestionNotInQuestionnaire));
                continue;
            };
            let new = match interpret_value(question, &effect.answer) {
                Ok(v) => v,
                Err(detail) => {
                    ignored.push(ignore(IgnoredReason::AnswerDoesNotFit { detail }));
                    continue;
                }
            };
            // The status in the original answers decides; effects never touch unanswered parents,
            // so a question's status cannot change from "not answered" to something else here.
            match before.item(&question.id).map(|i| i.status) {
                Some(ItemStatus::Answered | ItemStatus::Skipped) => {}
                Some(ItemStatus::NotApplicable) => {
                    ignored.push(ignore(IgnoredReason::NotApplicable));
                    continue;
                }
                _ => {
                    ignored.push(ignore(IgnoredReason::NotAnswered));
                    continue;
                }
            }
            let old = changed.value(&question.id).filter(|v| !v.is_na()).cloned();
            let old_score = old.as_ref().and_then(|v| item_score(question, v));
            let candidate = merge(&question.kind, old.as_ref(), new);
            let Some(new_score) = item_score(question, &candidate).filter(|s| old_score.is_none_or(|o| *s > o + EPSILON)) else {
                ignored.push(ignore(IgnoredReason::NoImprovement));
                continue;
            };
            applied.push(AppliedEffect {
                step: step.id.clone(),
                question: question.id.clone(),
                before: old.as_ref().map(AnswerValue::to_json),
                after: candidate.to_json(),
                item_score_before: old_score,
                item_score_after: new_score,
            });
            // The rating that counts is changed: the consultant's when there is one.
            let entry = changed.answers.entry(question.id.clone()).or_default();
            if entry.consultant.is_some() {
                entry.consultant = Some(candidate);
            } else {
                entry.firm = Some(candidate);
            }
        }
    }
    let after = score(q, &changed);
    WhatIf { before, after, steps, applied, ignored }
}

/// The new answer combined with the old one so that nothing already in place is lost: the chosen
/// options of a multi-select are joined ("none of these" dropped when something else is chosen),
/// and each grid row keeps the better of its two steps. Single choices and numbers are replaced;
/// the caller keeps the old one when it scores higher.
fn merge(kind: &QuestionKind, old: Option<&AnswerValue>, new: AnswerValue) -> AnswerValue {
    match (kind, old, new) {
        (QuestionKind::Multi { none_option, .. }, Some(AnswerValue::Choices(old_ids)), AnswerValue::Choices(new_ids)) => {
            let mut unique: Vec<String> = Vec::with_capacity(old_ids.len() + new_ids.len());
            for id in old_ids.iter().chain(new_ids.iter()) {
                if Some(id) != none_option.as_ref() && !unique.contains(id) {
                    unique.push(id.clone());
                }
            }
            if unique.is_empty() { AnswerValue::Choices(new_ids) } else { AnswerValue::Choices(unique) }
        }
        (QuestionKind::Grid { scale, .. }, Some(AnswerValue::Grid(old_rows)), AnswerValue::Grid(new_rows)) => {
            let step_score = |step: &str| scale.iter().find(|s| s.id == step).map_or(0.0, |s| s.score);
            let mut rows: BTreeMap<String, String> = old_rows.clone();
            for (row, step) in new_rows {
                let better = rows.get(&row).is_none_or(|current| step_score(&step) > step_score(current) + EPSILON);
                if better {
                    rows.insert(row, step);
                }
            }
            AnswerValue::Grid(rows)
        }
        (_, _, new) => new,
    }
}
