//! Peer benchmarks: what a centre publishes and what a firm compares itself with.
//!
//! A *cell* is one questionnaire version × KSIC division × employee band × 시·도, or a roll-up
//! of those where some attributes are "all" (null in the file) — down to all firms of the
//! questionnaire version. Firms are counted, not assessments: each firm (pseudonym) stands in a
//! cell with its latest assessment of that questionnaire version, and only firms whose latest
//! assessment has a score in every dimension are used, so that every statistic of a cell covers
//! exactly its `firms`.
//!
//! Privacy rules, applied by `suppress_cells`:
//! 1. A cell with fewer than k firms (k = 5 unless the centre says otherwise) is never published;
//!    a firm in it compares itself with the nearest published roll-up instead.
//! 2. No group of 1 to k − 1 firms may be worked out by differencing. Every cell with an "all"
//!    attribute equals the sum of its children along that attribute (plus the firms that lack
//!    the attribute). Whenever such an equation leaves one unpublished term, that term is known;
//!    whenever a known parent minus its known children leaves between 1 and k − 1 firms, or a
//!    term worked out this way holds between 1 and k − 1 firms, another published cell of the
//!    equation is suppressed (the smallest child first) and the check runs again until nothing
//!    can be revealed.
//!
//! Statistics per cell, for every dimension and the overall score: the mean, the median and the
//! 25th and 75th percentiles, rounded to one decimal. Percentiles use linear interpolation
//! between closest ranks (Hyndman–Fan type 7, the same as Excel's PERCENTILE.INC): for sorted
//! values x₀ ≤ … ≤ xₙ₋₁ and 0 ≤ p ≤ 1, h = (n − 1)·p and the percentile is
//! x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median is the 50th percentile.

use super::center::CenterRecord;
use super::{canonical_json, sha256_checksum, ExchangeError, MAX_FILE_BYTES};
use crate::firm;
use crate::i18n::Text;
use crate::questionnaire::{Catalog, Questionnaire};
use crate::scoring::Scores;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The value of `format` in every benchmark file.
pub const BENCHMARK_FORMAT: &str = "jindan-benchmark";

/// The benchmark format version this build writes and reads.
pub const BENCHMARK_FORMAT_VERSION: u32 = 1;

/// The smallest number of firms a published cell may have, unless the centre sets another.
pub const DEFAULT_K: u32 = 5;

/// How percentiles are computed, as written into every benchmark file.
pub const PERCENTILE_METHOD: &str = "linear interpolation between closest ranks (Hyndman-Fan type 7, Excel PERCENTILE.INC); median = 50th percentile; rounded to 0.1";

/// A whole benchmark file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkFile {
    /// Always "jindan-benchmark".
    pub format: String,
    /// 1 for this version of the format.
    pub format_version: u32,
    /// "sha256:" and the hex SHA-256 of the canonical JSON of `content` (compact, keys sorted).
    pub checksum: String,
    pub content: BenchmarkContent,
}

/// What the checksum covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkContent {
    /// The published cells; a cell not listed was suppressed.
    pub cells: Vec<BenchmarkCell>,
    /// The program that wrote the file.
    pub generator: String,
    /// No cell has fewer firms than this.
    pub k: u32,
    /// How percentiles were computed.
    pub percentile_method: String,
    /// The centre that published the file, if it said.
    pub published_by: Option<String>,
    /// The day of publication, YYYY-MM-DD.
    pub published_on: String,
    /// The questionnaire versions the cells refer to, with their dimensions' names.
    pub questionnaires: Vec<BenchmarkQuestionnaire>,
}

/// A questionnaire version the benchmark covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkQuestionnaire {
    pub content_hash: String,
    pub dimensions: Vec<BenchmarkDimension>,
    pub id: String,
    pub version: String,
}

/// A dimension's id and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkDimension {
    pub id: String,
    pub name: Text,
}

/// One published cell. A null attribute means "all".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkCell {
    /// Dimension id → statistics.
    pub dimensions: BTreeMap<String, Statistics>,
    /// "1-9", "10-49", "50-99", "100-299", "300+", or null for all.
    pub employee_band: Option<String>,
    /// The number of firms (distinct pseudonyms), at least k.
    pub firms: u32,
    /// KSIC division 10–34, or null for all.
    pub ksic_division: Option<u8>,
    pub overall: Statistics,
    pub questionnaire_hash: String,
    /// Korean short name of the 시·도, or null for all.
    pub sido: Option<String>,
    /// Set when the cell repeats the figures of an earlier publication (that day, YYYY-MM-DD)
    /// because too few of its firms changed since for new figures to be safe to publish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// Mean, median and quartiles of the firms' scores in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    pub mean: f64,
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
}

/// A benchmark file stored in a firm's workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstalledBenchmark {
    pub id: i64,
    pub installed_at: String,
    pub file: BenchmarkFile,
}

/// How to publish.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// The smallest cell published (at least 2).
    pub k: u32,
    pub published_on: NaiveDate,
    pub published_by: Option<String>,
}

/// What publishing did, for the centre.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PublishReport {
    /// Firms counted, over all questionnaire versions.
    pub firms: usize,
    /// Firms left out because their latest assessment lacks a dimension score.
    pub firms_left_out: usize,
    /// Cells that had firms in them.
    pub cells: usize,
    pub cells_published: usize,
    /// Cells with fewer than k firms (or firms without an attribute).
    pub cells_too_small: usize,
    /// Cells of k or more firms suppressed so that smaller groups cannot be worked out.
    pub cells_suppressed_against_differencing: usize,
    /// Cells whose new figures were held back because, set against an earlier publication, they
    /// would reveal the few firms that changed in between.
    pub cells_held_back_since_earlier: usize,
    /// Of those, cells published again with the figures of the earlier publication.
    pub cells_repeated_from_earlier: usize,
}

/// One firm's assessment as a publication used it: enough to recount any cell later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerMember {
    pub firm: String,
    pub assessment_id: String,
    /// KSIC division, employee-band index and 시·도 index; null where the firm lacks one.
    pub key: [Option<u8>; 3],
}

/// What one publication showed for one questionnaire version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerQuestionnaire {
    pub questionnaire_hash: String,
    /// Every firm counted, with the assessment that stood for it.
    pub members: Vec<LedgerMember>,
    /// The cells published with this publication's own figures.
    pub cells: Vec<BenchmarkCell>,
}

/// What a centre published, kept in its workspace so that no later publication can be set
/// against it to reveal the firms that joined or changed in between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub published_on: String,
    pub k: u32,
    pub questionnaires: Vec<LedgerQuestionnaire>,
}

/// One attribute of a cell key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// Rolled up: every value, and firms without one.
    All,
    /// Firms that lack the attribute; never published, but part of every sum.
    Missing,
    /// One value: a KSIC division, or an index into `firm::EMPLOYEE_BANDS` or `firm::SIDO`.
    Value(u8),
}

/// A cell's attributes: KSIC division, employee band, 시·도.
pub type CellKey = [Slot; 3];

/// The p-th percentile (0 ≤ p ≤ 1) of sorted values, by linear interpolation between closest
/// ranks (type 7); None for no values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let low = h.floor() as usize;
    let high = (low + 1).min(last);
    Some(sorted[low] + (h - low as f64) * (sorted[high] - sorted[low]))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The statistics of some scores (rounded to 0.1); None for no scores.
pub fn statistics(values: &[f64]) -> Option<Statistics> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = sorted.iter().sum::<f64>() / sorted.len().max(1) as f64;
    Some(Statistics {
        mean: round1(mean),
        median: round1(percentile(&sorted, 0.5)?),
        p25: round1(percentile(&sorted, 0.25)?),
        p75: round1(percentile(&sorted, 0.75)?),
    })
}

/// One differencing equation: `parent` = Σ `children` (firms split by one attribute).
struct Equation {
    parent: usize,
    children: Vec<usize>,
}

fn equations(cells: &[(CellKey, usize)]) -> Vec<Equation> {
    let index: HashMap<CellKey, usize> = cells.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
    let mut grouped: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, (key, _)) in cells.iter().enumerate() {
        for attribute in 0..3 {
            if key[attribute] != Slot::All {
                let mut parent = *key;
                parent[attribute] = Slot::All;
                if let Some(&p) = index.get(&parent) {
                    grouped.entry((p, attribute)).or_default().push(i);
                }
            }
        }
    }
    grouped.into_iter().map(|((parent, _), children)| Equation { parent, children }).collect()
}

/// Decides which cells may be published: `cells` are every cell that has firms, with its firm
/// count; the answer says, per cell, whether it is published. See the module doc for the rules.
pub fn suppress_cells(cells: &[(CellKey, usize)], k: usize) -> Vec<bool> {
    let n: Vec<usize> = cells.iter().map(|c| c.1).collect();
    let small = |x: usize| x >= 1 && x < k;
    let mut published: Vec<bool> = cells.iter().map(|(key, count)| *count >= k && !key.contains(&Slot::Missing)).collect();
    let equations = equations(cells);
    loop {
        // Everything an outsider can work out from the published cells, and from where.
        let mut known = published.clone();
        let mut derived_by: Vec<Option<usize>> = vec![None; cells.len()];
        let mut changed = true;
        while changed {
            changed = false;
            for (e, eq) in equations.iter().enumerate() {
                let mut unknown = std::iter::once(eq.parent).chain(eq.children.iter().copied()).filter(|&t| !known[t]);
                if let (Some(only), None) = (unknown.next(), unknown.next()) {
                    known[only] = true;
                    derived_by[only] = Some(e);
                    changed = true;
                }
            }
        }
        let mut violations: Vec<usize> = Vec::new();
        for (e, eq) in equations.iter().enumerate() {
            if known[eq.parent] && small(eq.children.iter().filter(|&&c| !known[c]).map(|&c| n[c]).sum()) {
                violations.push(e);
            }
        }
        for (t, by) in derived_by.iter().enumerate() {
            if let Some(e) = by
                && small(n[t])
            {
                violations.push(*e);
            }
        }
        if violations.is_empty() {
            return published;
        }
        violations.sort_unstable();
        violations.dedup();
        let mut suppressed_now: BTreeSet<usize> = BTreeSet::new();
        for e in violations {
            let eq = &equations[e];
            // One suppression per equation per round is enough; the next round checks again.
            if std::iter::once(eq.parent).chain(eq.children.iter().copied()).any(|t| suppressed_now.contains(&t)) {
                continue;
            }
            if let Some(victim) = cell_to_suppress(e, &equations, &published, &derived_by, &n, cells) {
                published[victim] = false;
                suppressed_now.insert(victim);
            }
        }
        if suppressed_now.is_empty() {
            // Nothing published takes part any more; what remains cannot be narrowed further.
            return published;
        }
    }
}

/// The published cell to suppress for a violation in equation `e`. Children go before parents,
/// because a roll-up serves more firms than the cells under it: first the smallest published
/// child of `e`, else the smallest published child of an equation from which a term of `e` was
/// worked out (and so on back), and only when no child anywhere in that chain is published, a
/// published parent, searched the same way.
fn cell_to_suppress(e: usize, equations: &[Equation], published: &[bool], derived_by: &[Option<usize>], n: &[usize], cells: &[(CellKey, usize)]) -> Option<usize> {
    for parents_too in [false, true] {
        let mut visited = BTreeSet::new();
        let mut queue = std::collections::VecDeque::from([e]);
        while let Some(e) = queue.pop_front() {
            if !visited.insert(e) {
                continue;
            }
            let eq = &equations[e];
            let child = eq.children.iter().copied().filter(|&c| published[c]).min_by_key(|&c| (n[c], cells[c].0));
            if let Some(c) = child {
                return Some(c);
            }
            if parents_too && published[eq.parent] {
                return Some(eq.parent);
            }
            for t in std::iter::once(eq.parent).chain(eq.children.iter().copied()) {
                if let Some(from) = derived_by[t] {
                    queue.push_back(from);
                }
            }
        }
    }
    None
}

fn band_index(label: &str) -> Option<u8> {
    firm::EMPLOYEE_BANDS.iter().position(|b| b.2 == label).map(|i| i as u8)
}

fn sido_index(name: &str) -> Option<u8> {
    firm::SIDO.iter().position(|s| s.0 == name).map(|i| i as u8)
}

fn base_key(record: &CenterRecord) -> CellKey {
    let slot = |v: Option<u8>| v.map_or(Slot::Missing, Slot::Value);
    [
        slot(record.attributes.ksic_division),
        slot(record.attributes.employee_band.as_deref().and_then(band_index)),
        slot(record.attributes.sido.as_deref().and_then(sido_index)),
    ]
}

/// The eight keys a firm counts in: its own attributes and every roll-up of them.
fn roll_ups(base: CellKey) -> impl Iterator<Item = CellKey> {
    (0u8..8).map(move |mask| {
        let mut key = base;
        for (attribute, slot) in key.iter_mut().enumerate() {
            if mask & (1 << attribute) != 0 {
                *slot = Slot::All;
            }
        }
        key
    })
}

/// A firm's base key as stored in the ledger: `None` where it lacks the attribute.
fn key_code(key: CellKey) -> [Option<u8>; 3] {
    key.map(|slot| match slot {
        Slot::Value(v) => Some(v),
        Slot::All | Slot::Missing => None,
    })
}

fn key_from_code(code: [Option<u8>; 3]) -> CellKey {
    code.map(|v| v.map_or(Slot::Missing, Slot::Value))
}

/// The key of a published cell.
fn key_of_cell(cell: &BenchmarkCell) -> CellKey {
    let slot = |v: Option<u8>| v.map_or(Slot::All, Slot::Value);
    [
        slot(cell.ksic_division),
        cell.employee_band.as_deref().map_or(Slot::All, |b| band_index(b).map_or(Slot::Missing, Slot::Value)),
        cell.sido.as_deref().map_or(Slot::All, |s| sido_index(s).map_or(Slot::Missing, Slot::Value)),
    ]
}

/// The latest figures an earlier publication gave a cell of its own (never a repeat), marked
/// with that publication's day.
/// Only cells of at least `k` firms qualify (an earlier publication may have used a smaller k).
fn latest_figures(earlier: &[Publication], hash: &str, key: &CellKey, k: usize) -> Option<BenchmarkCell> {
    earlier
        .iter()
        .enumerate()
        .filter_map(|(order, p)| {
            let q = p.questionnaires.iter().find(|q| q.questionnaire_hash == hash)?;
            let cell = q.cells.iter().find(|c| key_of_cell(c) == *key && c.firms as usize >= k)?;
            Some(((p.published_on.clone(), order), cell))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|((day, _), cell)| BenchmarkCell { as_of: Some(day), ..cell.clone() })
}

/// What an outsider holding an earlier publication and the new one can know of a cell: its
/// firms then (`old`), now (`new`), and the difference between the two (`delta`).
#[derive(Clone, Copy)]
enum View {
    Old,
    New,
    Delta,
}

/// Holds back cells of a new publication (`published`, over `cells`) that, set against the
/// `earlier` publication of the same questionnaire version, would let an outsider work out the
/// scores of 1 to k − 1 firms. Three views of every cell are tracked: its firms then, its firms
/// now, and the firms that joined, left or were re-assessed in between; any two known views
/// give the third, and within each view a roll-up is the sum of its children, as in
/// `suppress_cells`. While some group of 1 to k − 1 firms can be worked out in any view, a
/// published cell is held back: first cells that changed by fewer than k firms, then the
/// smallest changed cell of an equation that reveals something.
fn hold_back(cells: &[(CellKey, usize)], published: &mut [bool], now: &[LedgerMember], then: &LedgerQuestionnaire, k_then: usize, k: usize) {
    let small = |x: usize| x >= 1 && x < k;
    // What the earlier publication revealed alone is out in the world already; only what the new
    // one adds to it can be prevented (this matters when the earlier one used a smaller k).
    let small_then = |x: usize| x >= 1 && x < k.min(k_then);
    let mut index: HashMap<CellKey, usize> = cells.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
    let mut universe: Vec<(CellKey, usize)> = cells.to_vec();
    let mut n_old: Vec<usize> = vec![0; universe.len()];
    for m in &then.members {
        for key in roll_ups(key_from_code(m.key)) {
            let i = *index.entry(key).or_insert_with(|| {
                universe.push((key, 0));
                n_old.push(0);
                universe.len() - 1
            });
            n_old[i] += 1;
        }
    }
    let n_new: Vec<usize> = universe.iter().map(|c| c.1).collect();
    // The firms that changed, and the cells each stands in then or now.
    let before: HashMap<&str, &LedgerMember> = then.members.iter().map(|m| (m.firm.as_str(), m)).collect();
    let after: HashMap<&str, &LedgerMember> = now.iter().map(|m| (m.firm.as_str(), m)).collect();
    let mut changed: Vec<Vec<usize>> = vec![Vec::new(); universe.len()];
    let firms: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    for (f, firm) in firms.iter().enumerate() {
        let (b, a) = (before.get(firm), after.get(firm));
        if let (Some(b), Some(a)) = (b, a)
            && b.assessment_id == a.assessment_id
            && b.key == a.key
        {
            continue;
        }
        let mut touched: BTreeSet<usize> = BTreeSet::new();
        for m in b.iter().chain(a.iter()) {
            touched.extend(roll_ups(key_from_code(m.key)).filter_map(|key| index.get(&key).copied()));
        }
        for i in touched {
            changed[i].push(f);
        }
    }
    let d: Vec<usize> = changed.iter().map(Vec::len).collect();
    let old_published: BTreeSet<CellKey> = then.cells.iter().map(key_of_cell).collect();
    let equations = equations(&universe);
    let size = |view: View, i: usize| match view {
        View::Old => n_old[i],
        View::New => n_new[i],
        View::Delta => d[i],
    };
    // Distinct firms in a group of cells of a view: sums for the snapshots (a firm stands in one
    // child), a union for the changes (a firm that moved stands in two).
    let group = |view: View, terms: &mut dyn Iterator<Item = usize>| -> usize {
        match view {
            View::Delta => terms.flat_map(|i| changed[i].iter().copied()).collect::<BTreeSet<_>>().len(),
            _ => terms.map(|i| size(view, i)).sum(),
        }
    };
    loop {
        let new_published: Vec<bool> = (0..universe.len()).map(|i| published.get(i).copied().unwrap_or(false)).collect();
        let mut known: [Vec<bool>; 3] = [
            (0..universe.len()).map(|i| n_old[i] == 0 || old_published.contains(&universe[i].0)).collect(),
            (0..universe.len()).map(|i| n_new[i] == 0 || new_published[i]).collect(),
            vec![false; universe.len()],
        ];
        let mut progress = true;
        while progress {
            progress = false;
            for view in known.iter_mut() {
                for eq in &equations {
                    let mut unknown = std::iter::once(eq.parent).chain(eq.children.iter().copied()).filter(|&t| !view[t]);
                    if let (Some(only), None) = (unknown.next(), unknown.next()) {
                        view[only] = true;
                        progress = true;
                    }
                }
            }
            // Two known views of a cell give the third.
            for i in 0..universe.len() {
                if known.iter().filter(|view| view[i]).count() == 2 {
                    known.iter_mut().for_each(|view| view[i] = true);
                    progress = true;
                }
            }
        }
        let views = [View::Old, View::New, View::Delta];
        let mut revealing: BTreeSet<usize> = BTreeSet::new();
        let mut direct: Vec<usize> = Vec::new();
        for (v, &view) in views.iter().enumerate() {
            let small = |x: usize| if matches!(view, View::Old) { small_then(x) } else { small(x) };
            for i in 0..universe.len() {
                if known[v][i] && small(size(view, i)) {
                    revealing.insert(i);
                    if new_published[i] && small(d[i]) {
                        direct.push(i);
                    }
                }
            }
            for eq in &equations {
                if known[v][eq.parent] {
                    let rest = group(view, &mut eq.children.iter().copied().filter(|&c| !known[v][c]));
                    if small(rest) {
                        revealing.insert(eq.parent);
                        revealing.extend(eq.children.iter().copied());
                    }
                }
            }
        }
        if revealing.is_empty() {
            return;
        }
        let victims: Vec<usize> = if direct.is_empty() {
            let pick = |pool: &mut dyn Iterator<Item = usize>| pool.filter(|&i| new_published[i] && d[i] > 0).min_by_key(|&i| (n_new[i], universe[i].0));
            let chosen = pick(&mut revealing.iter().copied())
                .or_else(|| pick(&mut (0..universe.len())))
                .or_else(|| (0..universe.len()).filter(|&i| new_published[i]).min_by_key(|&i| (n_new[i], universe[i].0)));
            match chosen {
                Some(i) => vec![i],
                // Nothing new is published any more: the outsider knows no more than before.
                None => return,
            }
        } else {
            direct
        };
        for i in victims {
            if let Some(p) = published.get_mut(i) {
                *p = false;
            }
        }
    }
}

/// Publishes benchmark cells from the centre's records as a first publication. Pure: the date
/// and the centre's name are passed in.
pub fn publish_benchmarks(records: &[CenterRecord], catalog: &Catalog, options: &PublishOptions) -> Result<(BenchmarkFile, PublishReport), ExchangeError> {
    publish_benchmarks_after(records, catalog, options, &[]).map(|(file, report, _)| (file, report))
}

/// Publishes benchmark cells from the centre's records, after the `earlier` publications an
/// outsider may hold too: a cell whose firms changed by fewer than k since one of them (or that
/// could be worked out to have) gets no new figures; it repeats the latest figures already
/// published for it, if any. Also returns what this publication showed, for the ledger.
pub fn publish_benchmarks_after(
    records: &[CenterRecord],
    catalog: &Catalog,
    options: &PublishOptions,
    earlier: &[Publication],
) -> Result<(BenchmarkFile, PublishReport, Publication), ExchangeError> {
    if options.k < 2 {
        return Err(ExchangeError::BadInput(format!("k = {} would publish single firms; use 2 or more (5 is usual)", options.k)));
    }
    let k = options.k as usize;
    let mut report = PublishReport::default();
    let mut by_hash: BTreeMap<(&str, &str, &str), Vec<&CenterRecord>> = BTreeMap::new();
    for r in records {
        by_hash.entry((&r.questionnaire_id, &r.questionnaire_version, &r.questionnaire_hash)).or_default().push(r);
    }
    let mut questionnaires = Vec::new();
    let mut cells_out = Vec::new();
    let mut ledger = Publication { published_on: options.published_on.format("%Y-%m-%d").to_string(), k: options.k, questionnaires: Vec::new() };
    for ((id, version, hash), records) in by_hash {
        let known: Option<&Questionnaire> = catalog.iter().find(|q| q.content_hash == hash);
        let dimension_ids: Vec<String> = match known {
            Some(q) => q.dimensions.iter().map(|d| d.id.clone()).collect(),
            None => records.iter().flat_map(|r| r.dimensions.keys().cloned()).collect::<BTreeSet<_>>().into_iter().collect(),
        };
        questionnaires.push(BenchmarkQuestionnaire {
            content_hash: hash.to_string(),
            dimensions: dimension_ids
                .iter()
                .map(|d| BenchmarkDimension {
                    id: d.clone(),
                    name: known.and_then(|q| q.dimension(d)).map_or_else(|| Text::new(d.clone(), d.clone()), |x| x.name.clone()),
                })
                .collect(),
            id: id.to_string(),
            version: version.to_string(),
        });
        // Each firm's latest assessment of this version.
        let mut latest: BTreeMap<&str, &CenterRecord> = BTreeMap::new();
        for r in records {
            let entry = latest.entry(&r.firm).or_insert(r);
            if (r.round, r.year, &r.assessment_id) > (entry.round, entry.year, &entry.assessment_id) {
                *entry = r;
            }
        }
        let complete = |r: &CenterRecord| r.overall.score.is_some() && dimension_ids.iter().all(|d| r.dimensions.get(d).is_some_and(|s| s.score.is_some()));
        let firms: Vec<&CenterRecord> = latest.values().copied().filter(|r| complete(r)).collect();
        report.firms_left_out += latest.len() - firms.len();
        report.firms += firms.len();

        // Each firm's scores once, overall first, then the dimensions in order: a cell's
        // statistics then read columns instead of looking names up for every firm in every cell.
        let scores: Vec<Vec<f64>> = firms
            .iter()
            .map(|r| {
                std::iter::once(r.overall.score.unwrap_or_default())
                    .chain(dimension_ids.iter().map(|d| r.dimensions.get(d).and_then(|s| s.score).unwrap_or_default()))
                    .collect()
            })
            .collect();
        let mut members: BTreeMap<CellKey, Vec<usize>> = BTreeMap::new();
        for (i, r) in firms.iter().enumerate() {
            for key in roll_ups(base_key(r)) {
                members.entry(key).or_default().push(i);
            }
        }
        let counted: Vec<(CellKey, usize)> = members.iter().map(|(key, m)| (*key, m.len())).collect();
        let mut published = suppress_cells(&counted, k);
        let members_now: Vec<LedgerMember> = firms
            .iter()
            .map(|r| LedgerMember { firm: r.firm.clone(), assessment_id: r.assessment_id.clone(), key: key_code(base_key(r)) })
            .collect();
        let before_hold_back = published.clone();
        for publication in earlier {
            if let Some(then) = publication.questionnaires.iter().find(|q| q.questionnaire_hash == hash) {
                hold_back(&counted, &mut published, &members_now, then, publication.k as usize, k);
            }
        }
        report.cells += counted.len();
        let mut repeated = Vec::new();
        for (i, ((key, count), &is_published)) in counted.iter().zip(&published).enumerate() {
            if is_published {
                report.cells_published += 1;
            } else if before_hold_back[i] {
                report.cells_held_back_since_earlier += 1;
                if let Some(cell) = latest_figures(earlier, hash, key, k) {
                    report.cells_repeated_from_earlier += 1;
                    repeated.push(cell);
                }
            } else if *count < k || key.contains(&Slot::Missing) {
                report.cells_too_small += 1;
            } else {
                report.cells_suppressed_against_differencing += 1;
            }
        }
        let fresh_from = cells_out.len();
        for ((key, m), is_published) in members.iter().zip(published) {
            if !is_published {
                continue;
            }
            let column = |j: usize| -> Vec<f64> { m.iter().map(|&i| scores[i][j]).collect() };
            let Some(overall) = statistics(&column(0)) else { continue };
            let dimensions = dimension_ids.iter().enumerate().filter_map(|(j, d)| statistics(&column(j + 1)).map(|s| (d.clone(), s))).collect();
            let value = |slot: Slot| match slot {
                Slot::Value(v) => Some(v),
                _ => None,
            };
            cells_out.push(BenchmarkCell {
                dimensions,
                employee_band: value(key[1]).and_then(|i| firm::EMPLOYEE_BANDS.get(i as usize)).map(|b| b.2.to_string()),
                firms: m.len() as u32,
                ksic_division: value(key[0]),
                overall,
                questionnaire_hash: hash.to_string(),
                sido: value(key[2]).and_then(|i| firm::SIDO.get(i as usize)).map(|s| s.0.to_string()),
                as_of: None,
            });
        }
        ledger.questionnaires.push(LedgerQuestionnaire { questionnaire_hash: hash.to_string(), members: members_now, cells: cells_out[fresh_from..].to_vec() });
        cells_out.extend(repeated);
    }
    let content = BenchmarkContent {
        cells: cells_out,
        generator: format!("jindan {}", env!("CARGO_PKG_VERSION")),
        k: options.k,
        percentile_method: PERCENTILE_METHOD.to_string(),
        published_by: options.published_by.clone(),
        published_on: options.published_on.format("%Y-%m-%d").to_string(),
        questionnaires,
    };
    let file = BenchmarkFile {
        format: BENCHMARK_FORMAT.to_string(),
        format_version: BENCHMARK_FORMAT_VERSION,
        checksum: benchmark_checksum(&content),
        content,
    };
    Ok((file, report, ledger))
}

/// The checksum of a benchmark's content: SHA-256 over its canonical JSON.
pub fn benchmark_checksum(content: &BenchmarkContent) -> String {
    let value = serde_json::to_value(content).unwrap_or_default();
    sha256_checksum(canonical_json(&value).as_bytes())
}

/// The file text of a benchmark: pretty JSON (it is small and people read it) and a newline.
pub fn benchmark_json(file: &BenchmarkFile) -> String {
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads and checks a benchmark file: size, JSON syntax, the exact schema, format and version,
/// the checksum, and that no cell is below the file's k or refers to an unlisted questionnaire.
pub fn read_benchmark(file: &str, bytes: &[u8]) -> Result<BenchmarkFile, ExchangeError> {
    let rejected = |reason: String| ExchangeError::RejectedBenchmark { file: file.to_string(), reason };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(rejected(format!("the file is {} bytes, more than the {MAX_FILE_BYTES} bytes allowed", bytes.len())));
    }
    let parsed: BenchmarkFile = serde_json::from_slice(bytes).map_err(|e| {
        let detail = e.to_string();
        rejected(format!("not a benchmark file: line {}, column {}: {}", e.line(), e.column(), detail.split(" at line").next().unwrap_or_default()))
    })?;
    if parsed.format != BENCHMARK_FORMAT {
        return Err(rejected(format!("format is '{}', not '{BENCHMARK_FORMAT}'", parsed.format)));
    }
    if parsed.format_version != BENCHMARK_FORMAT_VERSION {
        return Err(rejected(format!("format version {} is not supported; this Jindan reads version {BENCHMARK_FORMAT_VERSION}", parsed.format_version)));
    }
    let actual = benchmark_checksum(&parsed.content);
    if actual != parsed.checksum {
        return Err(rejected(format!("the checksum does not match the content (the file says {}, the content gives {actual})", parsed.checksum)));
    }
    let c = &parsed.content;
    if c.k < 2 {
        return Err(rejected(format!("k = {} is below 2", c.k)));
    }
    let hashes: BTreeSet<&str> = c.questionnaires.iter().map(|q| q.content_hash.as_str()).collect();
    for (i, cell) in c.cells.iter().enumerate() {
        if cell.firms < c.k {
            return Err(rejected(format!("cell {} has {} firms, fewer than the file's k = {}", i + 1, cell.firms, c.k)));
        }
        if !hashes.contains(cell.questionnaire_hash.as_str()) {
            return Err(rejected(format!("cell {} refers to questionnaire {} that the file does not list", i + 1, cell.questionnaire_hash)));
        }
        if let Some(day) = &cell.as_of {
            let valid = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
            let published = NaiveDate::parse_from_str(&c.published_on, "%Y-%m-%d").ok();
            if valid.is_none() || valid > published {
                return Err(rejected(format!("cell {} repeats figures as of '{day}', which is not a day on or before the file's publication ({})", i + 1, c.published_on)));
            }
        }
    }
    Ok(parsed)
}

/// The JSON Schema of the benchmark file.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(BenchmarkFile)).unwrap_or_default()
}

/// Short names of the KSIC manufacturing divisions, for cell descriptions.
const KSIC_SHORT: &[(u8, &str, &str)] = &[
    (10, "식료품", "food products"),
    (11, "음료", "beverages"),
    (12, "담배", "tobacco"),
    (13, "섬유", "textiles"),
    (14, "의복", "apparel"),
    (15, "가죽·신발", "leather and footwear"),
    (16, "목재", "wood products"),
    (17, "종이", "paper"),
    (18, "인쇄", "printing"),
    (19, "석유정제", "refined petroleum"),
    (20, "화학", "chemicals"),
    (21, "의약품", "pharmaceuticals"),
    (22, "고무·플라스틱", "rubber and plastics"),
    (23, "비금속 광물", "non-metallic minerals"),
    (24, "1차 금속", "basic metals"),
    (25, "금속가공", "fabricated metal"),
    (26, "전자부품", "electronics"),
    (27, "정밀기기", "precision instruments"),
    (28, "전기장비", "electrical equipment"),
    (29, "기타 기계", "other machinery"),
    (30, "자동차", "motor vehicles"),
    (31, "기타 운송장비", "other transport equipment"),
    (32, "가구", "furniture"),
    (33, "기타 제품", "other products"),
    (34, "산업용 기계 수리", "machinery repair"),
];

/// A KSIC division in a few words with its code: "기타 기계(29)" / "other machinery (29)".
pub fn ksic_short_name(division: u8) -> Text {
    match KSIC_SHORT.iter().find(|k| k.0 == division) {
        Some((code, ko, en)) => Text::new(format!("{ko}({code})"), format!("{en} ({code})")),
        None => Text::new(format!("KSIC {division}"), format!("KSIC {division}")),
    }
}

/// An employee band in words: "50–99명" / "50–99 employees".
pub fn employee_band_name(label: &str) -> Text {
    match label.strip_suffix('+') {
        Some(lowest) => Text::new(format!("{lowest}명 이상"), format!("{lowest} or more employees")),
        None => {
            let dashed = label.replace('-', "–");
            Text::new(format!("{dashed}명"), format!("{dashed} employees"))
        }
    }
}

/// Names a cell in words: "대구·기타 기계(29)·50–99명 기업 12곳" /
/// "12 firms in Daegu, other machinery (29), 50–99 employees".
pub fn describe_cell(cell: &BenchmarkCell) -> Text {
    let mut ko = Vec::new();
    let mut en = Vec::new();
    if let Some(s) = &cell.sido {
        ko.push(s.clone());
        en.push(firm::SIDO.iter().find(|x| x.0 == s).map_or_else(|| s.clone(), |x| x.1.to_string()));
    }
    if let Some(d) = cell.ksic_division {
        let name = ksic_short_name(d);
        ko.push(name.ko);
        en.push(name.en);
    }
    if let Some(b) = &cell.employee_band {
        let name = employee_band_name(b);
        ko.push(name.ko);
        en.push(name.en);
    }
    let n = cell.firms;
    if ko.is_empty() {
        Text::new(format!("전체 기업 {n}곳"), format!("all {n} firms"))
    } else {
        Text::new(format!("{} 기업 {n}곳", ko.join("·")), format!("{n} firms in {}", en.join(", ")))
    }
}

/// The most specific published cell that matches a firm, and its description. More attributes
/// beat fewer; among cells with as many, the KSIC division counts most, then the employee band,
/// then the 시·도 (firms of one trade resemble each other more than firms of one region).
pub fn nearest_benchmark_cell(
    benchmark: &InstalledBenchmark,
    questionnaire_hash: &str,
    ksic_division: Option<u8>,
    employee_band: Option<&str>,
    sido: Option<&str>,
) -> Option<(BenchmarkCell, Text)> {
    // (KSIC, band, 시·도) kept, in order of preference.
    const PREFERENCE: [[bool; 3]; 8] = [
        [true, true, true],
        [true, true, false],
        [true, false, true],
        [false, true, true],
        [true, false, false],
        [false, true, false],
        [false, false, true],
        [false, false, false],
    ];
    for keep in PREFERENCE {
        // A kept attribute the firm does not have rules the combination out.
        let (Some(wanted_ksic), Some(wanted_band), Some(wanted_sido)) = (
            if keep[0] { ksic_division.map(Some) } else { Some(None) },
            if keep[1] { employee_band.map(Some) } else { Some(None) },
            if keep[2] { sido.map(Some) } else { Some(None) },
        ) else {
            continue;
        };
        let found = benchmark.file.content.cells.iter().find(|c| {
            c.questionnaire_hash == questionnaire_hash
                && c.ksic_division == wanted_ksic
                && c.employee_band.as_deref() == wanted_band
                && c.sido.as_deref() == wanted_sido
        });
        if let Some(cell) = found {
            return Some((cell.clone(), describe_cell(cell)));
        }
    }
    None
}

/// Where a firm's score stands among its peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    BelowP25,
    P25ToMedian,
    MedianToP75,
    AboveP75,
}

impl Position {
    /// The position of a score among the statistics.
    pub fn of(score: f64, peers: &Statistics) -> Position {
        if score < peers.p25 {
            Position::BelowP25
        } else if score < peers.median {
            Position::P25ToMedian
        } else if score <= peers.p75 {
            Position::MedianToP75
        } else {
            Position::AboveP75
        }
    }

    /// The position in words.
    pub fn text(self) -> Text {
        match self {
            Position::BelowP25 => Text::new("하위 25% 안", "in the lowest quarter"),
            Position::P25ToMedian => Text::new("중앙값 아래", "below the median"),
            Position::MedianToP75 => Text::new("중앙값 위", "above the median"),
            Position::AboveP75 => Text::new("상위 25% 안", "in the top quarter"),
        }
    }
}

/// One measure (a dimension, or the overall score) of a firm next to its peers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureComparison {
    /// A dimension id, or "overall".
    pub id: String,
    pub name: Text,
    pub you: Option<f64>,
    pub peers: Option<Statistics>,
    /// Your score minus the peers' median.
    pub difference_from_median: Option<f64>,
    pub position: Option<Position>,
}

/// "You vs firms like you" for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkComparison {
    pub questionnaire: String,
    /// The peer group in words.
    pub peers: Text,
    pub firms: u32,
    pub ksic_division: Option<u8>,
    pub employee_band: Option<String>,
    pub sido: Option<String>,
    pub published_on: String,
    pub published_by: Option<String>,
    pub overall: MeasureComparison,
    pub dimensions: Vec<MeasureComparison>,
}

/// Which peer score a plan aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerMark {
    /// The median of firms like this one.
    Median,
    /// The 75th percentile: the top quarter of firms like this one.
    UpperQuartile,
}

impl PeerMark {
    /// Reads "median" or "p75" as typed on a command line.
    pub fn parse(text: &str) -> Result<PeerMark, ExchangeError> {
        match text.trim() {
            "median" => Ok(PeerMark::Median),
            "p75" | "upper_quartile" => Ok(PeerMark::UpperQuartile),
            other => Err(ExchangeError::BadInput(format!("'{other}' is not a peer mark; use median or p75"))),
        }
    }
}

impl BenchmarkComparison {
    /// The peers' score at `mark` for every dimension the cell has figures for.
    pub fn peer_scores(&self, mark: PeerMark) -> BTreeMap<String, f64> {
        self.dimensions
            .iter()
            .filter_map(|m| {
                let p = m.peers?;
                Some((m.id.clone(), if mark == PeerMark::Median { p.median } else { p.p75 }))
            })
            .collect()
    }

    /// Plan targets that bring each dimension up to these peers at `mark`; the user's `typed`
    /// targets win where given.
    pub fn peer_targets(&self, mark: PeerMark, q: &Questionnaire, scores: &Scores, typed: &crate::plan::Targets) -> crate::plan::Targets {
        crate::plan::Targets::toward_peers(q, scores, &self.peer_scores(mark)).overridden_by(typed)
    }
}

/// Sets a firm's scores (from `scoring::score`) beside a benchmark cell.
pub fn compare_with_benchmark(q: &Questionnaire, scores: &Scores, benchmark: &InstalledBenchmark, cell: &BenchmarkCell, description: &Text) -> BenchmarkComparison {
    let measure = |id: &str, name: Text, you: Option<f64>, peers: Option<Statistics>| MeasureComparison {
        id: id.to_string(),
        name,
        you,
        peers,
        difference_from_median: you.zip(peers).map(|(y, p)| y - p.median),
        position: you.zip(peers).map(|(y, p)| Position::of(y, &p)),
    };
    BenchmarkComparison {
        questionnaire: q.reference(),
        peers: description.clone(),
        firms: cell.firms,
        ksic_division: cell.ksic_division,
        employee_band: cell.employee_band.clone(),
        sido: cell.sido.clone(),
        // A repeated cell's figures are those of the day they were first published.
        published_on: cell.as_of.clone().unwrap_or_else(|| benchmark.file.content.published_on.clone()),
        published_by: benchmark.file.content.published_by.clone(),
        overall: measure("overall", Text::new("종합", "Overall"), scores.overall.score, Some(cell.overall)),
        dimensions: scores.dimensions.iter().map(|d| measure(&d.id, d.name.clone(), d.score, cell.dimensions.get(&d.id).copied())).collect(),
    }
}
