//! The assessment report: what goes into it ([`ReportInput`], gathered from the store by
//! [`gather_report_input`]), and [`render_report`], which lays it out as an A4 PDF.
//!
//! Rendering reads no clock and no store: the same input, language and creation time give the
//! same bytes. No score is computed here: every figure comes from `scoring::score`, `plan::plan`,
//! `plan::compare` or the peer benchmark, and is only formatted.
//!
//! The sections, in order: cover; 1. executive summary with the radar chart; 2. results by
//! dimension; 3. one section per dimension with every answer; 4. the roadmap (timeline, steps,
//! investment package, programmes); 5. progress since the previous assessment, when there is
//! one; and the method appendix.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::answers::{AnswerValue, Answers};
use crate::exchange::bundle::FirmAttributes;
use crate::exchange::{BenchmarkComparison, ExchangeError, PeerMark, compare_with_benchmark, installed_benchmark_for, nearest_benchmark_cell};
use crate::firm;
use crate::i18n::Lang;
use crate::plan::{self, Phase, Plan, PlanError, Programmes, ProgrammeStatus, Progress, Recommendations, TargetSource, Targets};
use crate::questionnaire::{MAX_LEVEL, OverallLevelRule, Question, QuestionKind, Questionnaire};
use crate::report::fingerprint::{ReportStamp, ResultFingerprint, result_fingerprint};
use crate::report::fonts::{FontWeight, report_font, substitute_missing_glyphs};
use crate::report::narrative::{dimensions_by_score, summary_paragraphs};
use crate::report::pdf::{
    HeadingLevel, PageSetup, PdfError, PhaseTimeline, RadarChart, RadarSeries, RadarSeriesRole, ReportColor, ReportDocument, ReportFooter,
    ReportMetadata, ReportTable, TableColumn, TextAlignment, TextStyle, TimelineItem,
};
use crate::report::texts::{
    ReportTexts, cost_range_text, day_text, level_label, months_text, percent_text, report_texts, score_text, signed_change_text, won_text,
};
use crate::scoring::{self, DimensionScore, ItemScore, ItemStatus, Scores};
use crate::store::actions::{Action, ActionStatus, assessment_moment};
use crate::store::{Assessment, Mode, Organization, Status, Store, StoreError};

/// What can go wrong while gathering a report's data or writing it.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Laying out or writing the PDF failed.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The workspace failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The plan data or a target is not usable.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The installed peer benchmark could not be read.
    #[error("peer benchmark: {0}")]
    Benchmark(#[from] ExchangeError),
    /// A text entered by a user has a character the report font cannot print.
    #[error(
        "{place} contains {ch:?} (U+{code:04X}), which the report font cannot print; change that text and make the report again (\"{context}\")",
        code = u32::from(*.ch)
    )]
    UnprintableCharacter {
        /// Where the text is, e.g. "the note of question qs-dx-plan".
        place: String,
        /// The character.
        ch: char,
        /// The text around it.
        context: String,
    },
}

impl ReportError {
    /// Whether the error is the user's input rather than the machine.
    pub fn is_bad_input(&self) -> bool {
        match self {
            ReportError::Store(e) => e.is_bad_input(),
            ReportError::Plan(_) | ReportError::UnprintableCharacter { .. } => true,
            ReportError::Benchmark(e) => e.is_bad_input(),
            ReportError::Pdf(_) => false,
        }
    }

    /// A stable name of the error's kind, for the desktop app.
    pub fn kind(&self) -> &'static str {
        match self {
            ReportError::Pdf(_) => "pdf",
            ReportError::Store(StoreError::NotFound { .. }) => "not_found",
            ReportError::Store(_) => "store",
            ReportError::Plan(_) => "plan",
            ReportError::Benchmark(_) => "benchmark",
            ReportError::UnprintableCharacter { .. } => "unprintable_character",
        }
    }
}

/// The earlier assessment of the same firm, and how the firm moved since.
#[derive(Debug, Clone)]
pub struct PreviousResult {
    pub assessment: Assessment,
    pub scores: Scores,
    /// `plan::compare` of the previous scores with this assessment's.
    pub progress: Progress,
    /// Actions of the firm completed after the previous assessment and no later than this one.
    pub actions_done_between: Vec<Action>,
}

/// Everything a report shows, gathered from the store by the CLI or the app.
#[derive(Debug, Clone)]
pub struct ReportInput {
    pub organization: Organization,
    pub assessment: Assessment,
    /// The frozen questionnaire the assessment is answered against.
    pub questionnaire: Arc<Questionnaire>,
    pub answers: Answers,
    /// `scoring::score(questionnaire, answers)`.
    pub scores: Scores,
    /// None when no recommendations are written for the questionnaire.
    pub plan: Option<Plan>,
    /// The assessment's follow-up actions.
    pub actions: Vec<Action>,
    pub previous: Option<PreviousResult>,
    pub benchmark: Option<BenchmarkComparison>,
    /// The peer mark the plan's targets were raised to, if any.
    pub peer_mark: Option<PeerMark>,
}

/// Choices for the plan a report shows. The default plans one level up in every dimension with
/// the shipped recommendations and programmes, on the report's creation day.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub targets: Targets,
    /// Recommendations to use instead of the shipped ones.
    pub recommendations: Option<Recommendations>,
    /// Support programmes to use instead of the shipped ones.
    pub programmes: Option<Programmes>,
    /// The day the plan is made for; the report's creation day when None.
    pub plan_day: Option<NaiveDate>,
    /// Aim every dimension at this mark of the installed peer benchmark (`targets` still win).
    pub peers: Option<PeerMark>,
}

/// Gathers a report's input from the store: the firm, the assessment and its frozen
/// questionnaire, answers and scores, the plan for `plan_day`, actions, the previous assessment
/// with progress, and the nearest peer benchmark cell when a benchmark is installed.
pub fn gather_report_input(store: &mut Store, assessment_id: i64, plan_day: NaiveDate, options: &ReportOptions) -> Result<ReportInput, ReportError> {
    let assessment = store.assessment(assessment_id)?;
    let organization = store.organization(assessment.organization_id)?;
    let questionnaire = store.questionnaire_of(assessment_id)?;
    let answers = store.answers(assessment_id)?;
    let scores = scoring::score(&questionnaire, &answers);
    options.targets.check(&questionnaire, &scores)?;
    let benchmark = match installed_benchmark_for(store, &questionnaire.content_hash)? {
        Some(installed) => {
            let attributes = FirmAttributes::generalized(&organization);
            nearest_benchmark_cell(
                &installed,
                &questionnaire.content_hash,
                attributes.ksic_division,
                attributes.employee_band.as_deref(),
                attributes.sido.as_deref(),
            )
            .map(|(cell, description)| compare_with_benchmark(&questionnaire, &scores, &installed, &cell, &description))
        }
        None => None,
    };

    let targets = match (options.peers, &benchmark) {
        (Some(mark), Some(b)) => b.peer_targets(mark, &questionnaire, &scores, &options.targets),
        (Some(_), None) => {
            return Err(ReportError::Benchmark(ExchangeError::BadInput(format!(
                "targets toward peers need an installed benchmark that covers {}; install one with `jindan benchmark install`",
                questionnaire.reference()
            ))));
        }
        (None, _) => options.targets.clone(),
    };

    let recommendations = match &options.recommendations {
        Some(r) if r.applies_to_questionnaire(&questionnaire) => Some(r.clone()),
        Some(r) => {
            return Err(PlanError::NoRecommendations(format!("{} (recommendations {} are written for {})", questionnaire.reference(), r.reference(), r.applies_to.join(", "))).into());
        }
        None => {
            let all = plan::builtin_recommendations()?;
            plan::recommendations_for(&all, &questionnaire).ok().cloned()
        }
    };
    let plan = match recommendations {
        Some(recommendations) => {
            let programmes = match &options.programmes {
                Some(p) => p.clone(),
                None => plan::builtin_programmes()?,
            };
            Some(plan::plan(&questionnaire, &scores, &recommendations, &programmes, &targets, plan_day))
        }
        None => None,
    };
    let actions = store.actions(assessment_id)?;

    let previous = match store.previous_assessment(assessment_id)? {
        Some(before) => {
            let before_questionnaire = store.questionnaire_of(before.id)?;
            let before_answers = store.answers(before.id)?;
            let before_scores = scoring::score(&before_questionnaire, &before_answers);
            let progress = plan::compare(&questionnaire, &before_scores, &scores);
            let (from, until) = (assessment_moment(&before), assessment_moment(&assessment));
            let (after, until) = if from <= until { (from, until) } else { (until, from) };
            let actions_done_between = store.actions_done_between(organization.id, after, until)?;
            Some(PreviousResult { assessment: before, scores: before_scores, progress, actions_done_between })
        }
        None => None,
    };

    Ok(ReportInput { organization, assessment, questionnaire, answers, scores, plan, actions, previous, benchmark, peer_mark: options.peers })
}

/// Gathers an assessment's data from the store and renders its report: the one call the
/// desktop app needs. `created` is the report's creation time; its calendar day is the plan's
/// day unless the options set one.
pub fn build_report_for_assessment(
    store: &mut Store,
    assessment_id: i64,
    lang: Lang,
    created: DateTime<FixedOffset>,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    let plan_day = options.plan_day.unwrap_or_else(|| created.date_naive());
    let input = gather_report_input(store, assessment_id, plan_day, options)?;
    render_report(&input, lang, created)
}

/// The stamp a report of this input carries: the assessment and the fingerprint of its result.
pub fn report_stamp(input: &ReportInput) -> ReportStamp {
    ReportStamp {
        assessment_id: input.assessment.id,
        assessment_started_at: input.assessment.started_at.clone(),
        questionnaire_hash: input.questionnaire.content_hash.clone(),
        fingerprint: result_fingerprint(input.assessment.id, &input.questionnaire.content_hash, &input.answers, &input.scores),
    }
}

/// Lays the report out and writes the PDF. Pure apart from the fonts parsed once per process.
pub fn render_report(input: &ReportInput, lang: Lang, created: DateTime<FixedOffset>) -> Result<Vec<u8>, ReportError> {
    check_user_texts(input)?;
    let texts = report_texts(lang);
    let stamp = report_stamp(input);
    let metadata = ReportMetadata {
        title: format!("{} — {}", texts.document_title, input.organization.name),
        author: input.assessment.assessor.clone().unwrap_or_else(|| input.organization.name.clone()),
        subject: texts.document_subject.to_string(),
        keywords: stamp.to_keywords(),
        creation_date: created,
    };
    let footer = ReportFooter {
        left_text: format!("Jindan · {} · #{} · {} {}", input.organization.name, input.assessment.id, texts.footer_fingerprint, stamp.fingerprint.short()),
        page_number_format: texts.page_number_format.to_string(),
    };
    let mut document = ReportDocument::new(PageSetup::a4_portrait(), metadata, footer)?;
    let report = Report { input, lang, texts, q: &input.questionnaire };
    report.cover(&mut document, created)?;
    report.summary(&mut document)?;
    report.results(&mut document)?;
    report.details(&mut document)?;
    report.roadmap(&mut document)?;
    report.progress(&mut document)?;
    report.method(&mut document, &stamp.fingerprint)?;
    Ok(document.to_bytes()?)
}

/// Checks every text a user typed (names, notes, evidence, free-text answers, action fields)
/// against both fonts, so that an unprintable character is reported with the place to fix it.
fn check_user_texts(input: &ReportInput) -> Result<(), ReportError> {
    let mut places: Vec<(String, &str)> = vec![("the firm's name".into(), input.organization.name.as_str())];
    let firm = &input.organization;
    for (label, value) in [("the firm's site", &firm.site), ("the firm's industrial complex", &firm.industrial_complex), ("the assessor's name", &input.assessment.assessor)] {
        if let Some(v) = value {
            places.push((label.into(), v.as_str()));
        }
    }
    for (question, answer) in &input.answers.answers {
        if let Some(note) = &answer.note {
            places.push((format!("the note of question {question}"), note.as_str()));
        }
        if let Some(evidence) = &answer.evidence {
            places.push((format!("the evidence of question {question}"), evidence.as_str()));
        }
        for value in [&answer.firm, &answer.consultant].into_iter().flatten() {
            if let AnswerValue::Text(text) = value {
                places.push((format!("the answer to question {question}"), text.as_str()));
            }
        }
    }
    let previous_actions = input.previous.iter().flat_map(|p| &p.actions_done_between);
    for action in input.actions.iter().chain(previous_actions) {
        for (label, value) in [("owner", &action.owner), ("note", &action.note)] {
            if let Some(v) = value {
                places.push((format!("the {label} of action {}", action.id), v.as_str()));
            }
        }
    }
    for weight in [FontWeight::Regular, FontWeight::Bold] {
        let font = report_font(weight)?;
        for (place, text) in &places {
            if let Err(PdfError::MissingGlyph { ch, context, .. }) = substitute_missing_glyphs(text, font) {
                return Err(ReportError::UnprintableCharacter { place: place.clone(), ch, context });
            }
        }
    }
    Ok(())
}

/// The colour of a level's badge: grey at the bottom, deepening blue towards level 5.
fn level_color(level: Option<u8>) -> ReportColor {
    match level {
        None | Some(0) => ReportColor::from_rgb(0x9A, 0xA3, 0xAF),
        Some(1) => ReportColor::from_rgb(0x6F, 0x8F, 0xBF),
        Some(2) => ReportColor::from_rgb(0x4A, 0x7B, 0xC0),
        Some(3) => ReportColor::from_rgb(0x2D, 0x5D, 0xA6),
        Some(4) => ReportColor::PRIMARY,
        Some(_) => ReportColor::from_rgb(0x14, 0x2B, 0x52),
    }
}

/// The relative widths of the step table's columns: number, step, cost, duration, programmes,
/// follow-up.
const STEP_COLUMN_WEIGHTS: [f32; 6] = [0.7, 4.4, 2.4, 1.5, 2.6, 1.7];
/// The width of the text in the step table's cost column: its share of the 170 mm content width
/// less the cells' 2 mm padding either side.
const STEP_COST_WIDTH_MM: f32 = 170.0 * STEP_COLUMN_WEIGHTS[2]
    / (STEP_COLUMN_WEIGHTS[0] + STEP_COLUMN_WEIGHTS[1] + STEP_COLUMN_WEIGHTS[2] + STEP_COLUMN_WEIGHTS[3] + STEP_COLUMN_WEIGHTS[4] + STEP_COLUMN_WEIGHTS[5])
    - 4.0;
/// The size of table text, as the drawing layer sets it.
const TABLE_TEXT_SIZE_PT: f32 = 9.0;

/// A cost range for a narrow table cell: on one line when it fits, else broken after the "~"
/// rather than inside a number.
fn cost_cell(range: plan::CostRange, lang: Lang, width_mm: f32) -> String {
    let text = cost_range_text(range, lang);
    let fits = report_font(FontWeight::Regular).map_or(true, |font| font.text_width_pt(&text, TABLE_TEXT_SIZE_PT) <= crate::report::pdf::mm_to_pt(width_mm));
    if fits { text } else { text.replacen('~', "~\n", 1) }
}

fn column(header: &str, width_weight: f32, alignment: TextAlignment) -> TableColumn {
    TableColumn { header: header.to_string(), width_weight, alignment }
}

/// One report being written: the input and the language, shared by every section.
struct Report<'a> {
    input: &'a ReportInput,
    lang: Lang,
    texts: &'static ReportTexts,
    q: &'a Questionnaire,
}

impl Report<'_> {
    fn ko(&self) -> bool {
        self.lang == Lang::Ko
    }

    fn dimension_name<'b>(&'b self, id: &'b str) -> &'b str {
        self.q.dimension(id).map_or(id, |d| d.name.get(self.lang))
    }

    /// "2 · 자동 수집·모니터링", or "—" for no level.
    fn level_with_name(&self, level: Option<u8>) -> String {
        level.map_or_else(|| self.texts.not_given.to_string(), |l| format!("{l} · {}", self.q.level_name(l, self.lang)))
    }

    fn score_and_level(&self, score: Option<f64>, level: Option<u8>) -> String {
        match level {
            Some(l) => format!("{} · {}", score_text(score, self.lang), level_label(l, self.lang)),
            None => score_text(score, self.lang),
        }
    }

    fn mode_text(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::SelfAssessment => self.texts.mode_self,
            Mode::Consultant => self.texts.mode_consultant,
        }
    }

    fn sido_text(&self, sido: &str) -> String {
        match self.lang {
            Lang::Ko => sido.to_string(),
            Lang::En => firm::SIDO.iter().find(|s| s.0 == sido).map_or_else(|| sido.to_string(), |s| s.1.to_string()),
        }
    }

    fn action_status_text(&self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Todo => self.texts.action_todo,
            ActionStatus::Doing => self.texts.action_doing,
            ActionStatus::Done => self.texts.action_done,
            ActionStatus::Dropped => self.texts.action_dropped,
        }
    }

    /// The day an assessment's answers describe, with "(작성 중)" for a draft.
    fn assessment_day(&self, assessment: &Assessment) -> String {
        let day = day_text(assessment_moment(assessment));
        match assessment.status {
            Status::Completed => day,
            Status::Draft => format!("{day} {}", self.texts.status_draft_suffix),
        }
    }

    // ----- Cover -----

    fn cover(&self, document: &mut ReportDocument, created: DateTime<FixedOffset>) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        let firm = &input.organization;
        document.vertical_space(28.0);
        document.paragraph(texts.document_title, &TextStyle::body_bold().with_size(14.0).with_color(ReportColor::PRIMARY).with_space_after_mm(5.0))?;
        document.paragraph(&firm.name, &TextStyle::body_bold().with_size(26.0).with_space_after_mm(3.0))?;
        let place: Vec<String> = [firm.site.clone(), firm.industrial_complex.clone(), firm.sido.as_deref().map(|s| self.sido_text(s))].into_iter().flatten().collect();
        if !place.is_empty() {
            document.paragraph(&place.join(" · "), &TextStyle::body().with_size(12.0).with_color(ReportColor::SECONDARY_TEXT).with_space_after_mm(10.0))?;
        }
        let overall = &input.scores.overall;
        let caption = match overall.level {
            Some(level) => format!(
                "{} · {} {} · {} {}",
                self.q.level_name(level, lang),
                texts.overall_score_label,
                score_text(overall.score, lang),
                texts.coverage_label,
                percent_text(overall.coverage)
            ),
            None => format!("{} {}", texts.coverage_label, percent_text(overall.coverage)),
        };
        let badge = overall.level.map_or_else(|| texts.not_given.to_string(), |l| level_label(l, lang));
        document.level_badge(&badge, level_color(overall.level), &caption)?;
        document.vertical_space(4.0);
        document.horizontal_rule();
        document.vertical_space(2.0);

        const KEY_WIDTH_MM: f32 = 44.0;
        let not_given = texts.not_given;
        let business_number = firm.business_number.as_deref().map(firm::format_business_number).unwrap_or_else(|| not_given.to_string());
        document.key_value_line(texts.cover_business_number, &business_number, KEY_WIDTH_MM)?;
        if let Some(division) = firm.ksic_division {
            let industry = firm::ksic_division(division).map_or_else(|| format!("KSIC {division}"), |d| format!("{} (KSIC {division})", d.name.get(lang)));
            document.key_value_line(texts.cover_industry, &industry, KEY_WIDTH_MM)?;
        }
        if let Some(employees) = firm.employees {
            let text = if self.ko() { format!("{employees}명") } else { employees.to_string() };
            document.key_value_line(texts.cover_employees, &text, KEY_WIDTH_MM)?;
        }
        let assessment = &input.assessment;
        document.key_value_line(texts.cover_assessment_date, &self.assessment_day(assessment), KEY_WIDTH_MM)?;
        document.key_value_line(texts.cover_mode, self.mode_text(assessment.mode), KEY_WIDTH_MM)?;
        document.key_value_line(texts.cover_assessor, assessment.assessor.as_deref().unwrap_or(not_given), KEY_WIDTH_MM)?;
        document.key_value_line(texts.cover_questionnaire, self.q.title.get(lang), KEY_WIDTH_MM)?;
        document.key_value_line(texts.cover_questionnaire_version, &self.q.reference(), KEY_WIDTH_MM)?;
        document.key_value_line(texts.cover_assessment_number, &format!("#{}", assessment.id), KEY_WIDTH_MM)?;
        if let Some(previous) = &input.previous {
            document.key_value_line(
                texts.cover_previous_assessment,
                &format!("#{} · {}", previous.assessment.id, self.assessment_day(&previous.assessment)),
                KEY_WIDTH_MM,
            )?;
        }
        document.key_value_line(texts.cover_report_date, &created.format("%Y-%m-%d").to_string(), KEY_WIDTH_MM)?;
        document.vertical_space(6.0);
        if assessment.status == Status::Draft {
            document.paragraph(texts.cover_draft_warning, &TextStyle::body_bold().with_color(ReportColor::BENCHMARK))?;
        }
        document.paragraph(texts.cover_fingerprint_note, &TextStyle::secondary())?;
        document.start_new_page();
        Ok(())
    }

    // ----- 1. Summary -----

    fn summary(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        document.heading(HeadingLevel::One, texts.summary_heading)?;
        let overall = &input.scores.overall;
        let caption = match overall.level {
            Some(level) => format!("{} · {} {} / 100", self.q.level_name(level, lang), texts.overall_score_label, score_text(overall.score, lang)),
            None => texts.not_given.to_string(),
        };
        let badge = overall.level.map_or_else(|| texts.not_given.to_string(), |l| level_label(l, lang));
        document.level_badge(&badge, level_color(overall.level), &caption)?;
        self.radar(document)?;
        let ranked = dimensions_by_score(input);
        if !ranked.is_empty() {
            let listed = |dimensions: Vec<&DimensionScore>| {
                dimensions.iter().map(|d| format!("{}\u{00A0}{}", self.dimension_name(&d.id), score_text(d.score, lang))).collect::<Vec<_>>().join(" · ")
            };
            document.key_value_line(texts.strongest_column, &listed(ranked.iter().take(3).copied().collect()), 30.0)?;
            document.key_value_line(texts.weakest_column, &listed(ranked.iter().rev().take(3).copied().collect()), 30.0)?;
            document.vertical_space(3.0);
        }
        for paragraph in summary_paragraphs(input, lang) {
            document.paragraph(&paragraph, &TextStyle::body())?;
        }

        Ok(())
    }

    fn radar(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        let dimensions = &self.q.dimensions;
        if dimensions.len() < crate::report::chart::RADAR_MIN_AXES || dimensions.len() > crate::report::chart::RADAR_MAX_AXES {
            return Ok(());
        }
        let level_of = |scores: &Scores, id: &str| f64::from(scores.dimension(id).and_then(|d| d.level).unwrap_or(0));
        let mut series = vec![RadarSeries {
            name: match lang {
                Lang::Ko => format!("이번 진단 ({})", day_text(assessment_moment(&input.assessment))),
                Lang::En => format!("This assessment ({})", day_text(assessment_moment(&input.assessment))),
            },
            role: RadarSeriesRole::Current,
            values: dimensions.iter().map(|d| level_of(&input.scores, &d.id)).collect(),
        }];
        if let Some(previous) = &input.previous {
            series.push(RadarSeries {
                name: match lang {
                    Lang::Ko => format!("이전 진단 ({})", day_text(assessment_moment(&previous.assessment))),
                    Lang::En => format!("Previous ({})", day_text(assessment_moment(&previous.assessment))),
                },
                role: RadarSeriesRole::Previous,
                values: dimensions.iter().map(|d| level_of(&previous.scores, &d.id)).collect(),
            });
        }
        if let Some(benchmark) = &input.benchmark {
            let median_level = |id: &str| {
                benchmark.dimensions.iter().find(|m| m.id == id).and_then(|m| m.peers).map_or(0.0, |p| f64::from(self.q.level_for_score(p.median)))
            };
            series.push(RadarSeries {
                name: match lang {
                    Lang::Ko => format!("비교 그룹 중앙값 ({}곳)", benchmark.firms),
                    Lang::En => format!("Peer median ({} firms)", benchmark.firms),
                },
                role: RadarSeriesRole::Benchmark,
                values: dimensions.iter().map(|d| median_level(&d.id)).collect(),
            });
        }
        const CHART_SIZE_MM: f32 = 76.0;
        document.radar_chart(&RadarChart {
            axis_labels: dimensions.iter().map(|d| d.name.get(lang).to_string()).collect(),
            series,
            size_mm: CHART_SIZE_MM,
        })?;
        let mut caption = texts.radar_caption.to_string();
        if input.benchmark.is_some() {
            caption.push(' ');
            caption.push_str(texts.radar_caption_benchmark);
        }
        document.paragraph(&caption, &TextStyle::secondary().with_alignment(TextAlignment::Center).with_space_after_mm(4.0))?;
        Ok(())
    }

    // ----- 2. Results by dimension -----

    fn gate_cell(&self, d: &DimensionScore, section: usize) -> String {
        match &d.capped_by {
            None => self.texts.not_given.to_string(),
            Some(cap) => match self.lang {
                Lang::Ko => format!("{} 관문 미충족 (점수로는 수준 {}) · 3.{section} 참조", level_label(cap.gate_level, self.lang), cap.level_by_score),
                Lang::En => format!("Level {} gate not met (level {} by score) · see 3.{section}", cap.gate_level, cap.level_by_score),
            },
        }
    }

    fn results(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        // The results follow the summary on its page only when most of a page is left.
        document.require_space_mm(150.0);
        document.heading(HeadingLevel::One, texts.results_heading)?;
        let mut rows: Vec<Vec<String>> = input
            .scores
            .dimensions
            .iter()
            .enumerate()
            .map(|(index, d)| {
                vec![
                    self.dimension_name(&d.id).to_string(),
                    score_text(d.score, lang),
                    self.level_with_name(d.level),
                    percent_text(d.coverage),
                    self.gate_cell(d, index + 1),
                ]
            })
            .collect();
        let overall = &input.scores.overall;
        rows.push(vec![texts.overall_row.to_string(), score_text(overall.score, lang), self.level_with_name(overall.level), percent_text(overall.coverage), String::new()]);
        document.table(&ReportTable {
            columns: vec![
                column(texts.dimension_column, 2.9, TextAlignment::Left),
                column(texts.score_column, 1.1, TextAlignment::Right),
                column(texts.level_column, 2.6, TextAlignment::Left),
                column(texts.coverage_column, 1.5, TextAlignment::Right),
                column(texts.gate_column, 3.0, TextAlignment::Left),
            ],
            rows,
        })?;
        if input.scores.dimensions.iter().any(|d| d.capped_by.is_some()) {
            document.paragraph(texts.gate_explanation, &TextStyle::secondary())?;
        }

        document.heading(HeadingLevel::Two, texts.score_bars_heading)?;
        for d in &input.scores.dimensions {
            document.score_bar(self.dimension_name(&d.id), d.score.unwrap_or(0.0), &score_text(d.score, lang), level_color(d.level))?;
        }
        document.vertical_space(3.0);

        if let Some(benchmark) = &input.benchmark {
            document.heading(HeadingLevel::Two, texts.benchmark_heading)?;
            let published = match lang {
                Lang::Ko => format!("비교 그룹: {} · 벤치마크 공개일 {}", benchmark.peers.get(lang), benchmark.published_on),
                Lang::En => format!("Peer group: {} · benchmark published {}", benchmark.peers.get(lang), benchmark.published_on),
            };
            document.paragraph(&published, &TextStyle::secondary())?;
            let rows = std::iter::once(&benchmark.overall)
                .chain(&benchmark.dimensions)
                .map(|m| {
                    let name = if m.id == "overall" { texts.overall_row.to_string() } else { self.dimension_name(&m.id).to_string() };
                    vec![
                        name,
                        score_text(m.you, lang),
                        score_text(m.peers.map(|p| p.median), lang),
                        m.peers.map_or_else(|| texts.not_given.to_string(), |p| format!("{:.1}–{:.1}", p.p25, p.p75)),
                        m.position.map_or_else(|| texts.not_given.to_string(), |p| p.text().get(lang).to_string()),
                    ]
                })
                .collect();
            document.table(&ReportTable {
                columns: vec![
                    column(texts.dimension_column, 3.0, TextAlignment::Left),
                    column(texts.benchmark_you_column, 1.4, TextAlignment::Right),
                    column(texts.benchmark_median_column, 1.5, TextAlignment::Right),
                    column(texts.benchmark_range_column, 1.6, TextAlignment::Right),
                    column(texts.benchmark_position_column, 2.0, TextAlignment::Left),
                ],
                rows,
            })?;
        }
        Ok(())
    }

    // ----- 3. Dimension details -----

    /// An answer value in words, using the question's option labels.
    fn value_text(&self, question: &Question, value: &AnswerValue) -> String {
        let lang = self.lang;
        match (&question.kind, value) {
            (_, AnswerValue::NotApplicable) => self.texts.status_not_applicable.to_string(),
            (QuestionKind::Single { options }, AnswerValue::Choice(id)) => options.iter().find(|o| &o.id == id).map_or_else(|| id.clone(), |o| o.label.get(lang).to_string()),
            (QuestionKind::Multi { options, .. }, AnswerValue::Choices(ids)) => {
                let labels: Vec<&str> = options.iter().filter(|o| ids.contains(&o.id)).map(|o| o.label.get(lang)).collect();
                if labels.is_empty() { self.texts.not_given.to_string() } else { labels.join(", ") }
            }
            (QuestionKind::Grid { rows, scale }, AnswerValue::Grid(given)) => rows
                .iter()
                .filter_map(|row| {
                    let step = given.get(&row.id)?;
                    let step_label = scale.iter().find(|s| &s.id == step).map_or(step.as_str(), |s| s.label.get(lang));
                    Some(format!("{}: {step_label}", row.label.get(lang)))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            (QuestionKind::Numeric { unit, .. }, AnswerValue::Number(n)) => {
                let number = if n.fract() == 0.0 { format!("{n:.0}") } else { format!("{n}") };
                match unit.as_ref().map(|u| u.get(lang)) {
                    Some("%") => format!("{number}%"),
                    Some(unit) => format!("{number} {unit}"),
                    None => number,
                }
            }
            (_, AnswerValue::Text(text)) => text.clone(),
            (_, AnswerValue::Choice(id)) => id.clone(),
            (_, AnswerValue::Choices(ids)) => ids.join(", "),
            (_, AnswerValue::Grid(given)) => given.iter().map(|(row, step)| format!("{row}: {step}")).collect::<Vec<_>>().join("\n"),
            (_, AnswerValue::Number(n)) => n.to_string(),
        }
    }

    fn answer_cell(&self, question: &Question, item: Option<&ItemScore>) -> String {
        let texts = self.texts;
        let value = self.input.answers.value(&question.id);
        match item.map(|i| i.status) {
            Some(ItemStatus::Skipped) => texts.status_skipped.to_string(),
            Some(ItemStatus::Pending) => texts.status_pending.to_string(),
            Some(ItemStatus::NotApplicable) if value.is_none_or(|v| !v.is_na()) => texts.status_not_applicable.to_string(),
            _ => match value {
                None => texts.status_unanswered.to_string(),
                Some(v) => {
                    let mut text = self.value_text(question, v);
                    if item.is_some_and(|i| i.rated_by == Some(crate::answers::Rater::Consultant)) && self.input.assessment.mode == Mode::Consultant {
                        text.push(' ');
                        text.push_str(texts.consultant_marker);
                    }
                    text
                }
            },
        }
    }

    fn item_score_cell(&self, item: Option<&ItemScore>) -> String {
        match item {
            Some(i) if matches!(i.status, ItemStatus::Answered | ItemStatus::Skipped) => percent_text(i.score.unwrap_or(0.0)),
            Some(i) if i.status == ItemStatus::NotApplicable => self.texts.score_excluded.to_string(),
            _ => self.texts.not_given.to_string(),
        }
    }

    fn notes_cell(&self, question_id: &str) -> String {
        let Some(answer) = self.input.answers.answers.get(question_id) else { return String::new() };
        let mut parts = Vec::new();
        if let Some(note) = answer.note.as_deref().filter(|n| !n.trim().is_empty()) {
            parts.push(format!("{}: {note}", self.texts.note_prefix));
        }
        if let Some(evidence) = answer.evidence.as_deref().filter(|e| !e.trim().is_empty()) {
            parts.push(format!("{}: {evidence}", self.texts.evidence_prefix));
        }
        parts.join("\n")
    }

    fn gate_sentence(&self, d: &DimensionScore) -> Option<String> {
        let cap = d.capped_by.as_ref()?;
        let question = self.q.question(&cap.question).map_or(cap.question.as_str(), |q| q.text.get(self.lang));
        let actual = cap.actual.map_or_else(|| self.texts.not_given.to_string(), percent_text);
        Some(match self.lang {
            Lang::Ko => format!(
                "점수로는 수준 {}에 해당하지만, 수준 {} 관문 문항 ‘{question}’의 점수가 {actual}로 기준 {}에 못 미쳐 수준 {}에 머뭅니다.",
                cap.level_by_score,
                cap.gate_level,
                percent_text(cap.min_score),
                cap.capped_at
            ),
            Lang::En => format!(
                "The score alone would give level {}, but the level {} gate question \u{2018}{question}\u{2019} scores {actual} against the {} required, so the dimension stays at level {}.",
                cap.level_by_score,
                cap.gate_level,
                percent_text(cap.min_score),
                cap.capped_at
            ),
        })
    }

    fn details(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        document.start_new_page();
        document.heading(HeadingLevel::One, texts.details_heading)?;
        document.paragraph(texts.details_intro, &TextStyle::body())?;
        for (index, dimension) in self.q.dimensions.iter().enumerate() {
            let Some(result) = input.scores.dimension(&dimension.id) else { continue };
            // A dimension starts with its heading, badge and description together.
            document.require_space_mm(60.0);
            document.heading(HeadingLevel::Two, &format!("3.{} {}", index + 1, dimension.name.get(lang)))?;
            let badge = result.level.map_or_else(|| texts.not_given.to_string(), |l| level_label(l, lang));
            let caption = format!(
                "{}{} · {} {}",
                result.level.map_or(String::new(), |l| format!("{} · ", self.q.level_name(l, lang))),
                score_text(result.score, lang),
                texts.coverage_label,
                percent_text(result.coverage)
            );
            document.level_badge(&badge, level_color(result.level), &caption)?;
            if let Some(level) = result.level {
                if let Some(description) = dimension.level_descriptions.get(usize::from(level)) {
                    document.paragraph(description.get(lang), &TextStyle::body())?;
                }
                if level < MAX_LEVEL
                    && let Some(next) = dimension.level_descriptions.get(usize::from(level) + 1)
                {
                    let next_level = level + 1;
                    document.paragraph(
                        &format!("{} ({} · {}): {}", texts.next_level_prefix, level_label(next_level, lang), self.q.level_name(next_level, lang), next.get(lang)),
                        &TextStyle::secondary(),
                    )?;
                }
            }
            if let Some(sentence) = self.gate_sentence(result) {
                document.paragraph(&sentence, &TextStyle::body_bold().with_color(ReportColor::PRIMARY))?;
            }

            let rows: Vec<Vec<String>> = self
                .q
                .questions_of(&dimension.id)
                .map(|question| {
                    let item = input.scores.item(&question.id);
                    let mut answer = self.answer_cell(question, item);
                    let notes = self.notes_cell(&question.id);
                    if !notes.is_empty() {
                        answer.push('\n');
                        answer.push_str(&notes);
                    }
                    vec![question.text.get(lang).to_string(), answer, self.item_score_cell(item)]
                })
                .collect();
            if !rows.is_empty() {
                document.heading(HeadingLevel::Three, texts.answers_heading)?;
                document.table(&ReportTable {
                    columns: vec![
                        column(texts.question_column, 4.6, TextAlignment::Left),
                        column(texts.answer_column, 5.0, TextAlignment::Left),
                        column(texts.item_score_column, 0.9, TextAlignment::Right),
                    ],
                    rows,
                })?;
            }

            let disagreements: Vec<_> = input.scores.disagreements.iter().filter(|x| x.dimension == dimension.id).collect();
            if !disagreements.is_empty() {
                document.heading(HeadingLevel::Three, texts.disagreements_heading)?;
                let rows = disagreements
                    .iter()
                    .filter_map(|x| {
                        let question = self.q.question(&x.question)?;
                        let answer = input.answers.answers.get(&x.question)?;
                        let rating = |value: Option<&AnswerValue>, score: f64| {
                            format!("{} ({})", value.map_or_else(|| texts.not_given.to_string(), |v| self.value_text(question, v)), percent_text(score))
                        };
                        Some(vec![
                            question.text.get(lang).to_string(),
                            rating(answer.firm.as_ref(), x.firm_score),
                            rating(answer.consultant.as_ref(), x.consultant_score),
                            format!("{}%p", signed_change_text((x.consultant_score - x.firm_score) * 100.0).trim_end_matches(".0")),
                        ])
                    })
                    .collect();
                document.table(&ReportTable {
                    columns: vec![
                        column(texts.question_column, 3.6, TextAlignment::Left),
                        column(texts.self_rating_column, 2.7, TextAlignment::Left),
                        column(texts.consultant_rating_column, 2.7, TextAlignment::Left),
                        column(texts.difference_column, 1.1, TextAlignment::Right),
                    ],
                    rows,
                })?;
            }
        }
        Ok(())
    }

    // ----- 4. Roadmap -----

    fn phase_name(&self, phase: Phase) -> &'static str {
        phase.name(self.lang)
    }

    /// Where the targets came from, when not all are the default one level up.
    fn target_sources(&self, plan: &Plan) -> Option<String> {
        let count = |source: TargetSource| plan.dimensions.iter().filter(|d| d.source == source).count();
        let (default, user, peers) = (count(TargetSource::Default), count(TargetSource::User), count(TargetSource::Peers));
        if user == 0 && peers == 0 {
            return None;
        }
        let group = self.input.benchmark.as_ref().map(|b| b.peers.get(self.lang).to_string()).unwrap_or_default();
        let upper = self.input.peer_mark == Some(PeerMark::UpperQuartile);
        let mut parts = Vec::new();
        match self.lang {
            Lang::Ko => {
                if peers > 0 {
                    parts.push(format!("{peers}개 영역은 비교 그룹({group}) {} 닿는 수준", if upper { "상위 25%가" } else { "중앙값이" }));
                }
                if user > 0 {
                    parts.push(format!("{user}개 영역은 직접 정한 수준"));
                }
                if default > 0 {
                    parts.push(format!("{default}개 영역은 한 단계 위"));
                }
                Some(format!("목표 수준: {}. 이미 그 수준에 있는 영역은 현재 수준을 유지합니다.", parts.join(", ")))
            }
            Lang::En => {
                let dims = |n: usize| if n == 1 { "1 dimension".to_string() } else { format!("{n} dimensions") };
                if peers > 0 {
                    parts.push(format!("{} aim at the level the {} of the peer group ({group}) reaches", dims(peers), if upper { "top quarter" } else { "median" }));
                }
                if user > 0 {
                    parts.push(format!("{} at a level set by hand", dims(user)));
                }
                if default > 0 {
                    parts.push(format!("{} one level up", dims(default)));
                }
                Some(format!("Targets: {}. A dimension already at its target keeps its level.", parts.join("; ")))
            }
        }
    }

    fn roadmap(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        document.start_new_page();
        document.heading(HeadingLevel::One, texts.roadmap_heading)?;
        let Some(plan) = &input.plan else {
            document.paragraph(texts.roadmap_missing, &TextStyle::body())?;
            return Ok(());
        };
        let intro = match lang {
            Lang::Ko => format!(
                "계획 기준일 {}. 영역마다 현재 수준에서 목표 수준까지 올라가는 데 필요한 단계를 선행 관계와 우선순위에 따라 배치했습니다. 지원사업 정보는 {}에 확인한 것입니다.",
                plan.today, plan.programmes_checked_on
            ),
            Lang::En => format!(
                "Plan made for {}. For each dimension, the steps from its current level to its target, placed by their prerequisites and priority. Programme facts were checked on {}.",
                plan.today, plan.programmes_checked_on
            ),
        };
        document.paragraph(&intro, &TextStyle::body())?;
        if let Some(sources) = self.target_sources(plan) {
            document.paragraph(&sources, &TextStyle::body())?;
        }

        // Targets.
        let target_rows: Vec<Vec<String>> = plan
            .dimensions
            .iter()
            .map(|d| {
                let cost = plan.investment.by_dimension.iter().find(|c| c.dimension == d.id).map_or_else(|| texts.not_given.to_string(), |c| cost_range_text(c.cost_won, lang));
                vec![
                    d.name.get(lang).to_string(),
                    d.current_level.map_or_else(|| texts.not_given.to_string(), |l| l.to_string()),
                    d.target_level.map_or_else(|| texts.not_given.to_string(), |l| l.to_string()),
                    d.steps.to_string(),
                    cost,
                ]
            })
            .collect();
        document.table(&ReportTable {
            columns: vec![
                column(texts.dimension_column, 4.0, TextAlignment::Left),
                column(texts.current_level_column, 1.4, TextAlignment::Right),
                column(texts.target_level_column, 1.4, TextAlignment::Right),
                column(texts.investment_steps_column, 1.1, TextAlignment::Right),
                column(texts.investment_cost_column, 2.9, TextAlignment::Right),
            ],
            rows: target_rows,
        })?;
        if plan.steps.is_empty() {
            document.paragraph(texts.roadmap_empty, &TextStyle::body())?;
            return Ok(());
        }

        // Timeline.
        let phase_index = |month: u32| match month {
            0..=2 => 0,
            3..=11 => 1,
            _ => 2,
        };
        let items: Vec<TimelineItem> = plan
            .steps
            .iter()
            .map(|s| {
                let last_phase = Phase::ALL.iter().position(|p| *p == s.phase).unwrap_or(2);
                TimelineItem { label: format!("{}. {}", s.order, s.title.get(lang)), first_phase: phase_index(s.start_month).min(last_phase), last_phase }
            })
            .collect();
        document.heading(HeadingLevel::Two, texts.timeline_heading)?;
        document.phase_timeline(&PhaseTimeline { phase_labels: Phase::ALL.iter().map(|p| self.phase_name(*p).to_string()).collect(), items })?;

        // Steps.
        document.heading(HeadingLevel::Two, texts.action_table_heading)?;
        let rows: Vec<Vec<String>> = plan
            .steps
            .iter()
            .map(|s| {
                let programmes = if s.programmes.is_empty() {
                    texts.no_programme.to_string()
                } else {
                    s.programmes.iter().map(|p| p.name.get(lang)).collect::<Vec<_>>().join("\n")
                };
                let follow_up = input.actions.iter().find(|a| a.step_id == s.id).map_or_else(
                    || texts.no_action.to_string(),
                    |a| {
                        [Some(self.action_status_text(a.status).to_string()), a.owner.clone(), a.due_date.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                );
                vec![
                    s.order.to_string(),
                    // No-break spaces keep "수준 1 → 2" on one line.
                    format!("{}\n{} · {}\u{00A0}→\u{00A0}{}", s.title.get(lang), self.dimension_name(&s.dimension), level_label(s.from_level, lang).replace(' ', "\u{00A0}"), s.to_level),
                    cost_cell(s.cost_won, lang, STEP_COST_WIDTH_MM),
                    months_text(s.duration_months, lang).replace(' ', "\u{00A0}"),
                    programmes,
                    follow_up,
                ]
            })
            .collect();
        document.table(&ReportTable {
            columns: vec![
                column("#", STEP_COLUMN_WEIGHTS[0], TextAlignment::Right),
                column(texts.step_column, STEP_COLUMN_WEIGHTS[1], TextAlignment::Left),
                column(texts.cost_column, STEP_COLUMN_WEIGHTS[2], TextAlignment::Right),
                column(texts.duration_column, STEP_COLUMN_WEIGHTS[3], TextAlignment::Right),
                column(texts.programmes_column, STEP_COLUMN_WEIGHTS[4], TextAlignment::Left),
                column(texts.follow_up_column, STEP_COLUMN_WEIGHTS[5], TextAlignment::Left),
            ],
            rows,
        })?;

        // Investment package.
        document.heading(HeadingLevel::Two, texts.investment_heading)?;
        let support = |range: plan::CostRange| if range.max == 0 { texts.not_given.to_string() } else { cost_range_text(range, lang) };
        let mut rows: Vec<Vec<String>> = plan
            .investment
            .by_phase
            .iter()
            .map(|c| {
                let cost = if c.steps == 0 { texts.not_given.to_string() } else { cost_range_text(c.cost_won, lang) };
                vec![self.phase_name(c.phase).to_string(), c.steps.to_string(), cost, support(c.support_estimate_won)]
            })
            .collect();
        rows.push(vec![
            texts.investment_total_row.to_string(),
            plan.steps.len().to_string(),
            cost_range_text(plan.investment.total_won, lang),
            support(plan.investment.support_estimate_won),
        ]);
        document.table(&ReportTable {
            columns: vec![
                column(texts.investment_part_column, 3.4, TextAlignment::Left),
                column(texts.investment_steps_column, 1.0, TextAlignment::Right),
                column(texts.investment_cost_column, 2.6, TextAlignment::Right),
                column(texts.investment_support_column, 2.6, TextAlignment::Right),
            ],
            rows,
        })?;
        document.paragraph(texts.investment_support_note, &TextStyle::secondary())?;

        let (current, expired): (Vec<_>, Vec<_>) = plan.programmes.iter().partition(|p| p.status != ProgrammeStatus::Expired);
        if !current.is_empty() {
            document.heading(HeadingLevel::Three, texts.programmes_heading)?;
            let rows = current
                .iter()
                .map(|p| {
                    let status = match p.status {
                        ProgrammeStatus::Active => texts.programme_open,
                        ProgrammeStatus::Expired => texts.programme_expired,
                        ProgrammeStatus::Upcoming => texts.programme_upcoming,
                    };
                    let period = format!("{}~\n{}", p.valid_from, p.valid_to.map(|d| d.to_string()).unwrap_or_default());
                    let limit = match (p.max_amount_won, p.funding_share_percent) {
                        (Some(amount), Some(share)) => format!("{}, {share}%", won_text(amount, lang)),
                        (Some(amount), None) => won_text(amount, lang),
                        (None, Some(share)) => format!("{share}%"),
                        (None, None) => texts.not_given.to_string(),
                    };
                    vec![p.name.get(lang).to_string(), p.agency.get(lang).to_string(), status.to_string(), period, limit]
                })
                .collect();
            document.table(&ReportTable {
                columns: vec![
                    column(texts.programme_column, 3.4, TextAlignment::Left),
                    column(texts.programme_agency_column, 2.2, TextAlignment::Left),
                    column(texts.programme_status_column, 1.1, TextAlignment::Left),
                    column(texts.programme_period_column, 2.3, TextAlignment::Left),
                    column(texts.programme_limit_column, 2.0, TextAlignment::Right),
                ],
                rows,
            })?;
        }
        if !expired.is_empty() {
            let names: Vec<&str> = expired.iter().map(|p| p.name.get(lang)).collect();
            document.paragraph(&format!("{}: {}", texts.programmes_expired_note, names.join(", ")), &TextStyle::secondary())?;
        }
        Ok(())
    }

    // ----- 5. Progress -----

    fn progress(&self, document: &mut ReportDocument) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        let Some(previous) = &input.previous else { return Ok(()) };
        let progress = &previous.progress;
        document.start_new_page();
        document.heading(HeadingLevel::One, texts.progress_heading)?;
        let intro = match lang {
            Lang::Ko => format!(
                "이전 진단 #{} ({}) → 이번 진단 #{} ({})",
                previous.assessment.id,
                self.assessment_day(&previous.assessment),
                input.assessment.id,
                self.assessment_day(&input.assessment)
            ),
            Lang::En => format!(
                "Previous assessment #{} ({}) → this assessment #{} ({})",
                previous.assessment.id,
                self.assessment_day(&previous.assessment),
                input.assessment.id,
                self.assessment_day(&input.assessment)
            ),
        };
        document.paragraph(&intro, &TextStyle::body_bold())?;
        if let Some(note) = &progress.note {
            document.paragraph(note.get(lang), &TextStyle::secondary())?;
        }
        let level_change = |change: Option<i8>| change.map_or_else(|| texts.not_given.to_string(), |c| if c == 0 { "0".to_string() } else { format!("{c:+}") });
        let score_change = |change: Option<f64>| change.map_or_else(|| texts.not_given.to_string(), signed_change_text);
        let mut rows: Vec<Vec<String>> = progress
            .dimensions
            .iter()
            .map(|d| {
                vec![
                    d.name.get(lang).to_string(),
                    self.score_and_level(d.delta.before_score, d.delta.before_level),
                    self.score_and_level(d.delta.after_score, d.delta.after_level),
                    score_change(d.delta.score_change),
                    level_change(d.delta.level_change),
                ]
            })
            .collect();
        let overall = &progress.overall;
        rows.push(vec![
            texts.overall_row.to_string(),
            self.score_and_level(overall.before_score, overall.before_level),
            self.score_and_level(overall.after_score, overall.after_level),
            score_change(overall.score_change),
            level_change(overall.level_change),
        ]);
        document.table(&ReportTable {
            columns: vec![
                column(texts.dimension_column, 3.2, TextAlignment::Left),
                column(texts.before_column, 2.2, TextAlignment::Right),
                column(texts.after_column, 2.2, TextAlignment::Right),
                column(texts.score_change_column, 1.5, TextAlignment::Right),
                column(texts.level_change_column, 1.4, TextAlignment::Right),
            ],
            rows,
        })?;

        document.heading(HeadingLevel::Two, texts.actions_done_heading)?;
        if previous.actions_done_between.is_empty() {
            document.paragraph(texts.actions_done_none, &TextStyle::body())?;
        } else {
            let rows = previous
                .actions_done_between
                .iter()
                .map(|a| vec![a.done_at.as_deref().map(day_text).unwrap_or_default(), a.title.get(lang).to_string(), a.owner.clone().unwrap_or_default()])
                .collect();
            document.table(&ReportTable {
                columns: vec![
                    column(texts.done_on_column, 1.4, TextAlignment::Left),
                    column(texts.action_column, 5.0, TextAlignment::Left),
                    column(texts.owner_column, 1.8, TextAlignment::Left),
                ],
                rows,
            })?;
        }
        Ok(())
    }

    // ----- Appendix -----

    fn method(&self, document: &mut ReportDocument, fingerprint: &ResultFingerprint) -> Result<(), ReportError> {
        let (input, texts, lang) = (self.input, self.texts, self.lang);
        document.start_new_page();
        document.heading(HeadingLevel::One, texts.method_heading)?;
        document.heading(HeadingLevel::Two, texts.method_scores_heading)?;
        let overall_rule = match self.q.overall_level {
            OverallLevelRule::MeanOfLevels => texts.method_overall_mean_of_levels,
            OverallLevelRule::Thresholds => texts.method_overall_thresholds,
        };
        for paragraph in [texts.method_item_score, texts.method_ratings, texts.method_skip_logic, texts.method_dimension_score, texts.method_level, overall_rule, texts.method_coverage] {
            document.paragraph(paragraph, &TextStyle::body().with_size(9.5))?;
        }
        let threshold = percent_text(self.q.disagreement_threshold);
        document.paragraph(
            &match lang {
                Lang::Ko => format!("이 설문의 평가 차이 기준은 {threshold}p입니다."),
                Lang::En => format!("This questionnaire's threshold for differing ratings is {threshold} points."),
            },
            &TextStyle::secondary(),
        )?;

        document.heading(HeadingLevel::Three, texts.method_levels_heading)?;
        let rows = self
            .q
            .levels
            .iter()
            .map(|l| {
                let threshold = match l.level {
                    0 => "0".to_string(),
                    n => self.q.level_thresholds.get(usize::from(n) - 1).map_or_else(String::new, |t| format!("{t}")),
                };
                vec![l.level.to_string(), l.name.get(lang).to_string(), threshold, l.description.get(lang).to_string()]
            })
            .collect();
        document.table(&ReportTable {
            columns: vec![
                column(texts.level_column, 0.8, TextAlignment::Right),
                column(texts.level_name_column, 2.4, TextAlignment::Left),
                column(texts.threshold_column, 1.2, TextAlignment::Right),
                column(texts.level_description_column, 6.0, TextAlignment::Left),
            ],
            rows,
        })?;

        document.heading(HeadingLevel::Two, texts.method_plan_heading)?;
        let mut plan_paragraphs = vec![texts.method_plan, texts.method_costs];
        if input.previous.is_some() {
            plan_paragraphs.push(texts.method_progress);
        }
        if input.benchmark.is_some() {
            plan_paragraphs.push(texts.method_benchmark);
        }
        for paragraph in plan_paragraphs {
            document.paragraph(paragraph, &TextStyle::body().with_size(9.5))?;
        }

        document.heading(HeadingLevel::Two, texts.method_fingerprint_heading)?;
        document.paragraph(texts.method_fingerprint, &TextStyle::body().with_size(9.5))?;

        document.require_space_mm(50.0);
        document.heading(HeadingLevel::Two, texts.method_data_heading)?;
        const KEY_WIDTH_MM: f32 = 36.0;
        document.key_value_line(texts.cover_assessment_number, &format!("#{}", input.assessment.id), KEY_WIDTH_MM)?;
        document.key_value_line(texts.questionnaire_id_label, &self.q.id, KEY_WIDTH_MM)?;
        document.key_value_line(texts.questionnaire_version_label, &self.q.version, KEY_WIDTH_MM)?;
        document.key_value_line(texts.questionnaire_hash_label, &self.q.content_hash, KEY_WIDTH_MM)?;
        if let Some(plan) = &input.plan {
            document.key_value_line(texts.recommendations_label, &plan.recommendations, KEY_WIDTH_MM)?;
            document.key_value_line(texts.plan_day_label, &plan.today.to_string(), KEY_WIDTH_MM)?;
            document.key_value_line(texts.programmes_checked_label, &plan.programmes_checked_on.to_string(), KEY_WIDTH_MM)?;
        }
        document.key_value_line(texts.fingerprint_label, &fingerprint.full, KEY_WIDTH_MM)?;
        Ok(())
    }
}
