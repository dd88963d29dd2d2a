//! The shipped questionnaires are complete and valid; every broken file is refused with its reason.

mod common;

use jindan::questionnaire::{self, Catalog, QuestionnaireError, QuestionKind};

#[test]
fn shipped_questionnaires_load() {
    let catalog = Catalog::builtin().expect("shipped questionnaires are valid");
    let ids: Vec<String> = catalog.iter().map(|q| q.id.clone()).collect();
    assert_eq!(ids, ["kr-mfg-ai-readiness", "kr-mfg-quick-scan"]);
}

#[test]
fn full_diagnosis_has_the_promised_shape() {
    let catalog = Catalog::builtin().unwrap();
    let full = catalog.find("kr-mfg-ai-readiness").unwrap();
    assert!((7..=9).contains(&full.dimensions.len()), "{} dimensions", full.dimensions.len());
    assert!((60..=90).contains(&full.questions.len()), "{} questions", full.questions.len());
    let quick = catalog.find("kr-mfg-quick-scan").unwrap();
    assert!((12..=18).contains(&quick.questions.len()), "{} quick-scan questions", quick.questions.len());
    // The quick scan maps onto the same dimensions, each asked about at least once.
    let full_dims: Vec<&str> = full.dimensions.iter().map(|d| d.id.as_str()).collect();
    let quick_dims: Vec<&str> = quick.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(full_dims, quick_dims);
    for d in &quick.dimensions {
        assert!(quick.questions_of(&d.id).any(|q| q.is_scored()), "quick scan asks nothing about {}", d.id);
    }
    // Every type of question is used, skip logic and gates exist.
    for kind in ["single", "multi", "grid", "numeric", "text"] {
        assert!(full.questions.iter().any(|q| q.type_name() == kind), "no {kind} question");
    }
    assert!(full.questions.iter().any(|q| q.show_if.is_some()), "no skip logic");
    assert!(full.dimensions.iter().any(|d| !d.gates.is_empty()), "no level gates");
    assert!(full.questions.iter().any(|q| q.allow_na), "no question allows N/A");
}

#[test]
fn every_scored_question_states_its_evidence() {
    for q in Catalog::builtin().unwrap().iter() {
        for question in q.questions.iter().filter(|q| q.is_scored()) {
            assert!(!question.evidence.is_empty(), "{}: question '{}' states no evidence", q.id, question.id);
            for e in &question.evidence {
                assert!(!e.text.ko.trim().is_empty() && !e.text.en.trim().is_empty());
            }
        }
        for d in &q.dimensions {
            assert_eq!(d.level_descriptions.len(), 6);
        }
    }
}

#[test]
fn options_resolve_to_scores_in_unit_range() {
    for q in common::all_questionnaires() {
        for question in &q.questions {
            let scores: Vec<f64> = match &question.kind {
                QuestionKind::Single { options } => options.iter().map(|o| o.score).collect(),
                QuestionKind::Multi { options, .. } => options.iter().map(|o| o.score).collect(),
                QuestionKind::Grid { scale, .. } => scale.clone().into_iter().map(|o| o.score).collect(),
                QuestionKind::Numeric { bands, .. } => bands.iter().map(|b| b.score).collect(),
                QuestionKind::Text => vec![],
            };
            assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{}: {}", q.id, question.id);
        }
    }
}

/// Each file in the corpus starts with `# expect: <part of the message>`.
#[test]
fn every_broken_questionnaire_is_refused_with_its_reason() {
    let dir = common::fixture("bad-questionnaires");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text.lines().next().and_then(|l| l.strip_prefix("# expect: ")).expect("first line names the expected message");
        let err = questionnaire::load_questionnaire_file(&path).expect_err(&format!("{} should be refused", path.display()));
        let message = err.to_string();
        assert!(matches!(err, QuestionnaireError::Invalid { .. }));
        assert!(message.contains(expect), "{}:\n expected to contain: {expect}\n got: {message}", path.display());
        assert!(message.contains(&path.display().to_string()), "the message names the file: {message}");
        count += 1;
    }
    assert!(count >= 20, "only {count} broken files");
}

#[test]
fn a_folder_with_a_broken_file_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::fixture("bad-questionnaires/dangling-gate.toml"), dir.path().join("broken.toml")).unwrap();
    let err = Catalog::with_folder(dir.path()).unwrap_err().to_string();
    assert!(err.contains("broken.toml") && err.contains("ghost"), "{err}");
}

#[test]
fn committed_json_schemas_match_the_code() {
    common::assert_golden("../../schemas/questionnaire.schema.json", &format!("{}\n", serde_json::to_string_pretty(&questionnaire::json_schema()).unwrap()));
    common::assert_golden("../../schemas/answers.schema.json", &format!("{}\n", serde_json::to_string_pretty(&jindan::answers::json_schema()).unwrap()));
}
