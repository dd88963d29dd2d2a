//! The state of answering one assessment: which questions are shown, how far each dimension
//! has come, where to pick up again after leaving, and starting a re-assessment.
//!
//! Everything here is pure except `start_reassessment`, which writes through the store. The
//! desktop app and the CLI read the same figures, so "72% answered" means the same in both.

use crate::answers::{AnswerValue, Answers};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::scoring::visible_questions;
use crate::store::{AnswerRecord, Mode, NewAssessment, Status, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// How many of the questions on show are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AnswerProgress {
    pub answered: usize,
    pub total: usize,
    /// Whole percent, rounded down, so that 100 means every question on show is answered.
    pub percent: u8,
}

impl AnswerProgress {
    /// The progress of `answered` out of `total`; nothing to answer counts as done.
    pub fn new(answered: usize, total: usize) -> AnswerProgress {
        let percent = (answered.min(total) * 100).checked_div(total).map_or(100, |p| p as u8);
        AnswerProgress { answered, total, percent }
    }
}

/// Whether one question is on show and answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionState {
    pub id: String,
    pub dimension: String,
    /// False while skip logic hides the question.
    pub visible: bool,
    /// An effective value is given (N/A included); a grid counts once every row is rated.
    pub answered: bool,
}

/// The progress of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionProgress {
    pub id: String,
    #[serde(flatten)]
    pub progress: AnswerProgress,
}

/// Where an assessment stands while it is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnsweringState {
    /// One entry per question, in questionnaire order.
    pub questions: Vec<QuestionState>,
    /// One entry per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionProgress>,
    /// Over all questions on show.
    pub progress: AnswerProgress,
}

/// Whether a value answers its question completely: N/A does, an empty selection or blank text
/// does not, and a grid needs every row rated.
pub fn is_complete_answer(question: &Question, value: Option<&AnswerValue>) -> bool {
    match (value, &question.kind) {
        (None, _) => false,
        (Some(AnswerValue::NotApplicable), _) => true,
        (Some(AnswerValue::Grid(given)), QuestionKind::Grid { rows, .. }) => rows.iter().all(|row| given.contains_key(&row.id)),
        (Some(AnswerValue::Choices(chosen)), _) => !chosen.is_empty(),
        (Some(AnswerValue::Text(text)), _) => !text.trim().is_empty(),
        (Some(_), _) => true,
    }
}

/// Which questions show (skip logic from `scoring::visible_questions`), which are answered, and
/// the progress per dimension and overall. Hidden questions count for neither.
pub fn answering_state(q: &Questionnaire, answers: &Answers) -> AnsweringState {
    let visible = visible_questions(q, answers);
    let questions: Vec<QuestionState> = q
        .questions
        .iter()
        .zip(&visible)
        .map(|(question, &visible)| QuestionState {
            id: question.id.clone(),
            dimension: question.dimension.clone(),
            visible,
            answered: is_complete_answer(question, answers.value(&question.id)),
        })
        .collect();
    let count = |dimension: Option<&str>| {
        let shown = questions.iter().filter(|s| s.visible && dimension.is_none_or(|d| s.dimension == d));
        let (answered, total) = shown.fold((0, 0), |(a, t), s| (a + usize::from(s.answered), t + 1));
        AnswerProgress::new(answered, total)
    };
    let dimensions = q.dimensions.iter().map(|d| DimensionProgress { id: d.id.clone(), progress: count(Some(&d.id)) }).collect();
    let progress = count(None);
    AnsweringState { questions, dimensions, progress }
}

/// The question to open when the user comes back: the first question on show and not yet
/// answered after the one saved last (wrapping round to the start), else the one saved last.
/// With nothing saved yet, the first unanswered question on show. None only when no question
/// is on show at all.
pub fn resume_question(state: &AnsweringState, records: &[AnswerRecord]) -> Option<String> {
    let position = |id: &str| state.questions.iter().position(|s| s.id == id);
    // Timestamps are RFC 3339 UTC of one width, so they sort as text; within one second the
    // question later in the questionnaire counts as the later one.
    let last = records
        .iter()
        .filter_map(|r| position(&r.question_id).map(|p| (r.updated_at.as_str(), p)))
        .max()
        .map(|(_, p)| p);
    let n = state.questions.len();
    let start = last.map_or(0, |p| p + 1);
    let open = (0..n).map(|i| (start + i) % n).find(|&i| state.questions[i].visible && !state.questions[i].answered);
    open.or(last.filter(|&p| state.questions[p].visible))
        .or_else(|| state.questions.iter().position(|s| s.visible))
        .map(|i| state.questions[i].id.clone())
}

/// Starts a re-assessment (T1) of the firm that `previous_id` (T0, completed) assessed: same
/// firm, the same frozen questionnaire so that the two compare question by question, and a link
/// back. Answers are not copied; the new assessment starts empty so that it records the firm as
/// it is now, and screens can show the earlier answers beside it for reference.
pub fn start_reassessment(
    store: &mut Store,
    previous_id: i64,
    mode: Mode,
    assessor: Option<String>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let previous = store.assessment(previous_id)?;
    if previous.status != Status::Completed {
        return Err(StoreError::BadInput(format!(
            "assessment {previous_id} is still a draft; complete it before starting a re-assessment"
        )));
    }
    let questionnaire = store.frozen_questionnaire(&previous.questionnaire_hash)?;
    store.create_assessment(
        &NewAssessment {
            organization_id: previous.organization_id,
            questionnaire: &questionnaire,
            mode,
            assessor: assessor.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()),
            previous_id: Some(previous_id),
        },
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Rater;
    use crate::questionnaire::Catalog;
    use crate::store::{AnswerChange, OrganizationInput};
    use chrono::TimeZone;

    fn questionnaire(id: &str) -> Questionnaire {
        Catalog::builtin().unwrap().find(id).unwrap().clone()
    }

    fn record(question: &str, at: &str) -> AnswerRecord {
        AnswerRecord {
            question_id: question.into(),
            rater: Rater::Firm,
            value: None,
            note: None,
            evidence: None,
            updated_at: at.into(),
        }
    }

    #[test]
    fn progress_counts_only_questions_on_show() {
        let q = questionnaire("kr-mfg-ai-readiness");
        let empty = answering_state(&q, &Answers::new(&q));
        let hidden = empty.questions.iter().filter(|s| !s.visible).count();
        assert!(hidden > 0, "the full questionnaire has skip logic");
        assert_eq!(empty.progress, AnswerProgress::new(0, q.questions.len() - hidden));
        assert_eq!(empty.progress.percent, 0);
        assert_eq!(empty.dimensions.len(), q.dimensions.len());
        let per_dimension: usize = empty.dimensions.iter().map(|d| d.progress.total).sum();
        assert_eq!(per_dimension, empty.progress.total);
    }

    #[test]
    fn answering_a_parent_shows_its_child_and_counts() {
        let q = questionnaire("kr-mfg-ai-readiness");
        let child = q.questions.iter().find(|question| question.show_if.is_some()).unwrap();
        let parent = q.question(child.show_if.as_ref().unwrap().question()).unwrap();
        let QuestionKind::Single { options } = &parent.kind else { panic!("parent is a single choice") };
        let best = options.iter().max_by(|a, b| a.score.total_cmp(&b.score)).unwrap();
        let mut answers = Answers::new(&q);
        answers.set(&parent.id, Rater::Firm, AnswerValue::Choice(best.id.clone()));
        let state = answering_state(&q, &answers);
        let shown = |id: &str| state.questions.iter().find(|s| s.id == id).unwrap().clone();
        assert!(shown(&child.id).visible);
        assert!(shown(&parent.id).answered);
        assert_eq!(state.progress.answered, 1);
    }

    #[test]
    fn complete_answers() {
        let q = questionnaire("kr-mfg-quick-scan");
        let grid = q.questions.iter().find(|question| question.type_name() == "grid").unwrap();
        let QuestionKind::Grid { rows, scale } = &grid.kind else { unreachable!() };
        let mut partial = std::collections::BTreeMap::new();
        partial.insert(rows[0].id.clone(), scale[0].id.clone());
        assert!(!is_complete_answer(grid, Some(&AnswerValue::Grid(partial.clone()))));
        for row in rows {
            partial.insert(row.id.clone(), scale[0].id.clone());
        }
        assert!(is_complete_answer(grid, Some(&AnswerValue::Grid(partial))));
        assert!(is_complete_answer(grid, Some(&AnswerValue::NotApplicable)));
        assert!(!is_complete_answer(grid, None));
        let text = q.questions.iter().find(|question| question.type_name() == "text").unwrap();
        assert!(!is_complete_answer(text, Some(&AnswerValue::Text("  ".into()))));
        assert!(is_complete_answer(text, Some(&AnswerValue::Text("불량".into()))));
        let multi = q.questions.iter().find(|question| question.type_name() == "multi").unwrap();
        assert!(!is_complete_answer(multi, Some(&AnswerValue::Choices(vec![]))));
    }

    #[test]
    fn resume_after_the_last_saved_question() {
        let q = questionnaire("kr-mfg-quick-scan");
        let mut answers = Answers::new(&q);
        let first = &q.questions[0].id;
        assert_eq!(resume_question(&answering_state(&q, &answers), &[]).as_deref(), Some(first.as_str()));

        // Question 3 saved last: resume at question 4, even though question 2 is still open.
        answers.set(&q.questions[0].id, Rater::Firm, AnswerValue::Choice("none".into()));
        answers.set(&q.questions[3].id, Rater::Firm, AnswerValue::Choice("manual".into()));
        let state = answering_state(&q, &answers);
        let records = [record(&q.questions[0].id, "2026-01-01T10:00:00Z"), record(&q.questions[3].id, "2026-01-01T10:00:05Z")];
        assert_eq!(resume_question(&state, &records).as_deref(), Some(q.questions[4].id.as_str()));

        // Within one second, the later question wins.
        let same_second = [record(&q.questions[3].id, "2026-01-01T10:00:05Z"), record(&q.questions[0].id, "2026-01-01T10:00:05Z")];
        assert_eq!(resume_question(&state, &same_second).as_deref(), Some(q.questions[4].id.as_str()));

        // Saved last at the end: wrap round to the first open question.
        let last = q.questions.last().unwrap();
        let at_end = [record(&last.id, "2026-01-01T11:00:00Z")];
        assert_eq!(resume_question(&state, &at_end).as_deref(), Some(q.questions[1].id.as_str()));
    }

    #[test]
    fn resume_on_the_last_saved_question_when_all_are_answered() {
        let q = questionnaire("kr-mfg-quick-scan");
        let state = AnsweringState {
            questions: q
                .questions
                .iter()
                .map(|question| QuestionState { id: question.id.clone(), dimension: question.dimension.clone(), visible: true, answered: true })
                .collect(),
            dimensions: vec![],
            progress: AnswerProgress::new(q.questions.len(), q.questions.len()),
        };
        let records = [record(&q.questions[5].id, "2026-01-01T10:00:00Z")];
        assert_eq!(resume_question(&state, &records).as_deref(), Some(q.questions[5].id.as_str()));
        assert_eq!(state.progress.percent, 100);
    }

    #[test]
    fn reassessment_uses_the_same_frozen_questionnaire_and_starts_empty() {
        let q = questionnaire("kr-mfg-quick-scan");
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let org = store.add_organization(&OrganizationInput { name: "한빛".into(), ..Default::default() }, now).unwrap();
        let t0 = store
            .create_assessment(&NewAssessment { organization_id: org, questionnaire: &q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, now)
            .unwrap();
        let change = AnswerChange { value: Some(serde_json::json!("list")), ..Default::default() };
        store.save_answer(t0, "qs-dx-plan", Rater::Firm, &change, now).unwrap();
        assert!(start_reassessment(&mut store, t0, Mode::Consultant, None, now).is_err(), "a draft cannot be re-assessed");
        store.complete_assessment(t0, now).unwrap();
        let t1 = start_reassessment(&mut store, t0, Mode::Consultant, Some("  김 컨설턴트 ".into()), now).unwrap();
        let (before, after) = (store.assessment(t0).unwrap(), store.assessment(t1).unwrap());
        assert_eq!(after.previous_id, Some(t0));
        assert_eq!(after.organization_id, org);
        assert_eq!(after.questionnaire_hash, before.questionnaire_hash);
        assert_eq!(after.mode, Mode::Consultant);
        assert_eq!(after.assessor.as_deref(), Some("김 컨설턴트"));
        assert!(store.answers(t1).unwrap().answers.is_empty(), "answers are not copied");
    }
}
