//! The shapes the UI receives. Core types stay free of UI concerns; these are built from them
//! at the edge and serialised with snake_case field names. Building them only gathers and
//! renames: every figure comes from a core function.

use std::collections::BTreeMap;

use jindan::answering::{answering_state, resume_question, AnswerProgress, AnsweringState};
use jindan::explain::{explain_dimension, radar_chart, DimensionExplanation, RadarChartView};
use jindan::firm;
use jindan::i18n::Text;
use jindan::overview::{compare_assessments, default_comparison, firm_history, scored_assessment, AssessmentSummary, FirmOverview};
use jindan::plan;
use jindan::questionnaire::{LevelInfo, Origin, Question, Questionnaire};
use jindan::scoring::{DimensionScore, Disagreement, OverallScore, Warning};
use jindan::store::consent::OrganizationConsent;
use chrono::{DateTime, Utc};
use jindan::answers::Rater;
use jindan::store::{timestamp, AnswerChange, AnswerRecord, Assessment, Organization, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::state::Workspace;
use crate::workspace::StartNotice;

/// Radar charts are laid out in a square of this side (SVG user units); the UI scales them.
const RADAR_SIZE: f64 = 420.0;
/// The axis-label font size the radar labels are broken for, in the same units.
const RADAR_LABEL_SIZE: f64 = 13.0;
/// How many answers a dimension card lists as its strongest and its weakest.
const EXPLAINED_ANSWERS: usize = 3;

/// What the home screen shows about the installation.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// The app's version, e.g. "0.1.0".
    pub version: String,
    /// The workspace database in use, as the operating system writes it.
    pub db_path: String,
    /// The app's process id (the crash-safety test stops this process).
    pub process_id: u32,
}

/// Why the workspace is not open, sorted so the UI can say it in plain words.
#[derive(Debug, Clone, Serialize)]
pub struct WorkspaceProblem {
    /// not_a_workspace, too_new, passphrase_required, wrong_passphrase, no_location or cannot_open.
    pub reason: &'static str,
    /// The technical detail, shown small under the plain words.
    pub message: String,
}

impl WorkspaceProblem {
    /// Sorts a store error from opening a workspace.
    pub fn from_store_error(error: &StoreError) -> WorkspaceProblem {
        let reason = match error {
            StoreError::NotAWorkspace { .. } => "not_a_workspace",
            StoreError::TooNew { .. } => "too_new",
            StoreError::PassphraseRequired { .. } => "passphrase_required",
            StoreError::WrongPassphrase { .. } => "wrong_passphrase",
            _ => "cannot_open",
        };
        WorkspaceProblem { reason, message: error.to_string() }
    }

    /// There is nowhere to keep a workspace.
    pub fn no_location(error: &AppError) -> WorkspaceProblem {
        WorkspaceProblem { reason: "no_location", message: error.message.clone() }
    }
}

/// Where the workspace is and whether it is open.
#[derive(Debug, Clone, Serialize)]
pub struct WorkspaceStatus {
    pub path: Option<String>,
    pub open: bool,
    pub problem: Option<WorkspaceProblem>,
    pub notice: Option<StartNotice>,
}

impl WorkspaceStatus {
    /// The status of a workspace slot.
    pub fn of(workspace: &Workspace) -> WorkspaceStatus {
        WorkspaceStatus {
            path: workspace.path.as_ref().ok().map(|p| p.display().to_string()),
            open: workspace.store.is_ok(),
            problem: workspace.store.as_ref().err().cloned(),
            notice: workspace.notice.clone(),
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreOutcome {
    /// Where the replaced workspace was kept.
    pub kept_copy: String,
    pub organizations: i64,
    pub assessments: i64,
}

/// One questionnaire in the catalogue, without its questions.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireSummary {
    /// Stable identifier, e.g. "kr-mfg-quick-scan".
    pub id: String,
    /// Content version, e.g. "1.0.0".
    pub version: String,
    /// Title in both languages.
    pub title: Text,
    /// What it is for and how long it takes, in both languages.
    pub description: Text,
    /// How many dimensions it scores.
    pub dimension_count: usize,
    /// How many questions it asks.
    pub question_count: usize,
    /// Shipped with the app, or read from a file.
    pub origin: Origin,
}

impl QuestionnaireSummary {
    /// The summary of one catalogue entry.
    pub fn from_entry((questionnaire, origin): &(Questionnaire, Origin)) -> QuestionnaireSummary {
        QuestionnaireSummary {
            id: questionnaire.id.clone(),
            version: questionnaire.version.clone(),
            title: questionnaire.title.clone(),
            description: questionnaire.description.clone(),
            dimension_count: questionnaire.dimensions.len(),
            question_count: questionnaire.questions.len(),
            origin: origin.clone(),
        }
    }
}

/// The lists the firm form chooses from.
#[derive(Debug, Clone, Serialize)]
pub struct FirmReferenceLists {
    pub ksic_divisions: Vec<firm::KsicDivision>,
    /// The 17 시·도: the stored (Korean) name and both display names.
    pub sido: Vec<SidoEntry>,
}

/// One 시·도.
#[derive(Debug, Clone, Serialize)]
pub struct SidoEntry {
    pub value: &'static str,
    pub name: Text,
}

impl FirmReferenceLists {
    /// The core's lists.
    pub fn build() -> FirmReferenceLists {
        FirmReferenceLists {
            ksic_divisions: firm::ksic_divisions(),
            sido: firm::SIDO.iter().map(|&(ko, en)| SidoEntry { value: ko, name: Text::new(ko, en) }).collect(),
        }
    }
}

/// The check of a 사업자등록번호 as typed.
#[derive(Debug, Clone, Serialize)]
pub struct BusinessNumberCheck {
    pub valid: bool,
    /// The number written 123-45-67890, when valid.
    pub formatted: Option<String>,
    /// Why it is not valid, in both languages.
    pub problem: Option<Text>,
}

impl BusinessNumberCheck {
    /// Checks `input` with the core's rule.
    pub fn of(input: &str) -> BusinessNumberCheck {
        match firm::check_business_number(input) {
            Ok(digits) => BusinessNumberCheck { valid: true, formatted: Some(firm::format_business_number(&digits)), problem: None },
            Err(problem) => BusinessNumberCheck { valid: false, formatted: None, problem: Some(problem.message()) },
        }
    }
}

/// A firm as the screens show it.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationView {
    #[serde(flatten)]
    pub organization: Organization,
    /// 123-45-67890, when there is a number.
    pub business_number_display: Option<String>,
    /// The KSIC division's name.
    pub ksic_name: Option<Text>,
    /// The statistics band of the head count, e.g. "10-49".
    pub employee_band: Option<&'static str>,
}

impl OrganizationView {
    /// Adds the display forms the core defines.
    pub fn of(organization: Organization) -> OrganizationView {
        OrganizationView {
            business_number_display: organization.business_number.as_deref().map(firm::format_business_number),
            ksic_name: organization.ksic_division.and_then(firm::ksic_division).map(|d| d.name),
            employee_band: organization.employees.map(firm::employee_band),
            organization,
        }
    }
}

/// A firm with its consent to share anonymized results.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationDetail {
    pub organization: OrganizationView,
    pub consent: OrganizationConsent,
}

/// A firm and its assessments, for the home screen.
#[derive(Debug, Clone, Serialize)]
pub struct FirmOverviewView {
    pub organization: OrganizationView,
    pub assessments: Vec<AssessmentSummary>,
}

impl FirmOverviewView {
    /// The home screen's entry for a firm.
    pub fn of(firm: FirmOverview) -> FirmOverviewView {
        FirmOverviewView { organization: OrganizationView::of(firm.organization), assessments: firm.assessments }
    }
}

/// One answer change from the answering screen.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerChangeInput {
    /// The new value, in the answers-file JSON form ("n/a" for not applicable).
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    /// Removes the rater's value.
    #[serde(default)]
    pub clear_value: bool,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
}

impl From<AnswerChangeInput> for AnswerChange {
    fn from(input: AnswerChangeInput) -> AnswerChange {
        AnswerChange { value: input.value, clear_value: input.clear_value, note: input.note, evidence: input.evidence }
    }
}

/// The questionnaire's header: what every screen of an assessment shows about it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireHeader {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub description: Text,
    pub levels: Vec<LevelInfo>,
}

impl QuestionnaireHeader {
    fn of(q: &Questionnaire) -> QuestionnaireHeader {
        QuestionnaireHeader {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.clone(),
            description: q.description.clone(),
            levels: q.levels.clone(),
        }
    }
}

/// A dimension's name and meaning.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionHeader {
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// What each level (0–5) looks like in this dimension.
    pub level_descriptions: Vec<Text>,
}

fn dimension_headers(q: &Questionnaire) -> Vec<DimensionHeader> {
    q.dimensions
        .iter()
        .map(|d| DimensionHeader { id: d.id.clone(), name: d.name.clone(), description: d.description.clone(), level_descriptions: d.level_descriptions.clone() })
        .collect()
}

/// One rater's stored answer row.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub value: Option<serde_json::Value>,
    pub note: Option<String>,
    pub evidence: Option<String>,
    /// When it was saved (RFC 3339, UTC).
    pub updated_at: String,
}

/// A question with what each rater recorded for it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    #[serde(flatten)]
    pub question: Question,
    /// The firm's own answer row.
    #[serde(rename = "self")]
    pub firm: Option<RecordView>,
    /// The consultant's row.
    pub consultant: Option<RecordView>,
    /// The effective answer in the assessment this one re-assesses, for reference.
    pub previous_value: Option<serde_json::Value>,
}

/// Everything the answering screen needs.
#[derive(Debug, Clone, Serialize)]
pub struct AnsweringView {
    pub assessment: Assessment,
    pub questionnaire: QuestionnaireHeader,
    pub dimensions: Vec<DimensionHeader>,
    pub questions: Vec<QuestionView>,
    pub state: AnsweringState,
    /// The question to open first: where the user left off.
    pub resume_question: Option<String>,
    /// When the assessment this one re-assesses was started, if any.
    pub previous_started_at: Option<String>,
}

impl AnsweringView {
    /// Gathers the answering screen of one assessment.
    pub fn build(store: &mut Store, assessment_id: i64) -> Result<AnsweringView, AppError> {
        let assessment = store.assessment(assessment_id)?;
        let q = store.frozen_questionnaire(&assessment.questionnaire_hash)?;
        let answers = store.answers(assessment_id)?;
        let records = store.answer_records(assessment_id)?;
        let previous = match assessment.previous_id {
            Some(id) => Some((store.assessment(id)?.started_at, store.answers(id)?)),
            None => None,
        };
        let state = answering_state(&q, &answers);
        let resume_question = resume_question(&state, &records);
        let mut by_question: BTreeMap<(&str, jindan::answers::Rater), &AnswerRecord> = BTreeMap::new();
        for record in &records {
            by_question.insert((record.question_id.as_str(), record.rater), record);
        }
        let row = |id: &str, rater| {
            by_question.get(&(id, rater)).map(|r| RecordView {
                value: r.value.clone(),
                note: r.note.clone(),
                evidence: r.evidence.clone(),
                updated_at: r.updated_at.clone(),
            })
        };
        let questions = q
            .questions
            .iter()
            .map(|question| QuestionView {
                question: question.clone(),
                firm: row(&question.id, Rater::Firm),
                consultant: row(&question.id, Rater::Consultant),
                previous_value: previous.as_ref().and_then(|(_, answers)| answers.value(&question.id)).map(|v| v.to_json()),
            })
            .collect();
        Ok(AnsweringView {
            questionnaire: QuestionnaireHeader::of(&q),
            dimensions: dimension_headers(&q),
            questions,
            state,
            resume_question,
            previous_started_at: previous.map(|(started, _)| started),
            assessment,
        })
    }
}

/// What the answering screen learns after each save.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerSaved {
    /// When the change was written (RFC 3339, UTC).
    pub saved_at: String,
    /// The skip logic and progress after the change.
    pub state: AnsweringState,
}

impl AnswerSaved {
    /// Saves one change with `Store::save_answer` (on disk when it returns) and reads back the
    /// skip logic and progress.
    pub fn save(store: &mut Store, id: i64, question: &str, rater: Rater, change: AnswerChange, now: DateTime<Utc>) -> Result<AnswerSaved, AppError> {
        store.save_answer(id, question, rater, &change, now)?;
        let q = store.questionnaire_of(id)?;
        let state = answering_state(&q, &store.answers(id)?);
        Ok(AnswerSaved { saved_at: timestamp(now), state })
    }
}

/// A question's text and dimension, for lists that name questions.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionLabel {
    pub text: Text,
    pub dimension: String,
}

/// One dimension's result, with what explains it.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionResult {
    #[serde(flatten)]
    pub header: DimensionHeader,
    pub result: DimensionScore,
    pub explanation: DimensionExplanation,
}

/// Everything the results screen needs.
#[derive(Debug, Clone, Serialize)]
pub struct ResultsView {
    pub assessment: Assessment,
    pub questionnaire: QuestionnaireHeader,
    pub overall: OverallScore,
    pub progress: AnswerProgress,
    pub dimensions: Vec<DimensionResult>,
    pub disagreements: Vec<Disagreement>,
    pub warnings: Vec<Warning>,
    /// Question id → text, for the explanations, gates and disagreements.
    pub questions: BTreeMap<String, QuestionLabel>,
    /// The current levels, then (after a re-assessment) the earlier ones.
    pub radar: RadarChartView,
    /// When the earlier assessment on the radar was started.
    pub previous_started_at: Option<String>,
}

impl ResultsView {
    /// Scores one assessment and gathers its explanation.
    pub fn build(store: &mut Store, assessment_id: i64) -> Result<ResultsView, AppError> {
        let scored = scored_assessment(store, assessment_id)?;
        let previous = match scored.assessment.previous_id {
            Some(id) => Some(scored_assessment(store, id)?),
            None => None,
        };
        let q = &scored.questionnaire;
        let mut series = vec![&scored.scores];
        series.extend(previous.as_ref().map(|p| &p.scores));
        let radar = radar_chart(q, &series, RADAR_SIZE, RADAR_LABEL_SIZE)?;
        let headers = dimension_headers(q);
        let dimensions = headers
            .into_iter()
            .zip(&scored.scores.dimensions)
            .map(|(header, result)| DimensionResult {
                explanation: explain_dimension(&scored.scores, &header.id, EXPLAINED_ANSWERS),
                header,
                result: result.clone(),
            })
            .collect();
        Ok(ResultsView {
            questionnaire: QuestionnaireHeader::of(q),
            overall: scored.scores.overall.clone(),
            progress: answering_state(q, &scored.answers).progress,
            dimensions,
            disagreements: scored.scores.disagreements.clone(),
            warnings: readable_warnings(q, &scored.scores.warnings),
            questions: question_labels(q),
            radar,
            previous_started_at: previous.map(|p| p.assessment.started_at),
            assessment: scored.assessment,
        })
    }
}

/// The result's warnings as the results screen lists them: disagreements are left out (the
/// screen has a table of them), and a warning about a question names it by its text rather than
/// its id.
fn readable_warnings(q: &Questionnaire, warnings: &[Warning]) -> Vec<Warning> {
    warnings
        .iter()
        .filter(|w| w.code != "disagreement")
        .map(|w| {
            let mut w = w.clone();
            if let Some(question) = w.question.as_deref().and_then(|id| q.question(id)) {
                let prefix = format!("{}: ", question.id);
                for (text, name) in [(&mut w.message.ko, &question.text.ko), (&mut w.message.en, &question.text.en)] {
                    if let Some(rest) = text.strip_prefix(&prefix) {
                        *text = format!("“{name}” — {rest}");
                    }
                }
            }
            w
        })
        .collect()
}

fn question_labels(q: &Questionnaire) -> BTreeMap<String, QuestionLabel> {
    q.questions.iter().map(|question| (question.id.clone(), QuestionLabel { text: question.text.clone(), dimension: question.dimension.clone() })).collect()
}

/// Two assessments of a firm side by side.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    pub before: AssessmentSummary,
    pub after: AssessmentSummary,
    pub progress: plan::Progress,
    /// The later levels, then the earlier ones.
    pub radar: RadarChartView,
}

/// A firm's assessments over time and a T0 → T1 comparison.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    pub organization: OrganizationView,
    /// Oldest first.
    pub assessments: Vec<AssessmentSummary>,
    pub comparison: Option<ComparisonView>,
}

impl HistoryView {
    /// The history of a firm, comparing `pair` (earlier, later) or else the default pair.
    pub fn build(store: &mut Store, organization_id: i64, pair: Option<(i64, i64)>) -> Result<HistoryView, AppError> {
        let organization = OrganizationView::of(store.organization(organization_id)?);
        let assessments = firm_history(store, organization_id)?;
        let pair = match pair {
            Some(pair) => Some(pair),
            None => default_comparison(store, organization_id)?,
        };
        let comparison = match pair {
            Some((before, after)) => {
                let c = compare_assessments(store, before, after)?;
                if c.after.assessment.organization_id != organization_id {
                    return Err(AppError::bad_input(format!("assessment {after} is not one of this firm's")));
                }
                let radar = radar_chart(&c.after.questionnaire, &[&c.after.scores, &c.before.scores], RADAR_SIZE, RADAR_LABEL_SIZE)?;
                Some(ComparisonView { before: AssessmentSummary::of(&c.before), after: AssessmentSummary::of(&c.after), progress: c.progress, radar })
            }
            None => None,
        };
        Ok(HistoryView { organization, assessments, comparison })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jindan::answers::{AnswerValue, Answers};
    use jindan::questionnaire::Catalog;
    use jindan::scoring::score;

    #[test]
    fn warnings_name_questions_by_their_text_and_leave_disagreements_to_their_table() {
        let catalog = Catalog::builtin().unwrap();
        let q = catalog.find("kr-mfg-quick-scan").unwrap();
        let mut answers = Answers::new(q);
        answers.set("qs-dx-plan", Rater::Firm, AnswerValue::Choice("strategic".into()));
        answers.set("qs-dx-plan", Rater::Consultant, AnswerValue::Choice("none".into()));
        let mut grid = std::collections::BTreeMap::new();
        grid.insert("erp".to_string(), "full".to_string());
        answers.set("qs-systems-adoption", Rater::Firm, AnswerValue::Grid(grid));
        let scores = score(q, &answers);
        assert!(scores.warnings.iter().any(|w| w.code == "disagreement"));
        let shown = readable_warnings(q, &scores.warnings);
        assert!(shown.iter().all(|w| w.code != "disagreement"));
        let partial = shown.iter().find(|w| w.code == "partial_grid").unwrap();
        assert!(partial.message.ko.starts_with("“다음 시스템을"), "{}", partial.message.ko);
        assert!(!partial.message.en.contains("qs-systems-adoption"), "{}", partial.message.en);
    }

    #[test]
    fn business_numbers_are_checked_with_the_core_rule() {
        let valid = BusinessNumberCheck::of("2208162517");
        assert!(valid.valid);
        assert_eq!(valid.formatted.as_deref(), Some("220-81-62517"));
        let invalid = BusinessNumberCheck::of("220-81-62518");
        assert!(!invalid.valid && invalid.problem.is_some());
    }
}
