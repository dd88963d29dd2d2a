//! Scoring: answers in, explained scores and levels out. Pure functions, no IO, no clock.
//!
//! The rules, in the order they apply:
//! 1. Item score in [0, 1] from the effective answer (the consultant's rating when present).
//! 2. Skip logic: a question whose condition fails is *skipped* and counts as 0 ("not in place");
//!    a question whose parent is N/A is N/A too; a question whose parent is unanswered is *pending*.
//! 3. Dimension score = 100 × Σ(weight × item score) ÷ Σ weight over answered and skipped items.
//!    N/A items leave the denominator; unanswered and pending items lower the coverage, never the score.
//! 4. Dimension level = the highest level whose threshold the score reaches, capped below the
//!    lowest gate that is not met.
//! 5. Overall score = weighted mean of the dimension scores; overall level by the questionnaire's rule.

use crate::answers::{AnswerValue, Answers, Rater};
use crate::i18n::Text;
use crate::questionnaire::{OverallLevelRule, Question, QuestionKind, Questionnaire, ShowIf};
use serde::Serialize;
use std::collections::HashMap;

const EPSILON: f64 = 1e-9;

/// How a question stands in a set of answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Answered with a scored value.
    Answered,
    /// Hidden by skip logic; counts as 0.
    Skipped,
    /// Not applicable (answered so, or its parent was); leaves the denominator.
    NotApplicable,
    /// Not answered yet.
    Unanswered,
    /// Waiting for the question it depends on to be answered.
    Pending,
    /// Free text: recorded, never scored.
    Unscored,
}

/// The score of one question.
#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    pub question: String,
    pub dimension: String,
    pub status: ItemStatus,
    /// Item score in [0, 1] for answered (its answer) and skipped (0) items.
    pub score: Option<f64>,
    pub weight: f64,
    /// The firm's own rating's item score, when it gave one.
    pub firm_score: Option<f64>,
    /// The consultant's rating's item score, when given.
    pub consultant_score: Option<f64>,
    /// Whose rating counted.
    pub rated_by: Option<Rater>,
    /// Points this item adds to its dimension score (0–100 scale).
    pub points: f64,
    /// The most this item could add to its dimension score.
    pub max_points: f64,
}

/// A gate that capped a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateCap {
    /// The level the gate guards.
    pub gate_level: u8,
    /// The level the dimension was held at (gate_level − 1).
    pub capped_at: u8,
    /// The level the score alone would give.
    pub level_by_score: u8,
    pub question: String,
    pub min_score: f64,
    /// The gate question's item score, if it has one.
    pub actual: Option<f64>,
    pub status: ItemStatus,
}

/// The score and level of one dimension, with what made them.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub name: Text,
    /// 0–100, or None when nothing in the dimension is answered yet.
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub level_name: Option<Text>,
    /// Share (0–1) of applicable scored questions that are answered or skipped.
    pub coverage: f64,
    pub answered: usize,
    pub skipped: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub capped_by: Option<GateCap>,
    pub weight: f64,
}

/// The overall result.
#[derive(Debug, Clone, Serialize)]
pub struct OverallScore {
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub level_name: Option<Text>,
    pub coverage: f64,
    pub rule: OverallLevelRule,
}

/// A question where the firm and the consultant disagree by at least the threshold.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub question: String,
    pub dimension: String,
    pub firm_score: f64,
    pub consultant_score: f64,
    pub difference: f64,
}

/// Something the reader of a result should know.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// A stable code: unanswered, partial_grid, disagreement, dimension_not_scored.
    pub code: &'static str,
    pub question: Option<String>,
    pub dimension: Option<String>,
    pub message: Text,
}

/// The full result of scoring one set of answers.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub questionnaire: String,
    pub content_hash: String,
    pub overall: OverallScore,
    pub dimensions: Vec<DimensionScore>,
    pub items: Vec<ItemScore>,
    pub disagreements: Vec<Disagreement>,
    pub warnings: Vec<Warning>,
}

impl Scores {
    /// The result for one dimension.
    pub fn dimension(&self, id: &str) -> Option<&DimensionScore> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The result for one question.
    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.question == id)
    }
}

/// The item score of a value for its question: None for N/A, free text and empty grids.
pub fn item_score(question: &Question, value: &AnswerValue) -> Option<f64> {
    match (&question.kind, value) {
        (_, AnswerValue::NotApplicable) => None,
        (QuestionKind::Single { options }, AnswerValue::Choice(id)) => options.iter().find(|o| &o.id == id).map(|o| o.score),
        (QuestionKind::Multi { options, .. }, AnswerValue::Choices(ids)) => {
            let sum: f64 = options.iter().filter(|o| ids.contains(&o.id)).map(|o| o.score).sum();
            Some(sum.min(1.0))
        }
        (QuestionKind::Grid { scale, .. }, AnswerValue::Grid(rows)) => {
            let scores: Vec<f64> = rows.values().filter_map(|step| scale.iter().find(|s| &s.id == step).map(|s| s.score)).collect();
            if scores.is_empty() { None } else { Some(scores.iter().sum::<f64>() / scores.len() as f64) }
        }
        (QuestionKind::Numeric { bands, .. }, AnswerValue::Number(n)) => bands.iter().rev().find(|b| *n >= b.from).map(|b| b.score),
        _ => None,
    }
}

fn condition_holds(show_if: &ShowIf, parent_value: Option<&AnswerValue>, parent_score: Option<f64>) -> bool {
    match show_if {
        ShowIf::MinScore { min_score, .. } => parent_score.is_some_and(|s| s + EPSILON >= *min_score),
        ShowIf::AnyOf { options, .. } => match parent_value {
            Some(AnswerValue::Choice(id)) => options.contains(id),
            Some(AnswerValue::Choices(ids)) => ids.iter().any(|id| options.contains(id)),
            _ => false,
        },
    }
}

/// Works out the status and item score of every question, following skip logic in order.
fn item_statuses(q: &Questionnaire, answers: &Answers) -> Vec<(ItemStatus, Option<f64>)> {
    let mut out: Vec<(ItemStatus, Option<f64>)> = Vec::with_capacity(q.questions.len());
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        position.insert(question.id.as_str(), i);
        let value = answers.value(&question.id);
        let own = || -> (ItemStatus, Option<f64>) {
            match value {
                None => (if question.is_scored() { ItemStatus::Unanswered } else { ItemStatus::Unscored }, None),
                Some(AnswerValue::NotApplicable) => (ItemStatus::NotApplicable, None),
                Some(_) if !question.is_scored() => (ItemStatus::Unscored, None),
                Some(v) => match item_score(question, v) {
                    Some(s) => (ItemStatus::Answered, Some(s)),
                    None => (ItemStatus::Unanswered, None),
                },
            }
        };
        let status = match &question.show_if {
            None => own(),
            Some(cond) => {
                // Validation guarantees the parent comes earlier, so its status is known.
                let parent = position.get(cond.question()).map(|&p| out[p]);
                match parent {
                    Some((ItemStatus::NotApplicable, _)) => (ItemStatus::NotApplicable, None),
                    Some((ItemStatus::Skipped, _)) => (if question.is_scored() { ItemStatus::Skipped } else { ItemStatus::Unscored }, question.is_scored().then_some(0.0)),
                    Some((ItemStatus::Unanswered | ItemStatus::Pending, _)) | None => (ItemStatus::Pending, None),
                    Some((_, parent_score)) => {
                        if condition_holds(cond, answers.value(cond.question()), parent_score) {
                            own()
                        } else if question.is_scored() {
                            (ItemStatus::Skipped, Some(0.0))
                        } else {
                            (ItemStatus::Unscored, None)
                        }
                    }
                }
            }
        };
        out.push(status);
    }
    out
}

/// Whether each question is shown given the answers so far (for the answering screen): a
/// question is hidden while its condition fails, waits for its parent, or its parent is N/A.
pub fn visible_questions(q: &Questionnaire, answers: &Answers) -> Vec<bool> {
    let statuses = item_statuses(q, answers);
    let mut visible = Vec::with_capacity(q.questions.len());
    for question in &q.questions {
        let shown = match &question.show_if {
            None => true,
            Some(cond) => q.question_index.get(cond.question()).is_some_and(|&p| {
                visible[p] && statuses[p].0 == ItemStatus::Answered && condition_holds(cond, answers.value(cond.question()), statuses[p].1)
            }),
        };
        visible.push(shown);
    }
    visible
}

/// Scores a set of answers against a questionnaire. The answers must have been checked against
/// it (see `answers`); values that do not fit are treated as unanswered.
pub fn score(q: &Questionnaire, answers: &Answers) -> Scores {
    let statuses = item_statuses(q, answers);
    let mut items = Vec::with_capacity(q.questions.len());
    let mut disagreements = Vec::new();
    let mut warnings = Vec::new();

    for (question, &(status, item)) in q.questions.iter().zip(&statuses) {
        let answer = answers.answers.get(&question.id);
        let firm_score = answer.and_then(|a| a.firm.as_ref()).and_then(|v| item_score(question, v));
        let consultant_score = answer.and_then(|a| a.consultant.as_ref()).and_then(|v| item_score(question, v));
        let rated_by = answer.and_then(|a| if a.consultant.is_some() { Some(Rater::Consultant) } else if a.firm.is_some() { Some(Rater::Firm) } else { None });
        if let (Some(f), Some(c)) = (firm_score, consultant_score)
            && (f - c).abs() + EPSILON >= q.disagreement_threshold
            && status == ItemStatus::Answered
        {
            disagreements.push(Disagreement {
                question: question.id.clone(),
                dimension: question.dimension.clone(),
                firm_score: f,
                consultant_score: c,
                difference: (f - c).abs(),
            });
            warnings.push(Warning {
                code: "disagreement",
                question: Some(question.id.clone()),
                dimension: Some(question.dimension.clone()),
                message: Text::new(
                    format!("{}: 기업 자체 평가({:.0}%)와 컨설턴트 평가({:.0}%)가 크게 다릅니다.", question.id, f * 100.0, c * 100.0),
                    format!("{}: the firm's rating ({:.0}%) and the consultant's ({:.0}%) differ widely.", question.id, f * 100.0, c * 100.0),
                ),
            });
        }
        if status == ItemStatus::Answered
            && let (QuestionKind::Grid { rows, .. }, Some(AnswerValue::Grid(given))) = (&question.kind, answers.value(&question.id))
            && given.len() < rows.len()
        {
            warnings.push(Warning {
                code: "partial_grid",
                question: Some(question.id.clone()),
                dimension: Some(question.dimension.clone()),
                message: Text::new(
                    format!("{}: {}개 항목 중 {}개만 답했습니다. 답한 항목의 평균으로 계산했습니다.", question.id, rows.len(), given.len()),
                    format!("{}: {} of {} rows are rated; the score is the mean of the rated rows.", question.id, given.len(), rows.len()),
                ),
            });
        }
        items.push(ItemScore {
            question: question.id.clone(),
            dimension: question.dimension.clone(),
            status,
            score: item,
            weight: question.weight,
            firm_score,
            consultant_score,
            rated_by,
            points: 0.0,
            max_points: 0.0,
        });
    }

    let mut dimensions = Vec::with_capacity(q.dimensions.len());
    let (mut total_settled, mut total_applicable) = (0usize, 0usize);
    for d in &q.dimensions {
        let (mut weighted, mut weights) = (0.0, 0.0);
        let (mut answered, mut skipped, mut na, mut unanswered) = (0, 0, 0, 0);
        for item in items.iter().filter(|i| i.dimension == d.id) {
            match item.status {
                ItemStatus::Answered | ItemStatus::Skipped => {
                    weighted += item.weight * item.score.unwrap_or(0.0);
                    weights += item.weight;
                    if item.status == ItemStatus::Answered { answered += 1 } else { skipped += 1 }
                }
                ItemStatus::NotApplicable => na += 1,
                ItemStatus::Unanswered | ItemStatus::Pending => unanswered += 1,
                ItemStatus::Unscored => {}
            }
        }
        if weights > 0.0 {
            for item in items.iter_mut().filter(|i| i.dimension == d.id) {
                if matches!(item.status, ItemStatus::Answered | ItemStatus::Skipped) {
                    item.max_points = 100.0 * item.weight / weights;
                    item.points = item.max_points * item.score.unwrap_or(0.0);
                }
            }
        }
        let settled = answered + skipped;
        let applicable = settled + unanswered;
        total_settled += settled;
        total_applicable += applicable;
        let coverage = if applicable == 0 { 1.0 } else { settled as f64 / applicable as f64 };
        let score = (weights > 0.0).then(|| 100.0 * weighted / weights);
        let (level, capped_by) = match score {
            None => (None, None),
            Some(s) => {
                let by_score = q.level_for_score(s);
                let cap = d.gates.iter().filter(|g| g.level <= by_score).find_map(|g| {
                    let i = q.question_index.get(&g.question).copied()?;
                    let (status, actual) = statuses[i];
                    let met = status == ItemStatus::Answered && actual.is_some_and(|a| a + EPSILON >= g.min_score);
                    (!met).then(|| GateCap {
                        gate_level: g.level,
                        capped_at: g.level - 1,
                        level_by_score: by_score,
                        question: g.question.clone(),
                        min_score: g.min_score,
                        actual,
                        status,
                    })
                });
                (Some(cap.as_ref().map_or(by_score, |c| c.capped_at)), cap)
            }
        };
        if score.is_none() {
            warnings.push(Warning {
                code: "dimension_not_scored",
                question: None,
                dimension: Some(d.id.clone()),
                message: Text::new(
                    format!("{}: 답한 문항이 없어 점수를 낼 수 없습니다.", d.name.ko),
                    format!("{}: no question is answered yet, so there is no score.", d.name.en),
                ),
            });
        } else if unanswered > 0 {
            warnings.push(Warning {
                code: "unanswered",
                question: None,
                dimension: Some(d.id.clone()),
                message: Text::new(
                    format!("{}: {}개 문항이 아직 답하지 않았습니다(응답률 {:.0}%).", d.name.ko, unanswered, coverage * 100.0),
                    format!("{}: {} question(s) are not answered yet (coverage {:.0}%).", d.name.en, unanswered, coverage * 100.0),
                ),
            });
        }
        dimensions.push(DimensionScore {
            id: d.id.clone(),
            name: d.name.clone(),
            score,
            level,
            level_name: level.map(|l| q.levels[l as usize].name.clone()),
            coverage,
            answered,
            skipped,
            not_applicable: na,
            unanswered,
            capped_by,
            weight: d.weight,
        });
    }

    let scored: Vec<&DimensionScore> = dimensions.iter().filter(|d| d.score.is_some()).collect();
    let weight_sum: f64 = scored.iter().map(|d| d.weight).sum();
    let overall_score = (weight_sum > 0.0).then(|| scored.iter().map(|d| d.weight * d.score.unwrap_or(0.0)).sum::<f64>() / weight_sum);
    let overall_level = overall_score.map(|s| match q.overall_level {
        OverallLevelRule::Thresholds => q.level_for_score(s),
        OverallLevelRule::MeanOfLevels => {
            let mean = scored.iter().map(|d| d.weight * f64::from(d.level.unwrap_or(0))).sum::<f64>() / weight_sum;
            (mean + EPSILON).floor() as u8
        }
    });
    let overall = OverallScore {
        score: overall_score,
        level: overall_level,
        level_name: overall_level.map(|l| q.levels[l as usize].name.clone()),
        coverage: if total_applicable == 0 { 1.0 } else { total_settled as f64 / total_applicable as f64 },
        rule: q.overall_level,
    };
    Scores { questionnaire: q.reference(), content_hash: q.content_hash.clone(), overall, dimensions, items, disagreements, warnings }
}
