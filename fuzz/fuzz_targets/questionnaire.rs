//! Questionnaire files: any text must give a questionnaire or a list of problems, never a panic.
//! A questionnaire that passes validation must also score an empty and a fully blank answer set.

#![no_main]

use jindan::answers::Answers;
use jindan::questionnaire::parse_questionnaire;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(q) = parse_questionnaire("fuzz.toml", text) {
        let scores = jindan::scoring::score(&q, &Answers::new(&q));
        assert!(scores.overall.score.is_none_or(|s| (0.0..=100.0).contains(&s)));
        // The frozen copy kept in a workspace is the source text: it must parse again.
        assert!(parse_questionnaire("frozen", &q.source).is_ok());
    }
});
