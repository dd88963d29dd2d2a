//! The shapes the plan screen receives: the improvement plan of an assessment with every amount
//! and phase already written in both languages, the what-if comparison, and follow-up actions.
//! Building them gathers the plan's inputs from the store the way `jindan plan` does and calls
//! `jindan::plan`; no figure is computed here.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use jindan::answers::Answers;
use jindan::exchange::{self, BenchmarkComparison, PeerMark};
use jindan::i18n::{Lang, Text};
use jindan::plan::{self, CostRange, Phase, Plan, PlanError, PlannedStep, ProgrammeOverview, Recommendations, Targets};
use jindan::questionnaire::Questionnaire;
use jindan::report::texts::{cost_range_text, months_text};
use jindan::scoring::{self, Scores};
use jindan::store::actions::{Action, ActionChange};
use jindan::store::{Assessment, Store};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

impl From<PlanError> for AppError {
    fn from(error: PlanError) -> AppError {
        // Every plan error is about a file or a value the user gave.
        AppError::bad_input(error.to_string())
    }
}

/// Both languages of a text made by a core formatting function.
fn both(make: impl Fn(Lang) -> String) -> Text {
    Text { ko: make(Lang::Ko), en: make(Lang::En) }
}

fn cost_text(range: CostRange) -> Text {
    both(|lang| cost_range_text(range, lang))
}

/// The calendar day in Korea: programme calls open and close on Korean days.
pub fn korean_day(moment: DateTime<Utc>) -> NaiveDate {
    FixedOffset::east_opt(9 * 3600).map_or_else(|| moment.date_naive(), |korea| moment.with_timezone(&korea).date_naive())
}

/// An assessment with its frozen questionnaire, answers and scores.
pub struct PlanInputs {
    pub assessment: Assessment,
    pub questionnaire: Arc<Questionnaire>,
    pub answers: Answers,
    pub scores: Scores,
    pub recommendations: Recommendations,
}

impl PlanInputs {
    /// Loads an assessment and the shipped recommendations written for its questionnaire.
    pub fn load(store: &mut Store, assessment_id: i64) -> Result<PlanInputs, AppError> {
        let assessment = store.assessment(assessment_id)?;
        let questionnaire = store.questionnaire_of(assessment_id)?;
        let answers = store.answers(assessment_id)?;
        let scores = scoring::score(&questionnaire, &answers);
        let all = plan::builtin_recommendations()?;
        let recommendations = plan::recommendations_for(&all, &questionnaire)?.clone();
        Ok(PlanInputs { assessment, questionnaire, answers, scores, recommendations })
    }

    /// The plan for `targets` (dimension id → level; with `peers`, over the levels of similar
    /// firms in the installed benchmark) on `today`, with the shipped programmes.
    pub fn plan(&self, targets: &BTreeMap<String, u8>, peers: Option<(PeerMark, &BenchmarkComparison)>, today: NaiveDate) -> Result<Plan, AppError> {
        let typed = Targets { levels: targets.clone(), ..Targets::default() };
        let targets = match peers {
            Some((mark, comparison)) => comparison.peer_targets(mark, &self.questionnaire, &self.scores, &typed),
            None => typed,
        };
        targets.check(&self.questionnaire, &self.scores)?;
        let programmes = plan::builtin_programmes()?;
        Ok(plan::plan(&self.questionnaire, &self.scores, &self.recommendations, &programmes, &targets, today))
    }
}

/// A programme a step could be funded by, and whether its call is still open on the plan's day.
#[derive(Debug, Clone, Serialize)]
pub struct StepProgramme {
    pub id: String,
    pub name: Text,
    pub expired: bool,
}

/// One planned step with its texts.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    #[serde(flatten)]
    pub step: PlannedStep,
    pub dimension_name: Text,
    pub cost_text: Text,
    pub duration_text: Text,
    pub support_text: Option<Text>,
    /// Open programmes first, then expired ones.
    pub programme_list: Vec<StepProgramme>,
    /// The titles of the steps this one waits for, in the same order as `waits_for`.
    pub waits_for_titles: Vec<Text>,
}

/// One phase of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub phase: Phase,
    pub name: Text,
    pub cost_text: Text,
    pub support_text: Text,
    pub steps: Vec<StepView>,
}

/// A dimension's current level, target and cost.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionPlanView {
    #[serde(flatten)]
    pub target: plan::DimensionTarget,
    pub score: Option<f64>,
    pub cost_text: Option<Text>,
}

/// The investment package, written out.
#[derive(Debug, Clone, Serialize)]
pub struct InvestmentView {
    pub total_text: Text,
    pub support_text: Text,
    pub has_support: bool,
}

/// Everything the plan screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub assessment: Assessment,
    pub questionnaire_title: Text,
    pub today: NaiveDate,
    pub programmes_checked_on: NaiveDate,
    pub dimensions: Vec<DimensionPlanView>,
    pub phases: Vec<PhaseView>,
    pub step_count: usize,
    pub investment: InvestmentView,
    pub programmes: Vec<ProgrammeOverview>,
    pub actions: Vec<Action>,
    /// The peer group of the installed benchmark in words, when one covers this assessment.
    pub peer_group: Option<Text>,
    /// The peer mark the targets were raised to, if any.
    pub peers: Option<PeerMark>,
}

/// The peer mark with its comparison, or a plain error when the user asks for peers without a benchmark.
fn peer_choice(peers: Option<PeerMark>, comparison: Option<&BenchmarkComparison>) -> Result<Option<(PeerMark, &BenchmarkComparison)>, AppError> {
    match (peers, comparison) {
        (Some(mark), Some(c)) => Ok(Some((mark, c))),
        (Some(_), None) => Err(AppError::bad_input("No installed benchmark covers this assessment, so there are no similar firms to aim at. Install one in the centre screen.".to_string())),
        (None, _) => Ok(None),
    }
}

impl PlanView {
    /// The plan of an assessment for the given targets, with its actions.
    pub fn build(store: &mut Store, assessment_id: i64, targets: &BTreeMap<String, u8>, peers: Option<PeerMark>, now: DateTime<Utc>) -> Result<PlanView, AppError> {
        let inputs = PlanInputs::load(store, assessment_id)?;
        let comparison = exchange::installed_comparison(store, assessment_id)?;
        let plan = inputs.plan(targets, peer_choice(peers, comparison.as_ref())?, korean_day(now))?;
        let actions = store.actions(assessment_id)?;
        let mut view = PlanView::of(&inputs, plan, actions);
        view.peer_group = comparison.map(|c| c.peers);
        view.peers = peers;
        Ok(view)
    }

    fn of(inputs: &PlanInputs, plan: Plan, actions: Vec<Action>) -> PlanView {
        let q = &inputs.questionnaire;
        let dimension_name = |id: &str| q.dimension(id).map_or_else(|| Text::new(id, id), |d| d.name.clone());
        let programme_name = |id: &str| plan.programmes.iter().find(|p| p.id == id).map_or_else(|| Text::new(id, id), |p| p.name.clone());
        let step_title = |id: &str| plan.steps.iter().find(|s| s.id == id).map(|s| s.title.clone()).or_else(|| inputs.recommendations.step(id).map(|s| s.title.clone())).unwrap_or_else(|| Text::new(id, id));
        let phases = Phase::ALL
            .iter()
            .map(|&phase| {
                let cost = plan.investment.by_phase.iter().find(|c| c.phase == phase);
                let steps = plan
                    .steps
                    .iter()
                    .filter(|s| s.phase == phase)
                    .map(|s| {
                        let mut programme_list: Vec<StepProgramme> = s.programmes.iter().map(|m| StepProgramme { id: m.id.clone(), name: m.name.clone(), expired: false }).collect();
                        programme_list.extend(s.expired_programmes.iter().map(|id| StepProgramme { id: id.clone(), name: programme_name(id), expired: true }));
                        StepView {
                            dimension_name: dimension_name(&s.dimension),
                            cost_text: cost_text(s.cost_won),
                            duration_text: both(|lang| months_text(s.duration_months, lang)),
                            support_text: s.support_estimate_won.map(cost_text),
                            programme_list,
                            waits_for_titles: s.waits_for.iter().map(|id| step_title(id)).collect(),
                            step: s.clone(),
                        }
                    })
                    .collect();
                PhaseView {
                    phase,
                    name: both(|lang| phase.name(lang).to_string()),
                    cost_text: cost_text(cost.map(|c| c.cost_won).unwrap_or_default()),
                    support_text: cost_text(cost.map(|c| c.support_estimate_won).unwrap_or_default()),
                    steps,
                }
            })
            .collect();
        let dimensions = plan
            .dimensions
            .iter()
            .map(|d| DimensionPlanView {
                target: d.clone(),
                score: inputs.scores.dimension(&d.id).and_then(|s| s.score),
                cost_text: plan.investment.by_dimension.iter().find(|c| c.dimension == d.id).map(|c| cost_text(c.cost_won)),
            })
            .collect();
        PlanView {
            assessment: inputs.assessment.clone(),
            questionnaire_title: q.title.clone(),
            today: plan.today,
            programmes_checked_on: plan.programmes_checked_on,
            dimensions,
            phases,
            step_count: plan.steps.len(),
            investment: InvestmentView {
                total_text: cost_text(plan.investment.total_won),
                support_text: cost_text(plan.investment.support_estimate_won),
                has_support: plan.investment.support_estimate_won.max > 0,
            },
            programmes: plan.programmes,
            peer_group: None,
            peers: None,
            actions,
        }
    }
}

/// One row of the what-if table: a dimension (or the overall result) before and after.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIfRow {
    pub id: String,
    pub name: Text,
    pub before_score: Option<f64>,
    pub before_level: Option<u8>,
    pub after_score: Option<f64>,
    pub after_level: Option<u8>,
}

/// The scores once the chosen steps are done.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIfView {
    pub steps: Vec<String>,
    pub dimensions: Vec<WhatIfRow>,
    pub overall: WhatIfRow,
    /// How many answers the steps would change.
    pub answers_changed: usize,
}

impl WhatIfView {
    /// Applies the effects of `steps` to a copy of the assessment's answers and scores it again.
    pub fn build(store: &mut Store, assessment_id: i64, steps: &[String]) -> Result<WhatIfView, AppError> {
        let inputs = PlanInputs::load(store, assessment_id)?;
        if let Some(unknown) = steps.iter().find(|id| inputs.recommendations.step(id).is_none()) {
            return Err(PlanError::UnknownStep { step: unknown.clone(), recommendations: inputs.recommendations.reference() }.into());
        }
        let result = plan::what_if(&inputs.questionnaire, &inputs.answers, &inputs.recommendations, steps);
        let dimensions = result
            .before
            .dimensions
            .iter()
            .zip(&result.after.dimensions)
            .map(|(b, a)| WhatIfRow { id: b.id.clone(), name: b.name.clone(), before_score: b.score, before_level: b.level, after_score: a.score, after_level: a.level })
            .collect();
        let overall = WhatIfRow {
            id: "overall".into(),
            name: Text::new("종합", "Overall"),
            before_score: result.before.overall.score,
            before_level: result.before.overall.level,
            after_score: result.after.overall.score,
            after_level: result.after.overall.level,
        };
        Ok(WhatIfView { steps: result.steps, dimensions, overall, answers_changed: result.applied.len() })
    }
}

/// Changes to an action as the plan screen sends them; a missing field is left alone and an
/// empty text clears it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionChangeInput {
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub status: Option<String>,
    pub note: Option<String>,
}

impl From<ActionChangeInput> for ActionChange {
    fn from(input: ActionChangeInput) -> ActionChange {
        ActionChange { owner: input.owner, due_date: input.due_date, status: input.status, note: input.note }
    }
}

/// Makes one action per step of the plan (steps that have one keep it); returns all actions.
pub fn create_actions_from_plan(store: &mut Store, assessment_id: i64, targets: &BTreeMap<String, u8>, peers: Option<PeerMark>, now: DateTime<Utc>) -> Result<Vec<Action>, AppError> {
    let inputs = PlanInputs::load(store, assessment_id)?;
    let comparison = if peers.is_some() { exchange::installed_comparison(store, assessment_id)? } else { None };
    let plan = inputs.plan(targets, peer_choice(peers, comparison.as_ref())?, korean_day(now))?;
    let new: Vec<_> = plan.steps.iter().map(|s| jindan::store::actions::NewAction::from_planned_step(s, plan.today)).collect();
    store.create_actions(assessment_id, &new, now)?;
    Ok(store.actions(assessment_id)?)
}
