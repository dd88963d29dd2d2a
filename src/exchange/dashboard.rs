//! The centre's dashboard: who was diagnosed when, how levels are spread, averages by group,
//! and follow-up (추적관리) — which firms were re-assessed and how they moved.
//!
//! A pure function over the imported records. Firms are counted by pseudonym; where a firm has
//! several assessments of a questionnaire, its latest (highest round) stands for it. The
//! dashboard is the centre's own view, so it is not thinned out for privacy: what leaves the
//! centre goes through `benchmark`, which is.

use super::center::CenterRecord;
use crate::firm;
use crate::questionnaire::MAX_LEVEL;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The whole dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    pub assessments: usize,
    pub firms: usize,
    /// Firms diagnosed (and assessments completed) per year.
    pub by_year: Vec<YearCount>,
    /// One section per questionnaire id, since scores of different questionnaires differ in kind.
    pub questionnaires: Vec<QuestionnaireDashboard>,
}

/// Firms and assessments of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub firms: usize,
    pub assessments: usize,
}

/// The dashboard of one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionnaireDashboard {
    pub questionnaire_id: String,
    pub versions: Vec<String>,
    pub firms: usize,
    pub assessments: usize,
    /// Per dimension, then "overall": how many firms stand at each level (latest assessment).
    pub level_distribution: Vec<LevelDistribution>,
    pub by_ksic_division: Vec<GroupAverage>,
    pub by_employee_band: Vec<GroupAverage>,
    pub by_sido: Vec<GroupAverage>,
    pub reassessed: Reassessed,
    pub without_follow_up: WithoutFollowUp,
}

/// Firms per level in one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelDistribution {
    /// A dimension id, or "overall".
    pub dimension: String,
    /// Index = level 0..=5.
    pub firms_at_level: Vec<usize>,
    /// Firms whose latest assessment has no score here.
    pub not_scored: usize,
}

/// The mean scores of one group of firms (latest assessment each).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAverage {
    /// "29", "50-99", "대구" …, or "unknown" for firms without the attribute.
    pub group: String,
    pub firms: usize,
    pub mean_overall: Option<f64>,
    pub mean_dimensions: BTreeMap<String, f64>,
}

/// Firms assessed at least twice with the questionnaire, and their change from first to latest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reassessed {
    pub firms: usize,
    pub mean_overall_change: Option<f64>,
    pub mean_dimension_change: BTreeMap<String, f64>,
    pub changes: Vec<FirmChange>,
}

/// One firm's first (T0) and latest (T1) assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmChange {
    pub firm: String,
    pub from_year: i32,
    pub to_year: i32,
    pub from_round: u32,
    pub to_round: u32,
    pub overall_before: Option<f64>,
    pub overall_after: Option<f64>,
    pub overall_change: Option<f64>,
    pub dimension_change: BTreeMap<String, f64>,
}

/// Firms assessed once so far: candidates for a follow-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithoutFollowUp {
    pub firms: usize,
    /// By the year of their only assessment.
    pub by_year: Vec<YearCount>,
    /// (pseudonym, year), oldest first.
    pub list: Vec<(String, i32)>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Sort key of a group label: real values in their natural order, "unknown" last.
fn group_order(kind: &str, group: &str) -> (usize, String) {
    let position = match kind {
        "ksic" => group.parse::<usize>().ok(),
        "band" => firm::EMPLOYEE_BANDS.iter().position(|b| b.2 == group),
        _ => firm::SIDO.iter().position(|s| s.0 == group),
    };
    (position.unwrap_or(usize::MAX), group.to_string())
}

fn group_averages(latest: &[&CenterRecord], kind: &str, key: impl Fn(&CenterRecord) -> Option<String>) -> Vec<GroupAverage> {
    let mut groups: BTreeMap<(usize, String), Vec<&CenterRecord>> = BTreeMap::new();
    for r in latest {
        let group = key(r).unwrap_or_else(|| "unknown".to_string());
        groups.entry(group_order(kind, &group)).or_default().push(r);
    }
    groups
        .into_iter()
        .map(|((_, group), members)| GroupAverage {
            group,
            firms: members.len(),
            mean_overall: mean(members.iter().filter_map(|r| r.overall.score)),
            mean_dimensions: dimension_means(&members),
        })
        .collect()
}

fn dimension_means(members: &[&CenterRecord]) -> BTreeMap<String, f64> {
    let ids: BTreeSet<&String> = members.iter().flat_map(|r| r.dimensions.keys()).collect();
    ids.into_iter()
        .filter_map(|id| mean(members.iter().filter_map(|r| r.dimensions.get(id).and_then(|d| d.score))).map(|m| (id.clone(), m)))
        .collect()
}

fn year_counts(records: &[&CenterRecord]) -> Vec<YearCount> {
    let mut years: BTreeMap<i32, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for r in records {
        let entry = years.entry(r.year).or_default();
        entry.0.insert(&r.firm);
        entry.1 += 1;
    }
    years.into_iter().map(|(year, (firms, assessments))| YearCount { year, firms: firms.len(), assessments }).collect()
}

/// Builds the dashboard from the centre's records.
pub fn center_dashboard(records: &[CenterRecord]) -> Dashboard {
    let all: Vec<&CenterRecord> = records.iter().collect();
    let firms: BTreeSet<&str> = records.iter().map(|r| r.firm.as_str()).collect();
    let mut by_questionnaire: BTreeMap<&str, Vec<&CenterRecord>> = BTreeMap::new();
    for r in records {
        by_questionnaire.entry(&r.questionnaire_id).or_default().push(r);
    }
    let questionnaires = by_questionnaire.into_iter().map(|(id, records)| questionnaire_dashboard(id, &records)).collect();
    Dashboard { assessments: records.len(), firms: firms.len(), by_year: year_counts(&all), questionnaires }
}

fn questionnaire_dashboard(questionnaire_id: &str, records: &[&CenterRecord]) -> QuestionnaireDashboard {
    // Each firm's assessments, first to latest.
    let mut per_firm: HashMap<&str, Vec<&CenterRecord>> = HashMap::new();
    for r in records {
        per_firm.entry(&r.firm).or_default().push(r);
    }
    for list in per_firm.values_mut() {
        list.sort_by(|a, b| (a.round, a.year, &a.assessment_id).cmp(&(b.round, b.year, &b.assessment_id)));
    }
    let mut firm_ids: Vec<&str> = per_firm.keys().copied().collect();
    firm_ids.sort_unstable();
    let latest: Vec<&CenterRecord> = firm_ids.iter().filter_map(|f| per_firm.get(f).and_then(|l| l.last().copied())).collect();

    let dimension_ids: BTreeSet<&String> = records.iter().flat_map(|r| r.dimensions.keys()).collect();
    let mut level_distribution: Vec<LevelDistribution> = dimension_ids
        .iter()
        .map(|id| {
            let mut d = LevelDistribution { dimension: (*id).clone(), firms_at_level: vec![0; MAX_LEVEL as usize + 1], not_scored: 0 };
            for r in &latest {
                match r.dimensions.get(*id).and_then(|s| s.level) {
                    Some(level) if (level as usize) < d.firms_at_level.len() => d.firms_at_level[level as usize] += 1,
                    _ => d.not_scored += 1,
                }
            }
            d
        })
        .collect();
    let mut overall = LevelDistribution { dimension: "overall".into(), firms_at_level: vec![0; MAX_LEVEL as usize + 1], not_scored: 0 };
    for r in &latest {
        match r.overall.level {
            Some(level) if (level as usize) < overall.firms_at_level.len() => overall.firms_at_level[level as usize] += 1,
            _ => overall.not_scored += 1,
        }
    }
    level_distribution.push(overall);

    let mut changes = Vec::new();
    let mut once = Vec::new();
    for firm in &firm_ids {
        let Some(list) = per_firm.get(firm) else { continue };
        match (list.first(), list.last()) {
            (Some(first), Some(last)) if list.len() >= 2 => {
                let dimension_change = last
                    .dimensions
                    .iter()
                    .filter_map(|(id, after)| Some((id.clone(), after.score? - first.dimensions.get(id)?.score?)))
                    .collect();
                changes.push(FirmChange {
                    firm: (*firm).to_string(),
                    from_year: first.year,
                    to_year: last.year,
                    from_round: first.round,
                    to_round: last.round,
                    overall_before: first.overall.score,
                    overall_after: last.overall.score,
                    overall_change: first.overall.score.zip(last.overall.score).map(|(a, b)| b - a),
                    dimension_change,
                });
            }
            (Some(only), _) => once.push(*only),
            _ => {}
        }
    }
    let change_ids: BTreeSet<&String> = changes.iter().flat_map(|c| c.dimension_change.keys()).collect();
    let mean_dimension_change = change_ids
        .into_iter()
        .filter_map(|id| mean(changes.iter().filter_map(|c| c.dimension_change.get(id).copied())).map(|m| (id.clone(), m)))
        .collect();
    let mut without = once.iter().map(|r| (r.firm.clone(), r.year)).collect::<Vec<_>>();
    without.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let versions: BTreeSet<String> = records.iter().map(|r| r.questionnaire_version.clone()).collect();

    QuestionnaireDashboard {
        questionnaire_id: questionnaire_id.to_string(),
        versions: versions.into_iter().collect(),
        firms: firm_ids.len(),
        assessments: records.len(),
        level_distribution,
        by_ksic_division: group_averages(&latest, "ksic", |r| r.attributes.ksic_division.map(|d| d.to_string())),
        by_employee_band: group_averages(&latest, "band", |r| r.attributes.employee_band.clone()),
        by_sido: group_averages(&latest, "sido", |r| r.attributes.sido.clone()),
        reassessed: Reassessed {
            firms: changes.len(),
            mean_overall_change: mean(changes.iter().filter_map(|c| c.overall_change)),
            mean_dimension_change,
            changes,
        },
        without_follow_up: WithoutFollowUp { firms: once.len(), by_year: year_counts(&once), list: without },
    }
}
