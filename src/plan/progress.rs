//! Progress between two assessments of the same firm: the change in every dimension's score and
//! level, and overall.
//!
//! When the two assessments were answered against different questionnaires (another version, or
//! another questionnaire), only the dimensions whose ids appear in both are compared, and the
//! result says so: the overall figures then summarise different sets of questions.

use crate::i18n::Text;
use crate::questionnaire::Questionnaire;
use crate::scoring::Scores;
use serde::Serialize;

/// A score and level before and after, with the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreDelta {
    pub before_score: Option<f64>,
    pub after_score: Option<f64>,
    /// after − before, when both have a score.
    pub score_change: Option<f64>,
    pub before_level: Option<u8>,
    pub after_level: Option<u8>,
    /// after − before, when both have a level.
    pub level_change: Option<i8>,
}

impl ScoreDelta {
    fn new(before_score: Option<f64>, after_score: Option<f64>, before_level: Option<u8>, after_level: Option<u8>) -> ScoreDelta {
        ScoreDelta {
            before_score,
            after_score,
            score_change: before_score.zip(after_score).map(|(b, a)| a - b),
            before_level,
            after_level,
            level_change: before_level.zip(after_level).map(|(b, a)| a as i8 - b as i8),
        }
    }
}

/// The change in one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionDelta {
    pub id: String,
    pub name: Text,
    #[serde(flatten)]
    pub delta: ScoreDelta,
}

/// How a firm moved between two assessments.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// "id@version" of the earlier assessment's questionnaire.
    pub before_questionnaire: String,
    /// "id@version" of the later assessment's questionnaire.
    pub after_questionnaire: String,
    /// Whether both were scored against exactly the same questionnaire text.
    pub same_questionnaire: bool,
    pub overall: ScoreDelta,
    /// Dimensions present in both, in the questionnaire's order.
    pub dimensions: Vec<DimensionDelta>,
    /// Dimension ids only the earlier assessment has.
    pub only_before: Vec<String>,
    /// Dimension ids only the later assessment has.
    pub only_after: Vec<String>,
    /// What the reader must know when the questionnaires differ.
    pub note: Option<Text>,
}

/// Compares an earlier and a later result. `q` is the later assessment's questionnaire; it gives
/// the order of the dimensions, and their names where it has them.
pub fn compare(q: &Questionnaire, before: &Scores, after: &Scores) -> Progress {
    let in_before = |id: &str| before.dimension(id).is_some();
    let in_after = |id: &str| after.dimension(id).is_some();
    // The questionnaire's order first, then any shared dimension it does not list.
    let mut shared: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).filter(|id| in_before(id) && in_after(id)).collect();
    for d in &after.dimensions {
        if in_before(&d.id) && !shared.contains(&d.id.as_str()) {
            shared.push(&d.id);
        }
    }
    let dimensions = shared
        .iter()
        .filter_map(|id| {
            let (b, a) = (before.dimension(id)?, after.dimension(id)?);
            Some(DimensionDelta {
                id: id.to_string(),
                name: q.dimension(id).map_or_else(|| a.name.clone(), |d| d.name.clone()),
                delta: ScoreDelta::new(b.score, a.score, b.level, a.level),
            })
        })
        .collect();
    let only_before: Vec<String> = before.dimensions.iter().filter(|d| !in_after(&d.id)).map(|d| d.id.clone()).collect();
    let only_after: Vec<String> = after.dimensions.iter().filter(|d| !in_before(&d.id)).map(|d| d.id.clone()).collect();
    let same_questionnaire = before.content_hash == after.content_hash;
    let note = (!same_questionnaire).then(|| {
        if before.questionnaire == after.questionnaire {
            Text::new(
                format!("두 평가는 같은 설문({})이지만 내용이 다른 사본으로 답했습니다. 두 평가에 모두 있는 영역 {}개만 비교합니다.", after.questionnaire, shared.len()),
                format!("Both assessments use {}, but copies with different content. Only the {} dimensions present in both are compared.", after.questionnaire, shared.len()),
            )
        } else {
            Text::new(
                format!(
                    "두 평가의 설문이 다릅니다({} → {}). 두 평가에 모두 있는 영역 {}개만 비교하며, 종합 점수는 각 설문의 영역으로 계산한 값이라 그대로 비교하기 어렵습니다.",
                    before.questionnaire,
                    after.questionnaire,
                    shared.len()
                ),
                format!(
                    "The assessments use different questionnaires ({} → {}). Only the {} dimensions present in both are compared; the overall figures summarise each questionnaire's own dimensions and are not strictly comparable.",
                    before.questionnaire,
                    after.questionnaire,
                    shared.len()
                ),
            )
        }
    });
    Progress {
        before_questionnaire: before.questionnaire.clone(),
        after_questionnaire: after.questionnaire.clone(),
        same_questionnaire,
        overall: ScoreDelta::new(before.overall.score, after.overall.score, before.overall.level, after.overall.level),
        dimensions,
        only_before,
        only_after,
        note,
    }
}
