//! Answers files against the shipped questionnaires: any bytes give answers or problems, never
//! a panic; accepted answers score within range and survive being written out and read back.

#![no_main]

use jindan::answers::{answers_from_file, answers_to_file, parse_answers_file};
use jindan::questionnaire::Catalog;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the shipped questionnaires load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut parsed) = parse_answers_file("fuzz.json", text) else { return };
    // A file naming no shipped questionnaire is still checked value by value against the full
    // one, so that mutations of the reference do not stop the fuzzer at the first check.
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
});
