//! Scoring and questionnaire loading, measured with criterion.
//! Run: cargo bench --bench core

use criterion::{criterion_group, criterion_main, Criterion};
use jindan::answers::{answers_from_file, parse_answers_file};
use jindan::questionnaire::{builtin_questionnaires, Catalog};
use jindan::scoring::score;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-ai-readiness").unwrap();
    let text = include_str!("../tests/fixtures/scoring/full-consultant.json");
    let answers = answers_from_file("full-consultant.json", parse_answers_file("full-consultant.json", text).unwrap(), q).unwrap();
    c.bench_function("score one full assessment (73 questions)", |b| b.iter(|| score(black_box(q), black_box(&answers))));
    c.bench_function("load and validate all shipped questionnaires", |b| b.iter(|| builtin_questionnaires().unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
