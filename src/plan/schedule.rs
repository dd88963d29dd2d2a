//! Building a plan: targets → chosen steps → prerequisites → order → phases → investment package.
//!
//! The rules, in the order they apply:
//! 1. **Targets.** Each scored dimension aims at the target the user set, or one level above its
//!    current level (at most 5). A dimension with no score has no default target; when the user
//!    sets one, it is planned from level 0.
//! 2. **Chosen steps.** For each dimension, every step whose `from_level` lies between the current
//!    level (inclusive) and the target (exclusive).
//! 3. **Prerequisites.** A step waits for its listed prerequisites and for every step of its own
//!    dimension at a lower level (levels are climbed one at a time). A prerequisite counts as
//!    already met when the firm's level in its dimension is above the prerequisite's `from_level`;
//!    otherwise it is pulled into the plan and marked as pulled in. For a dimension whose level is
//!    unknown (not scored, or absent from the questionnaire) only listed prerequisites are pulled
//!    in. The recommendations file guarantees that every AI step waits for a data step, so AI never
//!    comes before data collection.
//! 4. **Priority** = gap × dimension weight × impact ÷ effort (S = 1, M = 2, L = 3), where the gap is
//!    the number of levels between the dimension's current level and its target. Steps are ordered
//!    by a topological sort that, among the steps whose prerequisites are already placed, takes the
//!    one with the highest *ordering priority*: its own priority or that of any step waiting for
//!    it, whichever is higher, so that a prerequisite of an urgent step is not left behind.
//! 5. **Phases** (see [`Phase::for_finish_month`]) come from a schedule in which every step starts as
//!    soon as all the steps it waits for have finished. The final order lists the phases in turn
//!    and keeps the topological order within each.
//! 6. **Investment package.** Cost ranges are summed per phase, per dimension and in total. A step
//!    is matched to the support programmes that share one of its tags and are valid on the plan's
//!    day; matching programmes that have expired are listed separately and never offered.

use super::format::{CostRange, Effort};
use super::programmes::{ProgrammeStatus, Programmes};
use super::recommendations::Recommendations;
use super::targets::Targets;
use crate::i18n::{Lang, Text};
use crate::questionnaire::{MAX_LEVEL, Questionnaire};
use crate::scoring::Scores;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A whole improvement plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// "id@version" of the questionnaire the scores come from.
    pub questionnaire: String,
    /// "id@version" of the recommendations used.
    pub recommendations: String,
    /// The day the plan was made for; programmes are matched on it.
    pub today: NaiveDate,
    /// The day the programme facts were last checked.
    pub programmes_checked_on: NaiveDate,
    /// Current and target level of every dimension of the questionnaire, in its order.
    pub dimensions: Vec<DimensionTarget>,
    /// The steps in the order to take them: by phase, prerequisites always first.
    pub steps: Vec<PlannedStep>,
    pub investment: Investment,
    /// Every programme that matches at least one step, with whether it applies today.
    pub programmes: Vec<ProgrammeOverview>,
    /// The month the last step finishes when steps start as early as they can.
    pub horizon_months: u32,
}

/// Where a dimension's target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// One level above the current level.
    Default,
    /// Set by the user.
    User,
    /// The level the installed peer benchmark's firms reach (median or top quarter).
    Peers,
    /// The dimension has no score and the user set no target, so it is not planned.
    NotScored,
}

/// A dimension's current level, target and the gap between them.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionTarget {
    pub id: String,
    pub name: Text,
    pub weight: f64,
    /// None when the dimension has no score yet.
    pub current_level: Option<u8>,
    /// None when the dimension is not planned.
    pub target_level: Option<u8>,
    pub source: TargetSource,
    /// Levels between the current level (0 when unknown) and the target.
    pub gap: u8,
    /// How many plan steps belong to this dimension (chosen or pulled in).
    pub steps: usize,
    /// Levels in the planned range for which the recommendations hold no step.
    pub levels_without_steps: Vec<u8>,
}

/// Why a step is in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inclusion {
    /// It lies between the dimension's current level and its target.
    Chosen,
    /// It is a prerequisite of other plan steps and not met yet.
    PulledIn { needed_by: Vec<String> },
}

/// A step's priority with each factor shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priority {
    /// Levels between the dimension's current level and its target (0 for a dimension not planned).
    pub gap: u8,
    pub dimension_weight: f64,
    /// 1 to 5.
    pub impact: u8,
    pub effort: Effort,
    /// S = 1, M = 2, L = 3.
    pub effort_divisor: u8,
    /// gap × dimension_weight × impact ÷ effort_divisor.
    pub value: f64,
}

/// When a step delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Finished within 3 months.
    QuickWin,
    /// Finished within 3 to 12 months.
    ShortTerm,
    /// Finished after 12 months (the plan is written for up to 36).
    MidTerm,
}

impl Phase {
    /// All phases in order.
    pub const ALL: [Phase; 3] = [Phase::QuickWin, Phase::ShortTerm, Phase::MidTerm];

    /// The phase of a step that finishes at the end of month `finish_month`, counted from the
    /// plan's day: by month 3 a quick win, by month 12 short term, later mid term.
    ///
    /// The finishing month decides rather than the starting month, because a long project that
    /// can start at once still delivers nothing quickly. And since a step starts only once every
    /// step it waits for has finished, a dependant always finishes later than its prerequisites,
    /// so it can never land in an earlier phase than any of them.
    pub fn for_finish_month(finish_month: u32) -> Phase {
        match finish_month {
            0..=3 => Phase::QuickWin,
            4..=12 => Phase::ShortTerm,
            _ => Phase::MidTerm,
        }
    }

    /// The phase name in a language.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Phase::QuickWin, Lang::Ko) => "빠른 성과(0~3개월)",
            (Phase::ShortTerm, Lang::Ko) => "단기(3~12개월)",
            (Phase::MidTerm, Lang::Ko) => "중기(12~36개월)",
            (Phase::QuickWin, Lang::En) => "Quick wins (0–3 months)",
            (Phase::ShortTerm, Lang::En) => "Short term (3–12 months)",
            (Phase::MidTerm, Lang::En) => "Mid term (12–36 months)",
        }
    }
}

/// A support programme offered for a step.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeMatch {
    pub id: String,
    pub name: Text,
    pub max_amount_won: Option<u64>,
    pub funding_share_percent: Option<u8>,
    pub valid_to: Option<NaiveDate>,
}

/// One step of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedStep {
    /// Position in the plan, from 1.
    pub order: usize,
    pub id: String,
    pub dimension: String,
    pub from_level: u8,
    pub to_level: u8,
    pub title: Text,
    pub description: Text,
    pub evidence: Text,
    pub effort: Effort,
    pub cost_won: CostRange,
    pub duration_months: u32,
    pub impact: u8,
    pub impact_text: Text,
    pub inclusion: Inclusion,
    pub priority: Priority,
    /// The step's own priority or that of a step waiting for it, whichever is higher.
    pub ordering_priority: f64,
    /// Plan steps this one waits for: its listed prerequisites and lower-level steps of its dimension.
    pub waits_for: Vec<String>,
    /// Listed prerequisites the firm has already met, so they are not in the plan.
    pub met_prerequisites: Vec<String>,
    /// Months from the plan's day until the step can start.
    pub start_month: u32,
    /// Months from the plan's day until the step is finished.
    pub finish_month: u32,
    pub phase: Phase,
    /// Programmes that match the step and apply on the plan's day.
    pub programmes: Vec<ProgrammeMatch>,
    /// Programmes that would match but have expired (shown, never offered).
    pub expired_programmes: Vec<String>,
    /// The most one of the matching programmes could pay towards the step, when a programme
    /// states both its share and its ceiling.
    pub support_estimate_won: Option<CostRange>,
}

/// Costs of one phase.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseCost {
    pub phase: Phase,
    pub steps: usize,
    pub cost_won: CostRange,
    pub support_estimate_won: CostRange,
}

/// Costs of one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionCost {
    pub dimension: String,
    pub steps: usize,
    pub cost_won: CostRange,
}

/// The investment package: what the plan costs and what support may cover.
#[derive(Debug, Clone, Serialize)]
pub struct Investment {
    pub total_won: CostRange,
    /// Sum of the steps' support estimates. Each step is counted as its own project, so this is an
    /// upper bound: a call funds one project per firm and year.
    pub support_estimate_won: CostRange,
    /// Every phase, in order, including empty ones.
    pub by_phase: Vec<PhaseCost>,
    /// Every dimension with steps, in questionnaire order.
    pub by_dimension: Vec<DimensionCost>,
}

/// A programme that matches at least one plan step.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeOverview {
    pub id: String,
    pub name: Text,
    pub agency: Text,
    pub status: ProgrammeStatus,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub max_amount_won: Option<u64>,
    pub funding_share_percent: Option<u8>,
    /// The plan steps whose tags it shares.
    pub steps: Vec<String>,
}

/// Per-dimension facts the planner looks up again and again.
struct DimensionFacts {
    order: usize,
    weight: f64,
    /// The level steps are counted from: the current level, or 0 for an unscored dimension the
    /// user set a target for. None when the level is unknown and nothing is planned.
    base: Option<u8>,
    gap: u8,
}

/// Makes the improvement plan. `targets` must have passed [`Targets::check`]; a target that did
/// not is clamped into the possible range rather than failing.
pub fn plan(q: &Questionnaire, scores: &Scores, recommendations: &Recommendations, programmes: &Programmes, targets: &Targets, today: NaiveDate) -> Plan {
    // 1. Targets.
    let mut dimensions = Vec::with_capacity(q.dimensions.len());
    let mut facts: HashMap<&str, DimensionFacts> = HashMap::with_capacity(q.dimensions.len());
    for (order, d) in q.dimensions.iter().enumerate() {
        let current = scores.dimension(&d.id).and_then(|s| s.level);
        let set = if targets.from_peers.contains(&d.id) { TargetSource::Peers } else { TargetSource::User };
        let (target, source) = match (current, targets.get(&d.id)) {
            (Some(c), Some(t)) => (Some(t.clamp(c, MAX_LEVEL)), set),
            (None, Some(t)) => (Some(t.min(MAX_LEVEL)), set),
            (Some(c), None) => (Some((c + 1).min(MAX_LEVEL)), TargetSource::Default),
            (None, None) => (None, TargetSource::NotScored),
        };
        let base = target.map(|_| current.unwrap_or(0));
        let gap = match (base, target) {
            (Some(b), Some(t)) => t.saturating_sub(b),
            _ => 0,
        };
        facts.insert(d.id.as_str(), DimensionFacts { order, weight: d.weight, base, gap });
        dimensions.push(DimensionTarget {
            id: d.id.clone(),
            name: d.name.clone(),
            weight: d.weight,
            current_level: current,
            target_level: target,
            source,
            gap,
            steps: 0,
            levels_without_steps: Vec::new(),
        });
    }
    let unknown_order = q.dimensions.len();
    let base_of = |dimension: &str| facts.get(dimension).and_then(|f| f.base);
    // Facts per recommendation step, looked up once: planning touches each many times.
    let all = &recommendations.steps;
    let base: Vec<Option<u8>> = all.iter().map(|s| base_of(&s.dimension)).collect();
    let met: Vec<bool> = all.iter().zip(&base).map(|(s, b)| b.is_some_and(|b| b > s.from_level)).collect();
    let dimension_order: Vec<usize> = all.iter().map(|s| facts.get(s.dimension.as_str()).map_or(unknown_order, |f| f.order)).collect();
    let mut steps_of_dimension: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in all.iter().enumerate() {
        steps_of_dimension.entry(s.dimension.as_str()).or_default().push(i);
    }

    // 2. Chosen steps, by dimension and level.
    let step_index: HashMap<&str, usize> = recommendations.steps.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut inclusion: BTreeMap<usize, bool> = BTreeMap::new(); // step index → chosen (true) or pulled in
    for target in &mut dimensions {
        let (Some(base), Some(goal)) = (base_of(&target.id), target.target_level) else { continue };
        for level in base..goal {
            let mut any = false;
            for (i, s) in recommendations.steps.iter().enumerate() {
                if s.dimension == target.id && s.from_level == level {
                    inclusion.insert(i, true);
                    any = true;
                }
            }
            if !any {
                target.levels_without_steps.push(level);
            }
        }
    }

    // 3. Prerequisites, pulled in until nothing new appears.
    let waits_for_all = |i: usize| -> Vec<usize> {
        let s = &all[i];
        let mut out: Vec<usize> = s.prerequisites.iter().filter_map(|p| step_index.get(p.as_str()).copied()).collect();
        if let Some(base) = base[i] {
            for &j in steps_of_dimension.get(s.dimension.as_str()).map_or(&[][..], Vec::as_slice) {
                let o = &all[j];
                if o.from_level < s.from_level && o.from_level >= base && !out.contains(&j) {
                    out.push(j);
                }
            }
        }
        out.retain(|&j| !met[j]);
        out
    };
    let mut waits: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut queue: Vec<usize> = inclusion.keys().copied().collect();
    while let Some(i) = queue.pop() {
        let found = waits_for_all(i);
        for &j in &found {
            if let std::collections::btree_map::Entry::Vacant(e) = inclusion.entry(j) {
                e.insert(false);
                queue.push(j);
            }
        }
        waits.insert(i, found);
    }
    let members: Vec<usize> = inclusion.keys().copied().collect();
    let position: HashMap<usize, usize> = members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let n = members.len();
    // Edges between plan members only; every wait-for target is a member by construction.
    let predecessors: Vec<Vec<usize>> =
        members.iter().map(|i| waits.get(i).map_or(&[][..], Vec::as_slice).iter().filter_map(|j| position.get(j).copied()).collect()).collect();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, preds) in predecessors.iter().enumerate() {
        for &p in preds {
            successors[p].push(k);
        }
    }

    // 4. Priorities.
    let priorities: Vec<Priority> = members
        .iter()
        .map(|&i| {
            let s = &recommendations.steps[i];
            let (gap, weight) = facts.get(s.dimension.as_str()).map_or((0, 1.0), |f| (f.gap, f.weight));
            let divisor = s.effort.divisor();
            Priority {
                gap,
                dimension_weight: weight,
                impact: s.impact,
                effort: s.effort,
                effort_divisor: divisor,
                value: f64::from(gap) * weight * f64::from(s.impact) / f64::from(divisor),
            }
        })
        .collect();
    let file_order: Vec<(f64, (u8, usize, usize))> = (0..n).map(|k| (0.0, (0, 0, k))).collect();
    let topological = topological_order(&predecessors, &successors, &file_order);
    let mut ordering_priority: Vec<f64> = priorities.iter().map(|p| p.value).collect();
    for &k in topological.iter().rev() {
        for &succ in &successors[k] {
            ordering_priority[k] = ordering_priority[k].max(ordering_priority[succ]);
        }
    }
    // Highest ordering priority first; then lower levels, questionnaire dimension order and file
    // order, so that equal priorities always come out the same way.
    let ranks: Vec<(f64, (u8, usize, usize))> =
        (0..n).map(|k| (-ordering_priority[k], (all[members[k]].from_level, dimension_order[members[k]], members[k]))).collect();
    let order = topological_order(&predecessors, &successors, &ranks);

    // 5. Schedule and phases.
    let mut start = vec![0u32; n];
    let mut finish = vec![0u32; n];
    for &k in &order {
        start[k] = predecessors[k].iter().map(|&p| finish[p]).max().unwrap_or(0);
        finish[k] = start[k] + recommendations.steps[members[k]].duration_months;
    }
    let mut final_order = order.clone();
    final_order.sort_by_key(|&k| Phase::for_finish_month(finish[k]));

    // 6. Programmes and costs.
    let mut steps = Vec::with_capacity(n);
    for (place, &k) in final_order.iter().enumerate() {
        let s = &recommendations.steps[members[k]];
        let mut matches = Vec::new();
        let mut expired = Vec::new();
        let mut support: Option<CostRange> = None;
        for p in programmes.programmes.iter().filter(|p| p.matches_tags(&s.programme_tags)) {
            match p.status_on(today) {
                ProgrammeStatus::Active => {
                    if let Some(range) = p.support_for(s.cost_won)
                        && support.is_none_or(|best| (range.max, range.min) > (best.max, best.min))
                    {
                        support = Some(range);
                    }
                    matches.push(ProgrammeMatch {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        max_amount_won: p.max_amount_won,
                        funding_share_percent: p.funding_share_percent,
                        valid_to: p.valid_to,
                    });
                }
                ProgrammeStatus::Expired => expired.push(p.id.clone()),
                ProgrammeStatus::Upcoming => {}
            }
        }
        let inclusion = if inclusion[&members[k]] {
            Inclusion::Chosen
        } else {
            Inclusion::PulledIn { needed_by: successors[k].iter().map(|&d| recommendations.steps[members[d]].id.clone()).collect() }
        };
        let in_plan = |id: &str| step_index.get(id).is_some_and(|j| position.contains_key(j));
        steps.push(PlannedStep {
            order: place + 1,
            id: s.id.clone(),
            dimension: s.dimension.clone(),
            from_level: s.from_level,
            to_level: s.from_level + 1,
            title: s.title.clone(),
            description: s.description.clone(),
            evidence: s.evidence.clone(),
            effort: s.effort,
            cost_won: s.cost_won,
            duration_months: s.duration_months,
            impact: s.impact,
            impact_text: s.impact_text.clone(),
            inclusion,
            priority: priorities[k].clone(),
            ordering_priority: ordering_priority[k],
            waits_for: predecessors[k].iter().map(|&p| recommendations.steps[members[p]].id.clone()).collect(),
            met_prerequisites: s.prerequisites.iter().filter(|p| !in_plan(p)).cloned().collect(),
            start_month: start[k],
            finish_month: finish[k],
            phase: Phase::for_finish_month(finish[k]),
            programmes: matches,
            expired_programmes: expired,
            support_estimate_won: support,
        });
    }

    for target in &mut dimensions {
        target.steps = steps.iter().filter(|s| s.dimension == target.id).count();
    }
    let investment = investment(&steps, &dimensions);
    let overview = programme_overview(programmes, &steps, recommendations, today);
    Plan {
        questionnaire: q.reference(),
        recommendations: recommendations.reference(),
        today,
        programmes_checked_on: programmes.checked_on,
        dimensions,
        horizon_months: steps.iter().map(|s| s.finish_month).max().unwrap_or(0),
        steps,
        investment,
        programmes: overview,
    }
}

/// Kahn's algorithm: repeatedly takes, among the nodes whose predecessors are all placed, the one
/// with the smallest key. The graph is acyclic (the recommendations file was checked), so every
/// node is placed.
fn topological_order<T: Ord>(predecessors: &[Vec<usize>], successors: &[Vec<usize>], keys: &[(f64, T)]) -> Vec<usize> {
    let n = predecessors.len();
    let mut waiting: Vec<usize> = predecessors.iter().map(Vec::len).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&k| waiting[k] == 0).collect();
    let mut order = Vec::with_capacity(n);
    let compare = |a: &usize, b: &usize| {
        let (ka, kb) = (&keys[*a], &keys[*b]);
        ka.0.total_cmp(&kb.0).then(ka.1.cmp(&kb.1))
    };
    while !ready.is_empty() {
        let best = ready.iter().enumerate().min_by(|(_, a), (_, b)| compare(a, b)).map(|(i, _)| i).unwrap_or(0);
        let k = ready.swap_remove(best);
        order.push(k);
        for &succ in &successors[k] {
            waiting[succ] -= 1;
            if waiting[succ] == 0 {
                ready.push(succ);
            }
        }
    }
    order
}

fn investment(steps: &[PlannedStep], dimensions: &[DimensionTarget]) -> Investment {
    let sum = |filter: &dyn Fn(&PlannedStep) -> bool| -> (usize, CostRange, CostRange) {
        steps.iter().filter(|s| filter(s)).fold((0, CostRange::default(), CostRange::default()), |(count, cost, support), s| {
            (count + 1, cost.plus(s.cost_won), support.plus(s.support_estimate_won.unwrap_or_default()))
        })
    };
    let (_, total, support) = sum(&|_| true);
    let by_phase = Phase::ALL
        .iter()
        .map(|&phase| {
            let (count, cost, support) = sum(&|s| s.phase == phase);
            PhaseCost { phase, steps: count, cost_won: cost, support_estimate_won: support }
        })
        .collect();
    // Questionnaire dimensions first, then any dimension only pulled-in steps belong to.
    let mut dimension_ids: Vec<&str> = dimensions.iter().map(|d| d.id.as_str()).collect();
    for s in steps {
        if !dimension_ids.contains(&s.dimension.as_str()) {
            dimension_ids.push(&s.dimension);
        }
    }
    let by_dimension = dimension_ids
        .into_iter()
        .filter_map(|id| {
            let (count, cost, _) = sum(&|s| s.dimension == id);
            (count > 0).then(|| DimensionCost { dimension: id.to_string(), steps: count, cost_won: cost })
        })
        .collect();
    Investment { total_won: total, support_estimate_won: support, by_phase, by_dimension }
}

fn programme_overview(programmes: &Programmes, steps: &[PlannedStep], recommendations: &Recommendations, today: NaiveDate) -> Vec<ProgrammeOverview> {
    programmes
        .programmes
        .iter()
        .filter_map(|p| {
            let matched: Vec<String> = steps
                .iter()
                .filter(|s| recommendations.step(&s.id).is_some_and(|r| p.matches_tags(&r.programme_tags)))
                .map(|s| s.id.clone())
                .collect();
            (!matched.is_empty()).then(|| ProgrammeOverview {
                id: p.id.clone(),
                name: p.name.clone(),
                agency: p.agency.clone(),
                status: p.status_on(today),
                valid_from: p.valid_from,
                valid_to: p.valid_to,
                max_amount_won: p.max_amount_won,
                funding_share_percent: p.funding_share_percent,
                steps: matched,
            })
        })
        .collect()
}

impl Plan {
    /// The plan step with this id.
    pub fn step(&self, id: &str) -> Option<&PlannedStep> {
        self.steps.iter().find(|s| s.id == id)
    }
}
