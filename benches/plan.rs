//! Improvement-plan generation, what-if and plan-data loading, measured with criterion.
//! Run: cargo bench --bench plan

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use jindan::answers::{answers_from_file, parse_answers_file};
use jindan::plan::{Targets, builtin_programmes, builtin_recommendations, plan, what_if};
use jindan::questionnaire::Catalog;
use jindan::scoring::score;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the shipped questionnaires load");
    let q = catalog.find("kr-mfg-ai-readiness").expect("the full questionnaire is shipped");
    let recommendations = builtin_recommendations().expect("the shipped recommendations load").remove(0);
    let programmes = builtin_programmes().expect("the shipped programmes load");
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a valid day");
    let load = |name: &str, text: &str| answers_from_file(name, parse_answers_file(name, text).expect("fixture JSON"), q).expect("fixture fits");
    let mid = load("mid-mes.json", include_str!("../tests/fixtures/answers/mid-mes.json"));
    let early = load("early-paper.json", include_str!("../tests/fixtures/answers/early-paper.json"));
    let mid_scores = score(q, &mid);
    let early_scores = score(q, &early);
    let mut everything = Targets::defaults();
    for d in &q.dimensions {
        everything.set(&d.id, 5);
    }

    c.bench_function("plan: mid-stage firm, default targets (20 steps)", |b| {
        b.iter(|| plan(black_box(q), black_box(&mid_scores), &recommendations, &programmes, &Targets::defaults(), today))
    });
    c.bench_function("plan: paper-based firm, every target at 5 (whole catalogue)", |b| {
        b.iter(|| plan(black_box(q), black_box(&early_scores), &recommendations, &programmes, &everything, today))
    });
    let all_steps: Vec<&str> = recommendations.steps.iter().map(|s| s.id.as_str()).collect();
    c.bench_function("what-if: every step applied and rescored", |b| b.iter(|| what_if(black_box(q), black_box(&mid), &recommendations, &all_steps)));
    c.bench_function("load and validate the shipped recommendations and programmes", |b| {
        b.iter(|| (builtin_recommendations().expect("loads"), builtin_programmes().expect("loads")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
