//! What each fuzz target does with one input. Shared, by `#[path]`, between the fuzz targets in
//! `fuzz_targets/` and `tests/reliability.rs`, which replays the committed corpus through the same
//! checks in every `cargo test` (no fuzzer needed). A check panics only when the code under test
//! misbehaves: a refusal with a reason is the expected answer to bad input.

// Each fuzz target uses one of the checks.
#![allow(dead_code)]

use chrono::NaiveDate;
use jindan::answers::{answers_from_file, answers_to_file, parse_answers_file, Answers};
use jindan::exchange::benchmark::{benchmark_checksum, benchmark_json, read_benchmark, BenchmarkFile};
use jindan::exchange::bundle::{bundle_checksum, bundle_json, read_bundle, BundleFile};
use jindan::exchange::center::CenterRecord;
use jindan::exchange::{benchmark_csv, describe_cell, nearest_benchmark_cell, publish_benchmarks, InstalledBenchmark, PublishOptions};
use jindan::questionnaire::{parse_questionnaire, Catalog};
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the shipped questionnaires load"))
}

/// Questionnaire text: a questionnaire or a list of problems. One that passes validation must
/// also score a blank answer set within range, and its source (the frozen copy a workspace keeps)
/// must parse again.
pub fn questionnaire(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(q) = parse_questionnaire("fuzz.toml", text) {
        let scores = jindan::scoring::score(&q, &Answers::new(&q));
        assert!(scores.overall.score.is_none_or(|s| (0.0..=100.0).contains(&s)));
        assert!(parse_questionnaire("frozen", &q.source).is_ok());
    }
}

/// An answers file against the shipped questionnaire it names (or the full diagnosis, so that a
/// mangled reference does not stop the check at the first line): accepted answers score within
/// range and read back equal once written out.
pub fn answers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut parsed) = parse_answers_file("fuzz.json", text) else { return };
    let q = match catalog().find(&parsed.questionnaire) {
        Ok(q) => q,
        Err(_) => {
            let Some(q) = catalog().iter().next() else { return };
            parsed.questionnaire = q.reference();
            q
        }
    };
    let Ok(answers) = answers_from_file("fuzz.json", parsed, q) else { return };
    let scores = jindan::scoring::score(q, &answers);
    for s in std::iter::once(scores.overall.score).chain(scores.dimensions.iter().map(|d| d.score)).flatten() {
        assert!((0.0..=100.0).contains(&s), "score {s} out of range");
    }
    let written = serde_json::to_string(&answers_to_file(&answers)).expect("answers serialise");
    let reread = parse_answers_file("written.json", &written).and_then(|f| answers_from_file("written.json", f, q)).expect("written answers read back");
    assert_eq!(reread, answers);
}

fn bundle_accepted(bytes: &[u8]) {
    let Ok(bundle) = read_bundle("fuzz.json", bytes, catalog()) else { return };
    let records: Vec<CenterRecord> = bundle.content.assessments.iter().map(CenterRecord::of).collect();
    let Some(published_on) = NaiveDate::from_ymd_opt(2026, 11, 21) else { return };
    for k in [2, 5] {
        let options = PublishOptions { k, published_on, published_by: None };
        let (file, _) = publish_benchmarks(&records, catalog(), &options).expect("accepted records publish");
        assert!(file.content.cells.iter().all(|c| c.firms >= k), "a published cell is below k = {k}");
    }
}

/// An anonymized bundle as a centre receives it, as given and resealed with a correct checksum
/// (so that the checks behind the checksum are reached too); what is accepted is published as
/// benchmarks, which must keep k.
pub fn bundle(data: &[u8]) {
    bundle_accepted(data);
    // A sealed file's header is read before any passphrase is needed (no key derivation here,
    // so the fuzzer stays fast): any bytes after the first line give a reason, never a panic.
    let mut sealed = jindan::exchange::sealed::SEALED_MAGIC.to_vec();
    sealed.extend_from_slice(data);
    let _ = jindan::exchange::sealed::unseal(&sealed, None, "jindan-anonymized-bundle");
    let _ = jindan::exchange::sealed::unseal(data, None, "jindan-anonymized-bundle");
    if let Ok(mut bundle) = serde_json::from_slice::<BundleFile>(data) {
        for a in &mut bundle.content.assessments {
            for value in a.answers.values_mut() {
                value.sort_all_objects();
            }
        }
        bundle.checksum = bundle_checksum(&bundle.content);
        bundle_accepted(bundle_json(&bundle).as_bytes());
    }
}

fn benchmark_accepted(bytes: &[u8]) {
    let Ok(file) = read_benchmark("fuzz.json", bytes) else { return };
    let _ = benchmark_csv(&file);
    for cell in &file.content.cells {
        let _ = describe_cell(cell);
    }
    let installed = InstalledBenchmark { id: 1, installed_at: "2026-11-21T09:00:00Z".into(), file: file.clone() };
    for cell in &file.content.cells {
        let found = nearest_benchmark_cell(&installed, &cell.questionnaire_hash, cell.ksic_division, cell.employee_band.as_deref(), cell.sido.as_deref());
        assert!(found.is_some(), "a published cell is not found for its own attributes");
    }
}

/// A benchmark file as a firm installs it, as given and resealed: accepted files can be
/// described, tabulated, and searched for each of their own cells.
pub fn benchmark(data: &[u8]) {
    benchmark_accepted(data);
    if let Ok(mut file) = serde_json::from_slice::<BenchmarkFile>(data) {
        file.checksum = benchmark_checksum(&file.content);
        benchmark_accepted(benchmark_json(&file).as_bytes());
    }
}
