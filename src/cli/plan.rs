//! `jindan plan`, `jindan whatif`, `jindan action …`, `jindan compare` and the plan-data schemas:
//! each loads its inputs, calls one function of `jindan::plan` or the store, and prints the result.

use super::{Failure, Outcome, Workspace, bad_input, now, output, write_out};
use anyhow::anyhow;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Args, Subcommand};
use jindan::answers::Answers;
use jindan::exchange::{self, PeerMark};
use jindan::i18n::Lang;
use jindan::plan::{
    self, CostRange, Inclusion, Phase, Plan, PlanError, Programmes, ProgrammeStatus, Progress, Recommendations, Targets, WhatIf,
};
use jindan::questionnaire::Questionnaire;
use jindan::report::texts::grouped_digits;
use jindan::scoring::{self, Scores};
use jindan::store::actions::{Action, ActionChange, ActionStatus, CreatedActions, NewAction, assessment_moment};
use jindan::store::{Assessment, Store};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

impl From<PlanError> for Failure {
    fn from(e: PlanError) -> Failure {
        // Every plan error is about a file or a value the user gave (or chose not to override).
        bad_input(e)
    }
}

/// Where the plan data comes from and which day the plan is for.
#[derive(Args)]
pub struct PlanData {
    /// A recommendations file to use instead of the built-in one.
    #[arg(long, env = "JINDAN_RECOMMENDATIONS")]
    pub(super) recommendations: Option<PathBuf>,
    /// A support-programme file to use instead of the built-in one, e.g. an updated copy.
    #[arg(long, env = "JINDAN_PROGRAMMES")]
    pub(super) programmes: Option<PathBuf>,
    /// The day to plan for, YYYY-MM-DD; programmes are matched on it (default: today in Korea).
    #[arg(long)]
    today: Option<String>,
    /// Aim every dimension at firms like this one: `median` or `p75` (top quarter) of the
    /// installed peer benchmark; --target still sets a dimension by hand.
    #[arg(long, value_name = "median|p75")]
    pub(super) peers: Option<String>,
}

impl PlanData {
    /// The peer mark given with `--peers`, if one was.
    pub(super) fn peer_mark(&self) -> Result<Option<PeerMark>, Failure> {
        Ok(self.peers.as_deref().map(PeerMark::parse).transpose()?)
    }

    /// The day given with `--today`, if one was.
    pub(super) fn day(&self) -> Result<Option<NaiveDate>, Failure> {
        self.today.as_deref().map(|t| plan::parse_date(t.trim()).map_err(|reason| bad_input(anyhow!("--today: {reason}")))).transpose()
    }
}

/// `jindan plan`.
#[derive(Args)]
pub struct PlanArgs {
    /// The assessment to plan for.
    assessment: i64,
    /// A target level as DIMENSION=LEVEL (repeatable); other dimensions aim one level up.
    #[arg(long = "target")]
    targets: Vec<String>,
    #[command(flatten)]
    data: PlanData,
    #[arg(long)]
    json: bool,
}

/// `jindan whatif`.
#[derive(Args)]
pub struct WhatIfArgs {
    /// The assessment whose answers are the starting point (they are not changed).
    assessment: i64,
    /// A step whose effects to apply (repeatable), in order.
    #[arg(long = "step", required = true)]
    steps: Vec<String>,
    /// A recommendations file to use instead of the built-in one.
    #[arg(long, env = "JINDAN_RECOMMENDATIONS")]
    recommendations: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

/// `jindan action …`: follow-up actions (추적관리).
#[derive(Subcommand)]
pub enum ActionCommand {
    /// List an assessment's actions.
    List {
        assessment: i64,
        #[arg(long)]
        json: bool,
    },
    /// Add actions for chosen steps (a step that already has one keeps it).
    Add {
        assessment: i64,
        /// A step id from the recommendations (repeatable).
        #[arg(long = "step", required = true)]
        steps: Vec<String>,
        /// A recommendations file to use instead of the built-in one.
        #[arg(long, env = "JINDAN_RECOMMENDATIONS")]
        recommendations: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Add an action for every step of the assessment's plan, due when the plan expects it done.
    FromPlan {
        assessment: i64,
        /// A target level as DIMENSION=LEVEL (repeatable).
        #[arg(long = "target")]
        targets: Vec<String>,
        #[command(flatten)]
        data: PlanData,
        #[arg(long)]
        json: bool,
    },
    /// Change an action's owner, due date, status or note (an empty value clears it).
    Set {
        action: i64,
        #[arg(long)]
        owner: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        due: Option<String>,
        /// todo, doing, done or dropped.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `jindan compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// The earlier assessment; alone, the later one, compared with the firm's previous assessment.
    first: i64,
    /// The later assessment.
    second: Option<i64>,
    #[arg(long)]
    json: bool,
}

/// `jindan schema recommendations|programmes`; anything else is an unknown schema.
pub fn schema(which: &str) -> Outcome {
    match which {
        "recommendations" => write_out(None, &output::pretty(&plan::recommendations_json_schema())),
        "programmes" => write_out(None, &output::pretty(&plan::programmes_json_schema())),
        other => Err(bad_input(anyhow!("no schema '{other}'; use questionnaire, answers, recommendations or programmes"))),
    }
}

/// The day in Korea at a moment: programme calls open and close on Korean calendar days.
fn korean_day(moment: DateTime<Utc>) -> NaiveDate {
    FixedOffset::east_opt(9 * 3600).map_or_else(|| moment.date_naive(), |korea| moment.with_timezone(&korea).date_naive())
}

fn plan_day(data: &PlanData) -> Result<NaiveDate, Failure> {
    match data.day()? {
        Some(day) => Ok(day),
        None => Ok(korean_day(now()?)),
    }
}

fn recommendations_for(file: Option<&PathBuf>, q: &Questionnaire) -> Result<Recommendations, Failure> {
    match file {
        Some(path) => {
            let r = plan::load_recommendations_file(path)?;
            if !r.applies_to_questionnaire(q) {
                return Err(PlanError::NoRecommendations(format!("{} (the file {} is written for {})", q.reference(), path.display(), r.applies_to.join(", "))).into());
            }
            Ok(r)
        }
        None => {
            let all = plan::builtin_recommendations()?;
            let found = plan::recommendations_for(&all, q)?.clone();
            Ok(found)
        }
    }
}

fn programmes_from(file: Option<&PathBuf>) -> Result<Programmes, Failure> {
    Ok(match file {
        Some(path) => plan::load_programmes_file(path)?,
        None => plan::builtin_programmes()?,
    })
}

/// Everything a plan of a stored assessment needs.
struct Inputs {
    assessment: Assessment,
    questionnaire: Arc<Questionnaire>,
    answers: Answers,
    scores: Scores,
}

fn load(store: &mut Store, id: i64) -> Result<Inputs, Failure> {
    let assessment = store.assessment(id)?;
    let questionnaire = store.questionnaire_of(id)?;
    let answers = store.answers(id)?;
    let scores = scoring::score(&questionnaire, &answers);
    Ok(Inputs { assessment, questionnaire, answers, scores })
}

fn make_plan(store: &mut Store, inputs: &Inputs, targets: &[String], data: &PlanData) -> Result<Plan, Failure> {
    let mut targets = Targets::parse_assignments(targets)?;
    if let Some(mark) = data.peer_mark()? {
        let comparison = exchange::compare_assessment_with_installed_benchmark(store, inputs.assessment.id)?;
        targets = comparison.peer_targets(mark, &inputs.questionnaire, &inputs.scores, &targets);
    }
    targets.check(&inputs.questionnaire, &inputs.scores)?;
    let recommendations = recommendations_for(data.recommendations.as_ref(), &inputs.questionnaire)?;
    let programmes = programmes_from(data.programmes.as_ref())?;
    let today = plan_day(data)?;
    Ok(plan::plan(&inputs.questionnaire, &inputs.scores, &recommendations, &programmes, &targets, today))
}

/// `jindan plan`.
pub fn plan(ctx: &Workspace, args: PlanArgs) -> Outcome {
    let mut store = ctx.store()?;
    let inputs = load(&mut store, args.assessment)?;
    let plan = make_plan(&mut store, &inputs, &args.targets, &args.data)?;
    if args.json {
        write_out(None, &output::pretty(&plan))
    } else {
        write_out(None, &plan_text(&plan, &inputs, ctx.lang))
    }
}

/// `jindan whatif`.
pub fn what_if(ctx: &Workspace, args: WhatIfArgs) -> Outcome {
    let mut store = ctx.store()?;
    let inputs = load(&mut store, args.assessment)?;
    let recommendations = recommendations_for(args.recommendations.as_ref(), &inputs.questionnaire)?;
    for step in &args.steps {
        if recommendations.step(step).is_none() {
            return Err(PlanError::UnknownStep { step: step.clone(), recommendations: recommendations.reference() }.into());
        }
    }
    let result = plan::what_if(&inputs.questionnaire, &inputs.answers, &recommendations, &args.steps);
    if args.json {
        write_out(None, &output::pretty(&result))
    } else {
        write_out(None, &what_if_text(&result, &inputs, ctx.lang))
    }
}

/// `jindan action …`.
pub fn action(ctx: &Workspace, cmd: ActionCommand) -> Outcome {
    let mut store = ctx.store()?;
    let lang = ctx.lang;
    match cmd {
        ActionCommand::List { assessment, json } => {
            let actions = store.actions(assessment)?;
            if json { write_out(None, &output::pretty(&actions)) } else { write_out(None, &actions_text(&actions, lang)) }
        }
        ActionCommand::Add { assessment, steps, recommendations, json } => {
            let inputs = load(&mut store, assessment)?;
            let r = recommendations_for(recommendations.as_ref(), &inputs.questionnaire)?;
            let mut new = Vec::with_capacity(steps.len());
            for id in &steps {
                let step = r.step(id).ok_or_else(|| PlanError::UnknownStep { step: id.clone(), recommendations: r.reference() })?;
                new.push(NewAction { step_id: step.id.clone(), title: step.title.clone(), due_date: None });
            }
            let created = store.create_actions(assessment, &new, now()?)?;
            print_created(&created, json, lang)
        }
        ActionCommand::FromPlan { assessment, targets, data, json } => {
            let inputs = load(&mut store, assessment)?;
            let plan = make_plan(&mut store, &inputs, &targets, &data)?;
            let new: Vec<NewAction> = plan.steps.iter().map(|s| NewAction::from_planned_step(s, plan.today)).collect();
            let created = store.create_actions(assessment, &new, now()?)?;
            print_created(&created, json, lang)
        }
        ActionCommand::Set { action, owner, due, status, note, json } => {
            if owner.is_none() && due.is_none() && status.is_none() && note.is_none() {
                return Err(bad_input(anyhow!("nothing to change: give --owner, --due, --status or --note")));
            }
            let updated = store.update_action(action, &ActionChange { owner, due_date: due, status, note }, now()?)?;
            if json { write_out(None, &output::pretty(&updated)) } else { write_out(None, &actions_text(std::slice::from_ref(&updated), lang)) }
        }
    }
}

fn print_created(created: &CreatedActions, json: bool, lang: Lang) -> Outcome {
    if json {
        return write_out(None, &output::pretty(created));
    }
    let head = match lang {
        Lang::Ko => format!("조치 {}건을 새로 만들었습니다({}건은 이미 있었습니다).", created.created, created.actions.len() - created.created),
        Lang::En => format!("{} new action(s) created ({} already existed).", created.created, created.actions.len() - created.created),
    };
    write_out(None, &format!("{head}\n{}", actions_text(&created.actions, lang)))
}

/// `jindan compare`.
pub fn compare(ctx: &Workspace, args: CompareArgs) -> Outcome {
    let mut store = ctx.store()?;
    let (earlier_id, later_id) = match args.second {
        Some(second) => (args.first, second),
        None => {
            let previous = store.previous_assessment(args.first)?.ok_or_else(|| {
                bad_input(anyhow!("assessment {} has no earlier assessment of the same firm; name both: jindan compare EARLIER LATER", args.first))
            })?;
            (previous.id, args.first)
        }
    };
    let earlier = load(&mut store, earlier_id)?;
    let later = load(&mut store, later_id)?;
    if earlier.assessment.organization_id != later.assessment.organization_id {
        return Err(bad_input(anyhow!(
            "assessments {earlier_id} and {later_id} belong to different firms ({} and {}); progress compares one firm with itself",
            earlier.assessment.organization_name,
            later.assessment.organization_name
        )));
    }
    let progress = plan::compare(&later.questionnaire, &earlier.scores, &later.scores);
    let (from, until) = (assessment_moment(&earlier.assessment), assessment_moment(&later.assessment));
    let (after, before) = if from <= until { (from, until) } else { (until, from) };
    let done = store.actions_done_between(later.assessment.organization_id, after, before)?;
    if args.json {
        let value = json!({
            "earlier": earlier.assessment,
            "later": later.assessment,
            "progress": progress,
            "actions_done_between": done,
        });
        write_out(None, &output::pretty(&value))
    } else {
        write_out(None, &compare_text(&progress, &earlier, &later, &done, ctx.lang))
    }
}

// ---- text output ----

/// An amount in won: 만 units in Korean ("1억 2,500만"), grouped digits in English.
fn won(amount: u64, lang: Lang) -> String {
    match lang {
        Lang::Ko => {
            let (eok, man) = (amount / 100_000_000, (amount % 100_000_000) / 10_000);
            match (eok, man) {
                (0, 0) => "0".to_string(),
                (0, m) => format!("{}만", grouped_digits(m)),
                (e, 0) => format!("{}억", grouped_digits(e)),
                (e, m) => format!("{}억 {}만", grouped_digits(e), grouped_digits(m)),
            }
        }
        Lang::En => grouped_digits(amount),
    }
}

fn cost_text(c: CostRange, lang: Lang) -> String {
    match lang {
        Lang::Ko if c.min == c.max => format!("{}원", won(c.max, lang)),
        Lang::Ko => format!("{}~{}원", won(c.min, lang), won(c.max, lang)),
        Lang::En if c.min == c.max => format!("KRW {}", won(c.max, lang)),
        Lang::En => format!("KRW {}–{}", won(c.min, lang), won(c.max, lang)),
    }
}

fn dimension_name<'a>(q: &'a Questionnaire, id: &'a str, lang: Lang) -> &'a str {
    q.dimension(id).map_or(id, |d| d.name.get(lang))
}

fn level_text(level: Option<u8>) -> String {
    level.map_or("—".to_string(), |l| l.to_string())
}

/// The width of a text in terminal columns, counting Hangul as two.
fn columns(text: &str) -> usize {
    text.chars().map(|c| if ('\u{1100}'..='\u{11FF}').contains(&c) || ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c) { 2 } else { 1 }).sum()
}

/// Pads a label to a width in display columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
}

/// The column width that fits every label, plus a gap.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> usize {
    labels.map(columns).max().unwrap_or(0) + 2
}

fn plan_text(p: &Plan, inputs: &Inputs, lang: Lang) -> String {
    let q = &inputs.questionnaire;
    let a = &inputs.assessment;
    let ko = lang == Lang::Ko;
    let mut out = if ko {
        format!("개선 계획 — #{} {} · {} · 기준일 {} (지원사업 정보 확인일 {})\n\n", a.id, a.organization_name, p.questionnaire, p.today, p.programmes_checked_on)
    } else {
        format!("Improvement plan — #{} {} · {} · as of {} (programme facts checked {})\n\n", a.id, a.organization_name, p.questionnaire, p.today, p.programmes_checked_on)
    };
    out.push_str(if ko { "영역별 목표\n" } else { "Targets by dimension\n" });
    let width = label_width(p.dimensions.iter().map(|d| d.name.get(lang)));
    for d in &p.dimensions {
        let source = match (d.source, lang) {
            (plan::TargetSource::Default, Lang::Ko) => "기본(한 단계 위)",
            (plan::TargetSource::User, Lang::Ko) => "사용자 지정",
            (plan::TargetSource::Peers, Lang::Ko) => "비슷한 기업 수준",
            (plan::TargetSource::NotScored, Lang::Ko) => "점수 없음 — 목표를 정하면 계획합니다",
            (plan::TargetSource::Default, Lang::En) => "default (one level up)",
            (plan::TargetSource::User, Lang::En) => "set by user",
            (plan::TargetSource::Peers, Lang::En) => "level of similar firms",
            (plan::TargetSource::NotScored, Lang::En) => "not scored — set a target to plan it",
        };
        let steps = if ko { format!("{}단계", d.steps) } else { format!("{} step(s)", d.steps) };
        out.push_str(&format!("  {} {} → {}  {:>10}  {}\n", pad(d.name.get(lang), width), level_text(d.current_level), level_text(d.target_level), steps, source));
        if !d.levels_without_steps.is_empty() {
            let levels: Vec<String> = d.levels_without_steps.iter().map(|l| format!("{l}→{}", l + 1)).collect();
            out.push_str(&if ko {
                format!("      ! 추천 단계가 없는 구간: {}\n", levels.join(", "))
            } else {
                format!("      ! no recommended step for: {}\n", levels.join(", "))
            });
        }
    }
    if p.steps.is_empty() {
        out.push_str(if ko { "\n계획할 단계가 없습니다. 목표를 현재보다 높게 정해 보세요.\n" } else { "\nNothing to plan. Set a target above the current level.\n" });
        return out;
    }
    for phase in Phase::ALL {
        let steps: Vec<&plan::PlannedStep> = p.steps.iter().filter(|s| s.phase == phase).collect();
        if steps.is_empty() {
            continue;
        }
        let cost = p.investment.by_phase.iter().find(|c| c.phase == phase).map(|c| c.cost_won).unwrap_or_default();
        out.push_str(&format!("\n[{}] {} · {}\n", phase.name(lang), if ko { format!("{}단계", steps.len()) } else { format!("{} step(s)", steps.len()) }, cost_text(cost, lang)));
        for s in steps {
            out.push_str(&step_text(s, q, lang));
        }
    }
    out.push_str(if ko { "\n투자 패키지\n" } else { "\nInvestment package\n" });
    let width = label_width(
        Phase::ALL.iter().map(|phase| phase.name(lang)).chain(p.investment.by_dimension.iter().map(|c| dimension_name(q, &c.dimension, lang))).chain([if ko { "지원 예상" } else { "Possible support" }]),
    );
    for c in &p.investment.by_phase {
        out.push_str(&format!("  {} {}\n", pad(c.phase.name(lang), width), cost_text(c.cost_won, lang)));
    }
    for c in &p.investment.by_dimension {
        out.push_str(&format!("  {} {}\n", pad(dimension_name(q, &c.dimension, lang), width), cost_text(c.cost_won, lang)));
    }
    out.push_str(&format!("  {} {}\n", pad(if ko { "합계" } else { "Total" }, width), cost_text(p.investment.total_won, lang)));
    if p.investment.support_estimate_won.max > 0 {
        out.push_str(&if ko {
            format!("  {} 최대 {} (단계마다 별도 과제로 신청한다고 가정한 상한)\n", pad("지원 예상", width), cost_text(p.investment.support_estimate_won, lang))
        } else {
            format!("  {} up to {} (an upper bound: each step counted as its own project)\n", pad("Possible support", width), cost_text(p.investment.support_estimate_won, lang))
        });
    }
    if !p.programmes.is_empty() {
        out.push_str(if ko { "\n관련 지원사업\n" } else { "\nRelated support programmes\n" });
        for o in &p.programmes {
            let status = match (o.status, lang) {
                (ProgrammeStatus::Active, Lang::Ko) => "신청 가능",
                (ProgrammeStatus::Expired, Lang::Ko) => "종료",
                (ProgrammeStatus::Upcoming, Lang::Ko) => "예정",
                (ProgrammeStatus::Active, Lang::En) => "open",
                (ProgrammeStatus::Expired, Lang::En) => "expired",
                (ProgrammeStatus::Upcoming, Lang::En) => "upcoming",
            };
            let period = format!("{}~{}", o.valid_from, o.valid_to.map(|d| d.to_string()).unwrap_or_default());
            let amount = match (o.max_amount_won, o.funding_share_percent) {
                (Some(m), Some(s)) => if ko { format!(" · 최대 {}원, {s}%", won(m, lang)) } else { format!(" · up to KRW {}, {s}%", won(m, lang)) },
                (Some(m), None) => if ko { format!(" · 최대 {}원", won(m, lang)) } else { format!(" · up to KRW {}", won(m, lang)) },
                _ => String::new(),
            };
            out.push_str(&format!("  [{status}] {} ({}) {period}{amount} — {}\n", o.name.get(lang), o.agency.get(lang), o.steps.join(", ")));
        }
    }
    out
}

fn step_text(s: &plan::PlannedStep, q: &Questionnaire, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let p = &s.priority;
    let mut out = format!("  {:>2}. {}  [{}]\n", s.order, s.title.get(lang), s.id);
    let (effort, duration, impact) = if ko {
        ("노력", format!("{}개월 ({}~{}개월)", s.duration_months, s.start_month, s.finish_month), "효과")
    } else {
        ("effort", format!("{} month(s) (months {}–{})", s.duration_months, s.start_month, s.finish_month), "impact")
    };
    out.push_str(&format!(
        "      {} {}→{} · {effort} {:?} · {} · {duration} · {impact} {}: {}\n",
        dimension_name(q, &s.dimension, lang),
        s.from_level,
        s.to_level,
        s.effort,
        cost_text(s.cost_won, lang),
        s.impact,
        s.impact_text.get(lang)
    ));
    out.push_str(&if ko {
        format!("      우선순위 {:.2} = 격차 {} × 가중치 {} × 효과 {} ÷ 노력 {}\n", p.value, p.gap, p.dimension_weight, p.impact, p.effort_divisor)
    } else {
        format!("      priority {:.2} = gap {} × weight {} × impact {} ÷ effort {}\n", p.value, p.gap, p.dimension_weight, p.impact, p.effort_divisor)
    });
    if s.ordering_priority > p.value + 1e-9 {
        out.push_str(&if ko {
            format!("      정렬 우선순위 {:.2} — 이 단계를 기다리는 단계의 우선순위를 따릅니다\n", s.ordering_priority)
        } else {
            format!("      ordered at priority {:.2}, that of a step waiting for it\n", s.ordering_priority)
        });
    }
    if let Inclusion::PulledIn { needed_by } = &s.inclusion {
        out.push_str(&if ko { format!("      선행 단계로 추가됨 — 필요한 단계: {}\n", needed_by.join(", ")) } else { format!("      pulled in as a prerequisite of: {}\n", needed_by.join(", ")) });
    }
    if !s.waits_for.is_empty() {
        out.push_str(&if ko { format!("      먼저 끝낼 단계: {}\n", s.waits_for.join(", ")) } else { format!("      after: {}\n", s.waits_for.join(", ")) });
    }
    if !s.programmes.is_empty() {
        let names: Vec<&str> = s.programmes.iter().map(|m| m.name.get(lang)).collect();
        out.push_str(&if ko { format!("      지원사업: {}\n", names.join(", ")) } else { format!("      programmes: {}\n", names.join(", ")) });
    }
    if !s.expired_programmes.is_empty() {
        out.push_str(&if ko { format!("      종료된 지원사업: {}\n", s.expired_programmes.join(", ")) } else { format!("      expired programmes: {}\n", s.expired_programmes.join(", ")) });
    }
    out.push_str(&if ko { format!("      완료 증빙: {}\n", s.evidence.get(lang)) } else { format!("      evidence of completion: {}\n", s.evidence.get(lang)) });
    out
}

fn score_and_level(score: Option<f64>, level: Option<u8>) -> String {
    format!("{} ({})", score.map_or("—".to_string(), |s| format!("{s:.1}")), level_text(level))
}

fn change_text(change: Option<f64>) -> String {
    change.map_or(String::new(), |c| format!("{c:+.1}"))
}

fn what_if_text(w: &WhatIf, inputs: &Inputs, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let q = &inputs.questionnaire;
    let mut out = if ko {
        format!("가정 분석 — #{} {} · 적용한 단계 {}개: {}\n\n", inputs.assessment.id, inputs.assessment.organization_name, w.steps.len(), w.steps.join(", "))
    } else {
        format!("What-if — #{} {} · {} step(s) applied: {}\n\n", inputs.assessment.id, inputs.assessment.organization_name, w.steps.len(), w.steps.join(", "))
    };
    let width = label_width(w.before.dimensions.iter().map(|d| dimension_name(q, &d.id, lang)).chain([if ko { "종합" } else { "Overall" }]));
    for (b, a) in w.before.dimensions.iter().zip(&w.after.dimensions) {
        let change = b.score.zip(a.score).map(|(b, a)| a - b);
        out.push_str(&format!("  {} {} → {}  {}\n", pad(dimension_name(q, &b.id, lang), width), score_and_level(b.score, b.level), score_and_level(a.score, a.level), change_text(change)));
    }
    let change = w.before.overall.score.zip(w.after.overall.score).map(|(b, a)| a - b);
    out.push_str(&format!(
        "  {} {} → {}  {}\n",
        pad(if ko { "종합" } else { "Overall" }, width),
        score_and_level(w.before.overall.score, w.before.overall.level),
        score_and_level(w.after.overall.score, w.after.overall.level),
        change_text(change)
    ));
    if !w.applied.is_empty() {
        out.push_str(if ko { "\n바뀌는 답\n" } else { "\nAnswers changed\n" });
        for e in &w.applied {
            let before = e.before.as_ref().map_or("—".to_string(), |v| v.to_string());
            out.push_str(&format!(
                "  {:<36} {:<24} {} → {}  ({} → {:.2})\n",
                e.step,
                e.question,
                before,
                e.after,
                e.item_score_before.map_or("—".to_string(), |s| format!("{s:.2}")),
                e.item_score_after
            ));
        }
    }
    if !w.ignored.is_empty() {
        out.push_str(if ko { "\n적용하지 않은 변화\n" } else { "\nEffects not applied\n" });
        for i in &w.ignored {
            let reason = match (&i.reason, lang) {
                (plan::IgnoredReason::UnknownStep, Lang::Ko) => "추천 자료에 없는 단계".to_string(),
                (plan::IgnoredReason::QuestionNotInQuestionnaire, Lang::Ko) => "이 설문에 없는 문항".to_string(),
                (plan::IgnoredReason::AnswerDoesNotFit { detail }, Lang::Ko) => format!("문항에 맞지 않는 답: {detail}"),
                (plan::IgnoredReason::NotApplicable, Lang::Ko) => "'해당 없음'으로 답한 문항".to_string(),
                (plan::IgnoredReason::NotAnswered, Lang::Ko) => "아직 답하지 않은 문항".to_string(),
                (plan::IgnoredReason::NoImprovement, Lang::Ko) => "이미 같거나 더 나은 답".to_string(),
                (plan::IgnoredReason::UnknownStep, Lang::En) => "no such step in the recommendations".to_string(),
                (plan::IgnoredReason::QuestionNotInQuestionnaire, Lang::En) => "the questionnaire has no such question".to_string(),
                (plan::IgnoredReason::AnswerDoesNotFit { detail }, Lang::En) => format!("the answer does not fit: {detail}"),
                (plan::IgnoredReason::NotApplicable, Lang::En) => "answered not applicable".to_string(),
                (plan::IgnoredReason::NotAnswered, Lang::En) => "not answered yet".to_string(),
                (plan::IgnoredReason::NoImprovement, Lang::En) => "the current answer is as good or better".to_string(),
            };
            out.push_str(&format!("  {:<36} {:<24} {reason}\n", i.step, i.question.as_deref().unwrap_or("")));
        }
    }
    out
}

fn status_text(status: ActionStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (ActionStatus::Todo, Lang::Ko) => "할 일",
        (ActionStatus::Doing, Lang::Ko) => "진행 중",
        (ActionStatus::Done, Lang::Ko) => "완료",
        (ActionStatus::Dropped, Lang::Ko) => "중단",
        (ActionStatus::Todo, Lang::En) => "todo",
        (ActionStatus::Doing, Lang::En) => "doing",
        (ActionStatus::Done, Lang::En) => "done",
        (ActionStatus::Dropped, Lang::En) => "dropped",
    }
}

fn actions_text(actions: &[Action], lang: Lang) -> String {
    if actions.is_empty() {
        return match lang {
            Lang::Ko => "조치가 없습니다.".into(),
            Lang::En => "No actions.".into(),
        };
    }
    let mut out = String::new();
    for a in actions {
        out.push_str(&format!(
            "{:>5}  {}  {:<10}  {}  {}  [{}]\n",
            a.id,
            pad(status_text(a.status, lang), 8),
            a.due_date.as_deref().unwrap_or("—"),
            pad(a.owner.as_deref().unwrap_or("—"), 16),
            a.title.get(lang),
            a.step_id
        ));
        if let Some(note) = &a.note {
            out.push_str(&format!("       {note}\n"));
        }
    }
    out.trim_end().to_string()
}

fn compare_text(p: &Progress, earlier: &Inputs, later: &Inputs, done: &[Action], lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let day = |a: &Assessment| assessment_moment(a).chars().take(10).collect::<String>();
    let mut out = if ko {
        format!("진척 비교 — {} · #{} ({}) → #{} ({})\n", later.assessment.organization_name, earlier.assessment.id, day(&earlier.assessment), later.assessment.id, day(&later.assessment))
    } else {
        format!("Progress — {} · #{} ({}) → #{} ({})\n", later.assessment.organization_name, earlier.assessment.id, day(&earlier.assessment), later.assessment.id, day(&later.assessment))
    };
    if let Some(note) = &p.note {
        out.push_str(&format!("! {}\n", note.get(lang)));
    }
    out.push('\n');
    let width = label_width(p.dimensions.iter().map(|d| d.name.get(lang)).chain([if ko { "종합" } else { "Overall" }]));
    let level_change = |c: Option<i8>| c.map_or(String::new(), |c| if ko { format!("수준 {c:+}") } else { format!("level {c:+}") });
    for d in &p.dimensions {
        out.push_str(&format!(
            "  {} {} → {}  {} {}\n",
            pad(d.name.get(lang), width),
            score_and_level(d.delta.before_score, d.delta.before_level),
            score_and_level(d.delta.after_score, d.delta.after_level),
            change_text(d.delta.score_change),
            level_change(d.delta.level_change)
        ));
    }
    out.push_str(&format!(
        "  {} {} → {}  {} {}\n",
        pad(if ko { "종합" } else { "Overall" }, width),
        score_and_level(p.overall.before_score, p.overall.before_level),
        score_and_level(p.overall.after_score, p.overall.after_level),
        change_text(p.overall.score_change),
        level_change(p.overall.level_change)
    ));
    for (ids, ko_label, en_label) in [(&p.only_before, "이전 평가에만 있는 영역", "only in the earlier assessment"), (&p.only_after, "이후 평가에만 있는 영역", "only in the later assessment")] {
        if !ids.is_empty() {
            out.push_str(&format!("  ({}: {})\n", if ko { ko_label } else { en_label }, ids.join(", ")));
        }
    }
    out.push_str(&if ko { format!("\n두 평가 사이에 완료한 조치 {}건\n", done.len()) } else { format!("\nActions completed between the two: {}\n", done.len()) });
    for a in done {
        out.push_str(&format!("  {}  {}  [{}]\n", a.done_at.as_deref().map(|t| t.chars().take(10).collect::<String>()).unwrap_or_default(), a.title.get(lang), a.step_id));
    }
    out.trim_end().to_string()
}
