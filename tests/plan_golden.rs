//! Improvement plans, what-if, actions and progress, checked against fixtures and golden files.
//!
//! Fixture answers in `tests/fixtures/answers/*.json` are planned on a fixed day and compared with
//! `tests/golden/plan-*.json` (ordered step ids, phases, months, priorities and cost sums). Run
//! with `UPDATE_GOLDEN=1` to rewrite the golden files after an intended change, then review the diff.

use chrono::{DateTime, NaiveDate, Utc};
use jindan::answers::{self, Answers};
use jindan::plan::{
    self, Inclusion, Phase, PlanError, Programmes, ProgrammeStatus, Recommendations, Targets, builtin_programmes, builtin_recommendations,
    check_effects, parse_programmes, parse_recommendations,
};
use jindan::questionnaire::{Catalog, Questionnaire};
use jindan::scoring::{self, Scores};
use jindan::store::actions::{ActionChange, ActionStatus, NewAction};
use jindan::store::{Mode, NewAssessment, OrganizationInput, Store, StoreError};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The day every golden plan is made for.
const PLAN_DAY: (i32, u32, u32) = (2026, 6, 1);
const FULL: &str = "kr-mfg-ai-readiness";
const DIMENSIONS: [&str; 8] = ["strategy", "automation", "systems", "data", "ai", "twin", "people", "security"];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar day in the test")
}

fn plan_day() -> NaiveDate {
    day(PLAN_DAY.0, PLAN_DAY.1, PLAN_DAY.2)
}

fn catalog() -> Catalog {
    Catalog::builtin().expect("the shipped questionnaires load")
}

fn recommendations() -> Recommendations {
    builtin_recommendations().expect("the shipped recommendations load").remove(0)
}

fn programmes() -> Programmes {
    builtin_programmes().expect("the shipped programmes load")
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers")
}

/// Every fixture answers file, by name without extension, in name order.
fn fixtures() -> Vec<(String, PathBuf)> {
    let mut list: Vec<(String, PathBuf)> = std::fs::read_dir(fixture_dir())
        .expect("the fixture folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(), p))
        .collect();
    list.sort();
    list
}

fn load_answers(q: &Questionnaire, path: &Path) -> Answers {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).expect("the fixture can be read");
    let parsed = answers::parse_answers_file(&name, &text).expect("the fixture is an answers file");
    answers::answers_from_file(&name, parsed, q).expect("the fixture fits its questionnaire")
}

fn scored(name: &str) -> (Questionnaire, Answers, Scores) {
    let q = catalog().find(FULL).expect("the full questionnaire is shipped").clone();
    let answers = load_answers(&q, &fixture_dir().join(format!("{name}.json")));
    let scores = scoring::score(&q, &answers);
    (q, answers, scores)
}

fn make_plan(name: &str, targets: &Targets, today: NaiveDate) -> plan::Plan {
    let (q, _, scores) = scored(name);
    targets.check(&q, &scores).expect("the test targets are valid");
    plan::plan(&q, &scores, &recommendations(), &programmes(), targets, today)
}

/// The part of a plan the golden files pin down.
fn golden_view(p: &plan::Plan) -> Value {
    let cost = |c: plan::CostRange| json!([c.min, c.max]);
    json!({
        "questionnaire": p.questionnaire,
        "recommendations": p.recommendations,
        "today": p.today.to_string(),
        "dimensions": p.dimensions.iter().map(|d| json!({
            "id": d.id, "current": d.current_level, "target": d.target_level, "gap": d.gap, "steps": d.steps,
        })).collect::<Vec<_>>(),
        "steps": p.steps.iter().map(|s| json!({
            "id": s.id,
            "phase": s.phase,
            "months": [s.start_month, s.finish_month],
            "priority": (s.priority.value * 1000.0).round() / 1000.0,
            "pulled_in": matches!(s.inclusion, Inclusion::PulledIn { .. }),
            "programmes": s.programmes.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "investment": {
            "total_won": cost(p.investment.total_won),
            "support_estimate_won": cost(p.investment.support_estimate_won),
            "by_phase": p.investment.by_phase.iter().map(|c| json!({ "phase": c.phase, "steps": c.steps, "cost_won": cost(c.cost_won) })).collect::<Vec<_>>(),
            "by_dimension": p.investment.by_dimension.iter().map(|c| json!({ "dimension": c.dimension, "steps": c.steps, "cost_won": cost(c.cost_won) })).collect::<Vec<_>>(),
        },
        "horizon_months": p.horizon_months,
    })
}

fn check_golden(name: &str, actual: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("plan-{name}.json"));
    let text = format!("{}\n", serde_json::to_string_pretty(actual).expect("a JSON value serialises"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("the golden folder has a parent")).expect("the golden folder can be made");
        std::fs::write(&path, text).expect("the golden file can be written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1 to create it", path.display()));
    if expected != text {
        // Show the first lines that differ rather than two whole documents.
        let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), text.lines().collect());
        let first = old.iter().zip(&new).position(|(a, b)| a != b).unwrap_or(old.len().min(new.len()));
        let around = |lines: &[&str]| lines.iter().skip(first.saturating_sub(3)).take(8).cloned().collect::<Vec<_>>().join("\n");
        panic!(
            "{} differs from line {}; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            first + 1,
            around(&old),
            around(&new)
        );
    }
}

/// Every plan the property tests look at: each fixture with default targets, everything at 5,
/// and one uneven set of targets.
fn all_plans() -> Vec<(String, plan::Plan)> {
    let mut out = Vec::new();
    for (name, _) in fixtures() {
        let (q, _, scores) = scored(&name);
        let mut everything = Targets::defaults();
        for d in &q.dimensions {
            everything.set(&d.id, 5);
        }
        let mut uneven = Targets::defaults();
        uneven.set("ai", 4);
        uneven.set("twin", 3);
        for (label, targets) in [("default", Targets::defaults()), ("all-5", everything), ("uneven", uneven)] {
            if targets.check(&q, &scores).is_ok() {
                out.push((format!("{name}/{label}"), plan::plan(&q, &scores, &recommendations(), &programmes(), &targets, plan_day())));
            }
        }
    }
    out
}

// ---- the shipped data ----

#[test]
fn shipped_recommendations_cover_every_dimension_and_level_step() {
    let r = recommendations();
    assert!(r.steps.len() >= 60, "only {} steps", r.steps.len());
    for dimension in DIMENSIONS {
        for level in 0..=4 {
            let count = r.steps_at(dimension, level).count();
            assert!(count >= 2, "{dimension} {level}→{} has {count} step(s); write at least two", level + 1);
        }
    }
    for s in &r.steps {
        assert!(DIMENSIONS.contains(&s.dimension.as_str()), "step {} names dimension {}", s.id, s.dimension);
        assert!(!s.effects.is_empty(), "step {} changes no answer", s.id);
        assert!(s.cost_won.max > 0 || s.effort == plan::Effort::S, "step {} costs nothing but is not small", s.id);
    }
}

#[test]
fn effects_are_valid_answers_in_both_shipped_questionnaires() {
    let r = recommendations();
    let catalog = catalog();
    let applied: Vec<&Questionnaire> = catalog.iter().filter(|q| r.applies_to_questionnaire(q)).collect();
    assert_eq!(applied.len(), 2, "the recommendations apply to both shipped questionnaires");
    for q in &applied {
        let problems = check_effects(&r, q);
        assert!(problems.is_empty(), "{}: {problems:#?}", q.reference());
    }
    // Every effect names a question of at least one of the questionnaires, so none is dead.
    for s in &r.steps {
        for e in &s.effects {
            assert!(applied.iter().any(|q| q.question(&e.question).is_some()), "step {}: no questionnaire has question '{}'", s.id, e.question);
        }
    }
}

#[test]
fn every_step_of_a_dimension_lifts_it_one_level_from_the_bottom() {
    // Starting from the worst answer everywhere, doing every step up to level k must reach at
    // least level k + 1 in that dimension, so that the steps really are the way up.
    let q = catalog().find(FULL).expect("shipped").clone();
    let r = recommendations();
    let mut worst = Answers::new(&q);
    for question in q.questions.iter().filter(|x| x.is_scored()) {
        let value = match &question.kind {
            jindan::questionnaire::QuestionKind::Single { options } => json!(options[0].id),
            jindan::questionnaire::QuestionKind::Multi { options, none_option, .. } => {
                json!(none_option.clone().map(|n| vec![n]).unwrap_or_else(|| vec![options[0].id.clone()]))
            }
            jindan::questionnaire::QuestionKind::Grid { rows, scale } => {
                Value::Object(rows.iter().map(|row| (row.id.clone(), json!(scale[0].id))).collect())
            }
            jindan::questionnaire::QuestionKind::Numeric { min, .. } => json!(min),
            jindan::questionnaire::QuestionKind::Text => continue,
        };
        worst.set(&question.id, answers::Rater::Firm, answers::interpret_value(question, &value).expect("the worst answer fits"));
    }
    let mut shortfalls = Vec::new();
    for dimension in DIMENSIONS {
        for level in 0..=4u8 {
            let steps: Vec<String> = r.steps.iter().filter(|s| s.from_level <= level).map(|s| s.id.clone()).collect();
            let result = plan::what_if(&q, &worst, &r, &steps);
            let reached = result.after.dimension(dimension).and_then(|d| d.level).unwrap_or(0);
            if reached < level + 1 {
                shortfalls.push(format!("{dimension}: steps up to {level}→{} reach level {reached}", level + 1));
            }
        }
    }
    assert!(shortfalls.is_empty(), "{shortfalls:#?}");
}

#[test]
fn shipped_programmes_load_with_their_dates() {
    let p = programmes();
    assert!(p.programmes.len() >= 10);
    let voucher = p.programme("ai-voucher-2021-2023").expect("the AI voucher is listed");
    assert_eq!(voucher.status_on(day(2022, 5, 1)), ProgrammeStatus::Active);
    assert_eq!(voucher.status_on(day(2026, 5, 1)), ProgrammeStatus::Expired);
    let autonomous = p.programme("autonomous-factory-2026").expect("the 2026 call is listed");
    assert_eq!(autonomous.status_on(day(2025, 12, 31)), ProgrammeStatus::Upcoming);
    assert_eq!(autonomous.max_amount_won, Some(600_000_000));
}

#[test]
fn json_schemas_describe_both_files() {
    let r = plan::recommendations_json_schema();
    assert!(r["properties"]["steps"].is_object(), "{r}");
    let p = plan::programmes_json_schema();
    assert!(p["properties"]["programmes"].is_object(), "{p}");
}

// ---- golden plans ----

#[test]
fn golden_plans_for_every_fixture() {
    let names = fixtures();
    assert!(names.len() >= 3, "expected at least three fixtures, found {}", names.len());
    for (name, _) in names {
        check_golden(&name, &golden_view(&make_plan(&name, &Targets::defaults(), plan_day())));
    }
}

#[test]
fn golden_plan_with_user_targets() {
    let targets = Targets::parse_assignments(&["data=4", "ai=3", "strategy=2"]).expect("well-formed targets");
    check_golden("mid-mes-targets", &golden_view(&make_plan("mid-mes", &targets, plan_day())));
}

#[test]
fn peer_targets_aim_at_the_level_the_peer_score_reaches_and_never_below_the_current_one() {
    let (q, _, scores) = scored("mid-mes");
    // Peer scores: one far above every dimension, one at 0, one exactly on a threshold.
    let threshold = q.level_thresholds[2];
    let mut peers = BTreeMap::new();
    peers.insert("data".to_string(), 95.0);
    peers.insert("ai".to_string(), 0.0);
    peers.insert("strategy".to_string(), threshold);
    let targets = Targets::toward_peers(&q, &scores, &peers);
    let current = |id: &str| scores.dimension(id).and_then(|d| d.level).unwrap_or(0);
    assert_eq!(targets.get("data"), Some(q.level_for_score(95.0)));
    assert_eq!(targets.get("ai"), Some(current("ai")), "a peer score below the firm keeps its level");
    assert_eq!(targets.get("strategy"), Some(3.max(current("strategy"))), "a score on the threshold reaches that level");
    assert_eq!(targets.get("people"), None, "a dimension without peer figures keeps the default");
    targets.check(&q, &scores).expect("peer targets are valid targets");
    // A hand-set target wins, and the plan tells the two apart.
    let typed = Targets::parse_assignments(&["data=5"]).unwrap();
    let both = targets.overridden_by(&typed);
    let p = plan::plan(&q, &scores, &recommendations(), &programmes(), &both, plan_day());
    let source = |id: &str| p.dimensions.iter().find(|d| d.id == id).map(|d| d.source);
    assert_eq!(source("data"), Some(plan::TargetSource::User));
    assert_eq!(source("strategy"), Some(plan::TargetSource::Peers));
    assert_eq!(source("people"), Some(plan::TargetSource::Default));
}

// ---- ordering and phases ----

#[test]
fn prerequisites_come_before_dependants() {
    let r = recommendations();
    for (label, p) in all_plans() {
        let position: BTreeMap<&str, usize> = p.steps.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        for (i, s) in p.steps.iter().enumerate() {
            for w in &s.waits_for {
                assert!(position[w.as_str()] < i, "{label}: {} waits for {w}, which comes later", s.id);
            }
            // Every listed prerequisite is either earlier in the plan or already met by the firm.
            for pre in &r.step(&s.id).expect("plan steps come from the file").prerequisites {
                match position.get(pre.as_str()) {
                    Some(&j) => assert!(j < i, "{label}: {} needs {pre}, which comes later", s.id),
                    None => {
                        let met = r.step(pre).expect("prerequisites exist");
                        let current = p.dimensions.iter().find(|d| d.id == met.dimension).and_then(|d| d.current_level);
                        assert!(current.is_some_and(|c| c > met.from_level), "{label}: {} needs {pre}, which is neither planned nor met", s.id);
                        assert!(s.met_prerequisites.contains(pre), "{label}: {} does not list {pre} as met", s.id);
                    }
                }
            }
            if let Inclusion::PulledIn { needed_by } = &s.inclusion {
                assert!(!needed_by.is_empty(), "{label}: {} is pulled in for nothing", s.id);
            }
        }
        assert_eq!(p.steps.iter().map(|s| s.order).collect::<Vec<_>>(), (1..=p.steps.len()).collect::<Vec<_>>(), "{label}: orders run 1..n");
    }
}

#[test]
fn dependants_never_land_in_an_earlier_phase() {
    for (label, p) in all_plans() {
        let by_id: BTreeMap<&str, &plan::PlannedStep> = p.steps.iter().map(|s| (s.id.as_str(), s)).collect();
        for s in &p.steps {
            assert_eq!(s.phase, Phase::for_finish_month(s.finish_month), "{label}: {}", s.id);
            for w in &s.waits_for {
                let pre = by_id[w.as_str()];
                assert!(pre.phase <= s.phase, "{label}: {} ({:?}) waits for {w} ({:?})", s.id, s.phase, pre.phase);
                assert!(pre.finish_month <= s.start_month, "{label}: {} starts before {w} finishes", s.id);
            }
        }
        let phases: Vec<Phase> = p.steps.iter().map(|s| s.phase).collect();
        assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{label}: the plan lists phases in order");
    }
}

#[test]
fn ai_never_comes_before_data_collection() {
    for (label, p) in all_plans() {
        for (i, s) in p.steps.iter().enumerate().filter(|(_, s)| s.dimension == "ai") {
            let data_current = p.dimensions.iter().find(|d| d.id == "data").and_then(|d| d.current_level).unwrap_or(0);
            let data_before = p.steps[..i].iter().any(|x| x.dimension == "data");
            assert!(data_before || data_current >= 1, "{label}: AI step {} comes before any data step", s.id);
        }
    }
}

#[test]
fn pulled_in_prerequisites_are_marked() {
    // The early firm aims at level 1 in data only; collecting machine data needs connected machines.
    let targets = Targets::parse_assignments(&["data=2", "automation=1"]).expect("well-formed");
    let p = make_plan("early-paper", &targets, plan_day());
    let connect = p.step("auto-1-connect-key-machines").expect("machine connection is pulled in");
    match &connect.inclusion {
        Inclusion::PulledIn { needed_by } => assert!(needed_by.contains(&"data-1-auto-collect-key-machines".to_string()), "{needed_by:?}"),
        other => panic!("expected pulled in, got {other:?}"),
    }
    let chosen = p.step("data-1-auto-collect-key-machines").expect("chosen");
    assert_eq!(chosen.inclusion, Inclusion::Chosen);
}

#[test]
fn priority_shows_its_factors() {
    let p = make_plan("early-paper", &Targets::defaults(), plan_day());
    for s in &p.steps {
        let f = &s.priority;
        let expected = f64::from(f.gap) * f.dimension_weight * f64::from(f.impact) / f64::from(f.effort_divisor);
        assert!((f.value - expected).abs() < 1e-9, "{}: {f:?}", s.id);
        assert_eq!(f.effort_divisor, f.effort.divisor());
        assert!(s.ordering_priority + 1e-9 >= f.value);
    }
}

// ---- targets ----

#[test]
fn user_targets_override_the_default() {
    let (q, _, scores) = scored("mid-mes");
    let current = |id: &str| scores.dimension(id).and_then(|d| d.level).expect("scored");
    let mut targets = Targets::defaults();
    targets.set("data", 4);
    targets.set("security", current("security"));
    targets.check(&q, &scores).expect("valid");
    let p = plan::plan(&q, &scores, &recommendations(), &programmes(), &targets, plan_day());
    let data = p.dimensions.iter().find(|d| d.id == "data").expect("data");
    assert_eq!((data.target_level, data.source, data.gap), (Some(4), plan::TargetSource::User, 4 - current("data")));
    for level in current("data")..4 {
        assert!(p.steps.iter().any(|s| s.dimension == "data" && s.from_level == level), "data {level} is planned");
    }
    // A target equal to the current level asks for nothing.
    let security = p.dimensions.iter().find(|d| d.id == "security").expect("security");
    assert_eq!(security.gap, 0);
    assert!(!p.steps.iter().any(|s| s.dimension == "security" && s.inclusion == Inclusion::Chosen));
    // Other dimensions keep the default of one level up.
    let people = p.dimensions.iter().find(|d| d.id == "people").expect("people");
    assert_eq!((people.target_level, people.source), (Some(current("people") + 1), plan::TargetSource::Default));
}

#[test]
fn impossible_targets_are_refused_naming_the_dimension() {
    let (q, _, scores) = scored("mid-mes");
    let systems = scores.dimension("systems").and_then(|d| d.level).expect("scored");
    assert!(systems > 0, "the fixture has systems above 0");
    let cases: Vec<(Targets, &str)> = vec![
        (Targets::parse_assignments(&[format!("systems={}", systems - 1)]).expect("well-formed"), "below the level already reached"),
        (Targets::parse_assignments(&["ai=6"]).expect("well-formed"), "out of range"),
        (Targets::parse_assignments(&["robots=3"]).expect("well-formed"), "no such dimension"),
    ];
    for (targets, expected) in cases {
        let error = targets.check(&q, &scores).expect_err("refused").to_string();
        assert!(error.contains(expected), "{error}");
    }
    for bad in ["ai", "ai=three", "ai=-1"] {
        assert!(matches!(Targets::parse_assignments(&[bad]), Err(PlanError::BadTarget { .. })), "{bad}");
    }
}

// ---- programmes ----

#[test]
fn expired_programmes_are_not_matched() {
    let p = make_plan("early-paper", &Targets::defaults(), plan_day());
    let programmes = programmes();
    for s in &p.steps {
        for m in &s.programmes {
            let programme = programmes.programme(&m.id).expect("matched programmes exist");
            assert_eq!(programme.status_on(plan_day()), ProgrammeStatus::Active, "{} offered expired {}", s.id, m.id);
        }
        for id in &s.expired_programmes {
            assert_eq!(programmes.programme(id).expect("exists").status_on(plan_day()), ProgrammeStatus::Expired);
        }
    }
    let barcode = p.step("sys-0-barcode-production-reporting").expect("planned for the paper-based firm");
    assert!(barcode.expired_programmes.contains(&"smart-factory-basic-2022".to_string()));
    assert!(!barcode.programmes.iter().any(|m| m.id == "smart-factory-basic-2022"));
    let overview = p.programmes.iter().find(|o| o.id == "smart-factory-basic-2022").expect("shown in the overview");
    assert_eq!(overview.status, ProgrammeStatus::Expired);

    // The same firm planned in 2022 is offered the 2022 programme, with a support estimate.
    let then = make_plan("early-paper", &Targets::defaults(), day(2022, 6, 1));
    let barcode = then.step("sys-0-barcode-production-reporting").expect("planned");
    assert!(barcode.programmes.iter().any(|m| m.id == "smart-factory-basic-2022"));
    let support = barcode.support_estimate_won.expect("the 2022 tiers state a share and a ceiling");
    assert_eq!(support.max, barcode.cost_won.max / 2, "half the cost, under the ceiling");
}

#[test]
fn cost_sums_add_up() {
    for (label, p) in all_plans() {
        let total = p.steps.iter().fold(plan::CostRange::default(), |acc, s| acc.plus(s.cost_won));
        assert_eq!(total, p.investment.total_won, "{label}");
        let by_phase = p.investment.by_phase.iter().fold(plan::CostRange::default(), |acc, c| acc.plus(c.cost_won));
        let by_dimension = p.investment.by_dimension.iter().fold(plan::CostRange::default(), |acc, c| acc.plus(c.cost_won));
        assert_eq!((by_phase, by_dimension), (total, total), "{label}");
        assert_eq!(p.investment.by_phase.len(), 3);
    }
}

// ---- what-if ----

fn assert_never_lower(label: &str, result: &plan::WhatIf) {
    for (b, a) in result.before.dimensions.iter().zip(&result.after.dimensions) {
        assert_eq!(b.id, a.id);
        if let Some(before) = b.score {
            let after = a.score.unwrap_or(f64::NEG_INFINITY);
            assert!(after + 1e-9 >= before, "{label}: {} fell from {before} to {after}", b.id);
        }
        assert!(a.level >= b.level, "{label}: {} level fell from {:?} to {:?}", b.id, b.level, a.level);
    }
    if let (Some(b), Some(a)) = (result.before.overall.score, result.after.overall.score) {
        assert!(a + 1e-9 >= b, "{label}: overall fell from {b} to {a}");
    }
    assert!(result.after.overall.level >= result.before.overall.level, "{label}: overall level fell");
}

#[test]
fn what_if_never_lowers_any_dimension_score_for_the_fixtures() {
    let r = recommendations();
    let every: Vec<String> = r.steps.iter().map(|s| s.id.clone()).collect();
    for (name, _) in fixtures() {
        let (q, answers, _) = scored(&name);
        assert_never_lower(&format!("{name}/all"), &plan::what_if(&q, &answers, &r, &every));
        for id in &every {
            assert_never_lower(&format!("{name}/{id}"), &plan::what_if(&q, &answers, &r, &[id]));
        }
    }
}

#[test]
fn what_if_applies_effects_and_explains_the_rest() {
    let (q, answers, _) = scored("early-paper");
    let r = recommendations();
    let result = plan::what_if(&q, &answers, &r, &["sys-0-barcode-production-reporting", "no-such-step"]);
    let applied = result.applied.iter().find(|e| e.question == "sys-mes").expect("sys-mes is improved");
    assert_eq!(applied.after, json!("pop"));
    let before = result.before.dimension("systems").and_then(|d| d.score).expect("scored");
    let after = result.after.dimension("systems").and_then(|d| d.score).expect("scored");
    assert!(after > before, "systems rises: {before} → {after}");
    assert!(result.ignored.iter().any(|i| i.step == "no-such-step" && i.question.is_none()));
    assert_eq!(result.steps, vec!["sys-0-barcode-production-reporting".to_string()]);

    // A firm that is already better keeps its better answer.
    let (q, answers, _) = scored("advanced-uneven");
    let result = plan::what_if(&q, &answers, &r, &["sys-0-barcode-production-reporting"]);
    assert!(result.applied.iter().all(|e| e.question != "sys-mes"), "{:?}", result.applied);
    assert!(result.ignored.iter().any(|i| i.question.as_deref() == Some("sys-mes")));
}

#[test]
fn what_if_changes_the_consultants_rating_when_there_is_one() {
    // The mid fixture has a consultant's rating for sys-mes ("pop"); MES roll-out lifts that one.
    let (q, answers, _) = scored("mid-mes");
    assert!(answers.answers["sys-mes"].consultant.is_some());
    let result = plan::what_if(&q, &answers, &recommendations(), &["sys-1-mes-rollout"]);
    let item = result.after.item("sys-mes").expect("scored");
    assert_eq!(item.rated_by, Some(answers::Rater::Consultant));
    assert!(item.score > result.before.item("sys-mes").expect("scored").score);
}

fn random_answers(q: &Questionnaire, seed: u64) -> Answers {
    // A small xorshift generator keeps the answers reproducible from the proptest seed.
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut answers = Answers::new(q);
    for question in &q.questions {
        // Leave about one question in eight unanswered and use N/A where it is allowed.
        if next(8) == 0 {
            continue;
        }
        if question.allow_na && next(6) == 0 {
            answers.set(&question.id, answers::Rater::Firm, answers::AnswerValue::NotApplicable);
            continue;
        }
        let value = match &question.kind {
            jindan::questionnaire::QuestionKind::Single { options } => json!(options[next(options.len())].id),
            jindan::questionnaire::QuestionKind::Multi { options, none_option, .. } => {
                let chosen: Vec<String> = options.iter().filter(|o| Some(&o.id) != none_option.as_ref() && next(2) == 0).map(|o| o.id.clone()).collect();
                json!(chosen)
            }
            jindan::questionnaire::QuestionKind::Grid { rows, scale } => {
                let mut map = serde_json::Map::new();
                for row in rows {
                    if next(5) != 0 {
                        map.insert(row.id.clone(), json!(scale[next(scale.len())].id));
                    }
                }
                Value::Object(map)
            }
            jindan::questionnaire::QuestionKind::Numeric { min, max, .. } => json!(min + (max - min) * next(101) as f64 / 100.0),
            jindan::questionnaire::QuestionKind::Text => continue,
        };
        if let Ok(v) = answers::interpret_value(question, &value) {
            let rater = if next(4) == 0 { answers::Rater::Consultant } else { answers::Rater::Firm };
            answers.set(&question.id, rater, v);
        }
    }
    answers
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn what_if_never_lowers_any_dimension_score(seed in any::<u64>(), picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..20)) {
        let r = recommendations();
        for q in catalog().iter().filter(|q| r.applies_to_questionnaire(q)) {
            let answers = random_answers(q, seed);
            let steps: Vec<&str> = picks.iter().map(|i| r.steps[i.index(r.steps.len())].id.as_str()).collect();
            let result = plan::what_if(q, &answers, &r, &steps);
            assert_never_lower(&format!("{} seed {seed}", q.reference()), &result);
        }
    }
}

// ---- bad files ----

#[test]
fn bad_recommendation_files_are_rejected_with_their_reason() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-recommendations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder).expect("the corpus exists").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has {} files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let expected = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{}: the first line must be '# expect: <text>'", path.display()))
            .trim();
        let name = path.display().to_string();
        match parse_recommendations(&name, &text) {
            Ok(_) => panic!("{name} was accepted; expected an error containing '{expected}'"),
            Err(e) => {
                let message = e.to_string();
                assert!(message.contains(expected), "{name}: expected '{expected}' in:\n{message}");
                assert!(message.starts_with(&name), "{name}: the message names the file:\n{message}");
            }
        }
    }
}

#[test]
fn bad_programme_files_are_rejected_with_their_reason() {
    let base = |programme: &str| format!("format = 1\nchecked_on = \"2026-01-01\"\n\n[[programmes]]\n{programme}\n");
    let good = "id = \"p\"\nname = { ko = \"가\", en = \"A\" }\nagency = { ko = \"가\", en = \"A\" }\nfunds = { ko = \"가\", en = \"A\" }\nvalid_from = \"2026-01-01\"\ntags = [\"t\"]";
    parse_programmes("good.toml", &base(good)).expect("the base case is valid");
    let cases = [
        (good.replace("valid_from = \"2026-01-01\"", "valid_from = \"2026-13-01\""), "valid_from: '2026-13-01' is not a date"),
        (format!("{good}\nvalid_to = \"2025-12-31\""), "comes before valid_from"),
        (format!("{good}\nfunding_share_percent = 150"), "funding_share_percent 150 is out of range"),
        (good.replace("tags = [\"t\"]", "tags = []"), "at least one tag"),
        (format!("{good}\namount = 3"), "unknown field `amount`"),
        (good.replace("en = \"A\" }\nfunds", "en = \"\" }\nfunds"), "'agency' has no en text"),
    ];
    for (programme, expected) in cases {
        let error = parse_programmes("bad.toml", &base(&programme)).expect_err("refused").to_string();
        assert!(error.contains(expected), "expected '{expected}' in:\n{error}");
        assert!(error.contains("programme 'p'") || error.contains("line"), "the place is named:\n{error}");
    }
}

// ---- actions ----

fn now(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("a valid test time").with_timezone(&Utc)
}

fn store_with_assessment(fixture: &str, at: &str) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().expect("an in-memory workspace");
    let org = store.add_organization(&OrganizationInput { name: "(주)시험정밀".into(), ..Default::default() }, now(at)).expect("firm added");
    let (q, answers, _) = scored(fixture);
    let id = store
        .create_assessment(&NewAssessment { organization_id: org, questionnaire: &q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, now(at))
        .expect("assessment started");
    store.import_answers(id, &answers, now(at)).expect("answers imported");
    (store, org, id)
}

#[test]
fn actions_are_created_once_per_step_and_validated() {
    let (mut store, _, id) = store_with_assessment("early-paper", "2026-06-01T09:00:00Z");
    let p = make_plan("early-paper", &Targets::defaults(), plan_day());
    let new: Vec<NewAction> = p.steps.iter().map(|s| NewAction::from_planned_step(s, p.today)).collect();
    let first = store.create_actions(id, &new, now("2026-06-01T10:00:00Z")).expect("created");
    assert_eq!(first.created, p.steps.len());
    let again = store.create_actions(id, &new, now("2026-06-02T10:00:00Z")).expect("repeated");
    assert_eq!(again.created, 0, "creating from the same plan twice adds nothing");
    assert_eq!(store.actions(id).expect("listed").len(), p.steps.len());

    let action = &first.actions[0];
    assert_eq!(action.status, ActionStatus::Todo);
    assert_eq!(action.title, p.steps[0].title);
    assert!(action.due_date.is_some(), "due when the plan expects the step to finish");

    let bad_status = store.update_action(action.id, &ActionChange { status: Some("finished".into()), ..Default::default() }, now("2026-06-03T00:00:00Z"));
    assert!(matches!(&bad_status, Err(StoreError::BadInput(m)) if m.starts_with("status:")), "{bad_status:?}");
    for bad in ["2026-02-30", "next week", "2026-6-1"] {
        let result = store.update_action(action.id, &ActionChange { due_date: Some(bad.into()), owner: Some("김 과장".into()), ..Default::default() }, now("2026-06-03T00:00:00Z"));
        assert!(matches!(&result, Err(StoreError::BadInput(m)) if m.starts_with("due_date:")), "{bad}: {result:?}");
    }
    assert_eq!(store.action(action.id).expect("exists").owner, None, "a refused change changes nothing");

    let done = store
        .update_action(
            action.id,
            &ActionChange { owner: Some("생산관리팀 김 과장".into()), due_date: Some("2026-08-31".into()), status: Some("done".into()), note: Some("3라인부터 적용".into()) },
            now("2026-07-15T08:00:00Z"),
        )
        .expect("valid change");
    assert_eq!((done.status, done.done_at.as_deref(), done.due_date.as_deref()), (ActionStatus::Done, Some("2026-07-15T08:00:00Z"), Some("2026-08-31")));
    let cleared = store.update_action(action.id, &ActionChange { owner: Some(String::new()), status: Some("doing".into()), ..Default::default() }, now("2026-07-16T08:00:00Z")).expect("valid");
    assert_eq!((cleared.owner, cleared.done_at), (None, None), "an empty owner clears it and reopening clears the completion");
    assert!(matches!(store.update_action(9999, &ActionChange::default(), now("2026-07-16T08:00:00Z")), Err(StoreError::NotFound { .. })));
    assert!(matches!(store.create_actions(9999, &new, now("2026-07-16T08:00:00Z")), Err(StoreError::NotFound { .. })));

    // Deleting the assessment deletes its actions.
    store.delete_assessment(id).expect("deleted");
    assert!(matches!(store.action(action.id), Err(StoreError::NotFound { .. })));
}

// ---- progress ----

#[test]
fn compare_reports_deltas_per_dimension_and_overall() {
    let (q, _, before) = scored("early-paper");
    let (_, _, after) = scored("mid-mes");
    let progress = plan::compare(&q, &before, &after);
    assert!(progress.same_questionnaire && progress.note.is_none());
    assert_eq!(progress.dimensions.len(), q.dimensions.len());
    for d in &progress.dimensions {
        let (b, a) = (before.dimension(&d.id).expect("scored"), after.dimension(&d.id).expect("scored"));
        assert_eq!(d.delta.score_change, Some(a.score.expect("scored") - b.score.expect("scored")));
        assert_eq!(d.delta.level_change, Some(a.level.expect("levelled") as i8 - b.level.expect("levelled") as i8));
    }
    assert!(progress.overall.score_change.expect("both scored") > 0.0);
    assert_eq!(
        progress.overall.level_change,
        Some(after.overall.level.expect("levelled") as i8 - before.overall.level.expect("levelled") as i8)
    );
}

#[test]
fn compare_across_questionnaires_uses_shared_dimensions_and_says_so() {
    let catalog = catalog();
    let full = catalog.find(FULL).expect("shipped");
    let other = catalog.iter().find(|q| q.id != FULL).expect("a second shipped questionnaire").clone();
    let (_, _, before) = scored("mid-mes");
    let after = scoring::score(&other, &random_answers(&other, 7));
    let progress = plan::compare(&other, &before, &after);
    let shared: HashSet<&str> = full.dimensions.iter().map(|d| d.id.as_str()).filter(|id| other.dimension(id).is_some()).collect();
    assert_eq!(progress.dimensions.iter().map(|d| d.id.as_str()).collect::<HashSet<_>>(), shared);
    assert!(!progress.same_questionnaire);
    let note = progress.note.expect("the difference is explained");
    assert!(note.en.contains("different questionnaires") && note.en.contains(&format!("{} dimensions", shared.len())), "{}", note.en);
    assert_eq!(progress.only_before.len() + shared.len(), full.dimensions.len());
}

#[test]
fn actions_done_between_two_assessments_are_found() {
    let (mut store, org, first) = store_with_assessment("early-paper", "2026-01-10T09:00:00Z");
    let p = make_plan("early-paper", &Targets::defaults(), day(2026, 1, 10));
    let new: Vec<NewAction> = p.steps.iter().take(3).map(|s| NewAction::from_planned_step(s, p.today)).collect();
    let made = store.create_actions(first, &new, now("2026-01-11T09:00:00Z")).expect("created").actions;
    store.complete_assessment(first, now("2026-01-10T18:00:00Z")).expect("completed");
    store.update_action(made[0].id, &ActionChange { status: Some("done".into()), ..Default::default() }, now("2026-04-01T09:00:00Z")).expect("done");
    store.update_action(made[1].id, &ActionChange { status: Some("doing".into()), ..Default::default() }, now("2026-05-01T09:00:00Z")).expect("doing");
    let (q, answers, _) = scored("mid-mes");
    let second = store
        .create_assessment(&NewAssessment { organization_id: org, questionnaire: &q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, now("2027-01-10T09:00:00Z"))
        .expect("second assessment");
    store.import_answers(second, &answers, now("2027-01-10T09:00:00Z")).expect("imported");
    let previous = store.previous_assessment(second).expect("query").expect("the first assessment");
    assert_eq!(previous.id, first);
    let (a, b) = (store.assessment(first).expect("a"), store.assessment(second).expect("b"));
    let done = store
        .actions_done_between(org, jindan::store::actions::assessment_moment(&a), jindan::store::actions::assessment_moment(&b))
        .expect("listed");
    assert_eq!(done.iter().map(|x| x.id).collect::<Vec<_>>(), vec![made[0].id]);
}
