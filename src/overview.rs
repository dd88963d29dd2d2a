//! Summaries of a workspace for the screens that list it: every firm with its assessments (how
//! far answered, status, overall result), one firm's history, and the progress between two of
//! its assessments.
//!
//! Scores come from `scoring::score` on the frozen questionnaire of each assessment; comparisons
//! from `plan::compare`. Nothing is computed here that those do not already define.

use crate::answering::{answering_state, AnswerProgress};
use crate::answers::Answers;
use crate::i18n::Text;
use crate::plan;
use crate::questionnaire::Questionnaire;
use crate::scoring::{score, OverallScore, Scores};
use crate::store::{Assessment, Organization, Store, StoreError};
use serde::Serialize;
use std::sync::Arc;

/// An assessment with its frozen questionnaire, answers and scores.
#[derive(Debug, Clone)]
pub struct ScoredAssessment {
    pub assessment: Assessment,
    pub questionnaire: Arc<Questionnaire>,
    pub answers: Answers,
    pub scores: Scores,
}

/// Loads and scores one assessment.
pub fn scored_assessment(store: &mut Store, assessment_id: i64) -> Result<ScoredAssessment, StoreError> {
    let assessment = store.assessment(assessment_id)?;
    let questionnaire = store.frozen_questionnaire(&assessment.questionnaire_hash)?;
    let answers = store.answers(assessment_id)?;
    let scores = score(&questionnaire, &answers);
    Ok(ScoredAssessment { assessment, questionnaire, answers, scores })
}

/// One line of a list of assessments.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentSummary {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub questionnaire_title: Text,
    /// How many questions on show are answered.
    pub progress: AnswerProgress,
    /// The overall score and level so far.
    pub overall: OverallScore,
}

impl AssessmentSummary {
    /// The summary of a scored assessment.
    pub fn of(scored: &ScoredAssessment) -> AssessmentSummary {
        AssessmentSummary {
            assessment: scored.assessment.clone(),
            questionnaire_title: scored.questionnaire.title.clone(),
            progress: answering_state(&scored.questionnaire, &scored.answers).progress,
            overall: scored.scores.overall.clone(),
        }
    }
}

/// A firm with its assessments, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct FirmOverview {
    pub organization: Organization,
    pub assessments: Vec<AssessmentSummary>,
}

/// Every firm whose name, number, region or industrial complex contains `search` (all when
/// None), by name, each with its assessments newest first.
pub fn workspace_overview(store: &mut Store, search: Option<&str>) -> Result<Vec<FirmOverview>, StoreError> {
    let organizations = store.organizations(search)?;
    let mut firms = Vec::with_capacity(organizations.len());
    for organization in organizations {
        let assessments = store.assessments(Some(organization.id))?;
        let mut summaries = Vec::with_capacity(assessments.len());
        for a in assessments {
            summaries.push(AssessmentSummary::of(&scored_assessment(store, a.id)?));
        }
        firms.push(FirmOverview { organization, assessments: summaries });
    }
    Ok(firms)
}

/// A firm's assessments over time, oldest first.
pub fn firm_history(store: &mut Store, organization_id: i64) -> Result<Vec<AssessmentSummary>, StoreError> {
    store.organization(organization_id)?;
    let mut assessments = store.assessments(Some(organization_id))?;
    assessments.reverse();
    assessments.into_iter().map(|a| scored_assessment(store, a.id).map(|s| AssessmentSummary::of(&s))).collect()
}

/// The pair a firm's history compares by default: its latest assessment (T1) and the one it
/// re-assessed, or else the one started just before it (T0). None with fewer than two.
pub fn default_comparison(store: &Store, organization_id: i64) -> Result<Option<(i64, i64)>, StoreError> {
    let Some(latest) = store.assessments(Some(organization_id))?.into_iter().next() else { return Ok(None) };
    Ok(store.previous_assessment(latest.id)?.map(|before| (before.id, latest.id)))
}

/// Two assessments of one firm and how it moved between them.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub before: ScoredAssessment,
    pub after: ScoredAssessment,
    pub progress: plan::Progress,
}

/// Compares an earlier and a later assessment of the same firm with `plan::compare`.
pub fn compare_assessments(store: &mut Store, before_id: i64, after_id: i64) -> Result<Comparison, StoreError> {
    if before_id == after_id {
        return Err(StoreError::BadInput("choose two different assessments to compare".into()));
    }
    let before = scored_assessment(store, before_id)?;
    let after = scored_assessment(store, after_id)?;
    if before.assessment.organization_id != after.assessment.organization_id {
        return Err(StoreError::BadInput(format!(
            "assessments {before_id} and {after_id} belong to different firms; progress compares one firm with itself"
        )));
    }
    let progress = plan::compare(&after.questionnaire, &before.scores, &after.scores);
    Ok(Comparison { before, after, progress })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Rater;
    use crate::questionnaire::Catalog;
    use crate::store::{AnswerChange, Mode, NewAssessment, OrganizationInput};
    use chrono::{Duration, TimeZone, Utc};

    fn workspace() -> (Store, Catalog) {
        (Store::open_in_memory().unwrap(), Catalog::builtin().unwrap())
    }

    #[test]
    fn demo_overview_lists_every_firm_with_scored_assessments() {
        let (mut store, catalog) = workspace();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let demo = crate::demo::load_demo(&mut store, &catalog, now).unwrap();
        let firms = workspace_overview(&mut store, None).unwrap();
        assert_eq!(firms.len(), demo.organizations.len());
        let listed: usize = firms.iter().map(|f| f.assessments.len()).sum();
        assert_eq!(listed, demo.assessments.len());
        for firm in &firms {
            for pair in firm.assessments.windows(2) {
                assert!(pair[0].assessment.started_at >= pair[1].assessment.started_at, "newest first");
            }
            for a in &firm.assessments {
                assert!(a.overall.level.is_some(), "demo assessments are answered");
                assert!(a.progress.percent > 50);
            }
        }
        let searched = workspace_overview(&mut store, Some("성서")).unwrap();
        assert_eq!(searched.len(), 1);
        assert_eq!(searched[0].organization.name, "(주)한빛정밀");
    }

    #[test]
    fn history_is_oldest_first_and_compares_the_latest_with_its_previous() {
        let (mut store, catalog) = workspace();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        crate::demo::load_demo(&mut store, &catalog, now).unwrap();
        let firm = store.organizations(Some("한빛정밀")).unwrap()[0].id;
        let history = firm_history(&mut store, firm).unwrap();
        assert_eq!(history.len(), 2);
        assert!(history[0].assessment.started_at < history[1].assessment.started_at);
        let (before, after) = default_comparison(&store, firm).unwrap().unwrap();
        assert_eq!((before, after), (history[0].assessment.id, history[1].assessment.id));
        let comparison = compare_assessments(&mut store, before, after).unwrap();
        assert!(comparison.progress.same_questionnaire);
        assert_eq!(comparison.progress.dimensions.len(), comparison.after.questionnaire.dimensions.len());
        assert!(comparison.progress.overall.score_change.unwrap() > 0.0, "the demo firm improved");
    }

    #[test]
    fn comparison_refuses_two_firms_and_one_assessment_twice() {
        let (mut store, catalog) = workspace();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let q = catalog.find("kr-mfg-quick-scan").unwrap();
        let mut ids = vec![];
        for name in ["가", "나"] {
            let org = store.add_organization(&OrganizationInput { name: name.into(), ..Default::default() }, now).unwrap();
            let id = store
                .create_assessment(&NewAssessment { organization_id: org, questionnaire: q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, now)
                .unwrap();
            let change = AnswerChange { value: Some(serde_json::json!("list")), ..Default::default() };
            store.save_answer(id, "qs-dx-plan", Rater::Firm, &change, now + Duration::seconds(1)).unwrap();
            ids.push(id);
        }
        assert!(compare_assessments(&mut store, ids[0], ids[1]).is_err());
        assert!(compare_assessments(&mut store, ids[0], ids[0]).is_err());
        let org = store.assessment(ids[0]).unwrap().organization_id;
        assert_eq!(default_comparison(&store, org).unwrap(), None);
        let summary = &firm_history(&mut store, org).unwrap()[0];
        assert_eq!(summary.progress.answered, 1);
        assert_eq!(summary.progress.total, q.questions.len());
    }
}
