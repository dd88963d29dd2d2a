//! Properties of scoring that hold for every shipped questionnaire and every set of answers.

mod common;

use jindan::answers::{AnswerValue, Answers, Rater};
use jindan::questionnaire::{Question, QuestionKind, Questionnaire};
use jindan::scoring::{item_score, score, Scores};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// What the generator decided for one question, before it is turned into a value.
#[derive(Debug, Clone)]
enum Pick {
    Unanswered,
    NotApplicable,
    /// Numbers in [0, 1) choose options, subsets, rows and values.
    Value(Vec<f64>),
}

fn pick_strategy() -> impl Strategy<Value = Pick> {
    prop_oneof![
        1 => Just(Pick::Unanswered),
        1 => Just(Pick::NotApplicable),
        6 => prop::collection::vec(0.0f64..1.0, 12).prop_map(Pick::Value),
    ]
}

fn value_for(question: &Question, r: &[f64]) -> Option<AnswerValue> {
    let index = |x: f64, n: usize| ((x * n as f64) as usize).min(n - 1);
    match &question.kind {
        QuestionKind::Single { options } => Some(AnswerValue::Choice(options[index(r[0], options.len())].id.clone())),
        QuestionKind::Multi { options, none_option, .. } => {
            if r[0] < 0.15
                && let Some(none) = none_option
            {
                return Some(AnswerValue::Choices(vec![none.clone()]));
            }
            Some(AnswerValue::Choices(
                options.iter().enumerate().filter(|(i, o)| !o.exclusive && r[1 + i % 11] < 0.5).map(|(_, o)| o.id.clone()).collect(),
            ))
        }
        QuestionKind::Grid { rows, scale } => Some(AnswerValue::Grid(
            rows.iter().enumerate().map(|(i, row)| (row.id.clone(), scale[index(r[i % 12], scale.len())].id.clone())).collect(),
        )),
        QuestionKind::Numeric { min, max, .. } => Some(AnswerValue::Number(min + (max - min) * r[0])),
        QuestionKind::Text => Some(AnswerValue::Text("메모".into())),
    }
}

fn answers_from_picks(q: &Questionnaire, picks: &[Pick]) -> Answers {
    let mut answers = Answers::new(q);
    for (question, pick) in q.questions.iter().zip(picks.iter().cycle()) {
        match pick {
            Pick::Unanswered => {}
            Pick::NotApplicable if question.allow_na => answers.set(&question.id, Rater::Firm, AnswerValue::NotApplicable),
            Pick::NotApplicable => {}
            Pick::Value(r) => {
                if let Some(v) = value_for(question, r) {
                    answers.set(&question.id, Rater::Firm, v);
                }
            }
        }
    }
    answers
}

/// An answer at least as good as `current`: a better option, a superset of choices, each grid
/// row no lower, a number in a band that scores no lower.
fn raised(question: &Question, current: &AnswerValue, r: &[f64]) -> Option<AnswerValue> {
    let old = item_score(question, current)?;
    match (&question.kind, current) {
        (QuestionKind::Single { options }, _) => {
            let better: Vec<_> = options.iter().filter(|o| o.score >= old).collect();
            Some(AnswerValue::Choice(better[((r[0] * better.len() as f64) as usize).min(better.len() - 1)].id.clone()))
        }
        (QuestionKind::Multi { options, .. }, AnswerValue::Choices(ids)) => {
            let mut more: Vec<String> = ids.iter().filter(|id| options.iter().any(|o| &o.id == *id && !o.exclusive)).cloned().collect();
            for (i, o) in options.iter().enumerate() {
                if !o.exclusive && !more.contains(&o.id) && r[1 + i % 11] < 0.5 {
                    more.push(o.id.clone());
                }
            }
            Some(AnswerValue::Choices(more))
        }
        (QuestionKind::Grid { scale, .. }, AnswerValue::Grid(rows)) => {
            let mut out = BTreeMap::new();
            for (i, (row, step)) in rows.iter().enumerate() {
                let now = scale.iter().find(|s| &s.id == step)?.score;
                let better: Vec<_> = scale.iter().filter(|s| s.score >= now).collect();
                out.insert(row.clone(), better[((r[i % 12] * better.len() as f64) as usize).min(better.len() - 1)].id.clone());
            }
            Some(AnswerValue::Grid(out))
        }
        (QuestionKind::Numeric { bands, max, .. }, _) => {
            let better: Vec<_> = bands.iter().enumerate().filter(|(_, b)| b.score >= old).collect();
            let (i, band) = better[((r[0] * better.len() as f64) as usize).min(better.len() - 1)];
            let upper = bands.get(i + 1).map_or(*max, |n| n.from);
            Some(AnswerValue::Number(band.from + (upper - band.from) * r[1] * 0.999))
        }
        _ => None,
    }
}

fn best(question: &Question) -> Option<AnswerValue> {
    match &question.kind {
        QuestionKind::Single { options } => options.iter().max_by(|a, b| a.score.total_cmp(&b.score)).map(|o| AnswerValue::Choice(o.id.clone())),
        QuestionKind::Multi { options, .. } => Some(AnswerValue::Choices(options.iter().filter(|o| !o.exclusive).map(|o| o.id.clone()).collect())),
        QuestionKind::Grid { rows, scale } => {
            let top = scale.iter().max_by(|a, b| a.score.total_cmp(&b.score))?;
            Some(AnswerValue::Grid(rows.iter().map(|r| (r.id.clone(), top.id.clone())).collect()))
        }
        QuestionKind::Numeric { bands, .. } => bands.iter().find(|b| b.score >= 1.0).map(|b| AnswerValue::Number(b.from)),
        QuestionKind::Text => None,
    }
}

fn worst(question: &Question) -> Option<AnswerValue> {
    match &question.kind {
        QuestionKind::Single { options } => options.iter().min_by(|a, b| a.score.total_cmp(&b.score)).map(|o| AnswerValue::Choice(o.id.clone())),
        QuestionKind::Multi { none_option, .. } => Some(AnswerValue::Choices(none_option.iter().cloned().collect())),
        QuestionKind::Grid { rows, scale } => {
            let bottom = scale.iter().min_by(|a, b| a.score.total_cmp(&b.score))?;
            Some(AnswerValue::Grid(rows.iter().map(|r| (r.id.clone(), bottom.id.clone())).collect()))
        }
        QuestionKind::Numeric { bands, .. } => bands.iter().find(|b| b.score <= 0.0).map(|b| AnswerValue::Number(b.from)),
        QuestionKind::Text => None,
    }
}

fn assert_not_lower(before: &Scores, after: &Scores, what: &str) {
    for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
        if let (Some(sb), Some(sa)) = (b.score, a.score) {
            assert!(sa + 1e-9 >= sb, "{what}: dimension {} fell from {sb} to {sa}", b.id);
        }
    }
    if let (Some(sb), Some(sa)) = (before.overall.score, after.overall.score) {
        assert!(sa + 1e-9 >= sb, "{what}: overall fell from {sb} to {sa}");
    }
}

fn questionnaires() -> Vec<Questionnaire> {
    common::all_questionnaires()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn scores_stay_in_range(picks in prop::collection::vec(pick_strategy(), 1..100)) {
        for q in questionnaires() {
            let s = score(&q, &answers_from_picks(&q, &picks));
            for d in &s.dimensions {
                if let Some(v) = d.score { prop_assert!((0.0..=100.0).contains(&v), "{} {}", d.id, v); }
                if let Some(l) = d.level { prop_assert!(l <= 5); }
                prop_assert!((0.0..=1.0).contains(&d.coverage));
            }
            if let Some(v) = s.overall.score { prop_assert!((0.0..=100.0).contains(&v)); }
            for item in &s.items {
                if let Some(v) = item.score { prop_assert!((0.0..=1.0).contains(&v)); }
            }
        }
    }

    #[test]
    fn raising_an_answer_never_lowers_a_score(
        picks in prop::collection::vec(pick_strategy(), 1..100),
        which in 0usize..1000,
        r in prop::collection::vec(0.0f64..1.0, 12),
    ) {
        for q in questionnaires() {
            let answers = answers_from_picks(&q, &picks);
            let question = &q.questions[which % q.questions.len()];
            let Some(current) = answers.value(&question.id).cloned() else { continue };
            let Some(better) = raised(question, &current, &r) else { continue };
            let mut improved = answers.clone();
            improved.set(&question.id, Rater::Firm, better.clone());
            assert_not_lower(&score(&q, &answers), &score(&q, &improved), &format!("{} {}: {:?} → {:?}", q.id, question.id, current, better));
        }
    }

    #[test]
    fn not_applicable_never_lowers_a_score(
        picks in prop::collection::vec(pick_strategy(), 1..100),
        which in 0usize..1000,
    ) {
        for q in questionnaires() {
            let candidates: Vec<&Question> = q.questions.iter().filter(|x| x.allow_na).collect();
            if candidates.is_empty() { continue; }
            let question = candidates[which % candidates.len()];
            let answers = answers_from_picks(&q, &picks);
            let mut with_na = answers.clone();
            with_na.set(&question.id, Rater::Firm, AnswerValue::NotApplicable);
            // N/A scores no lower than the worst answer …
            if let Some(w) = worst(question) {
                let mut with_worst = answers.clone();
                with_worst.set(&question.id, Rater::Firm, w);
                assert_not_lower(&score(&q, &with_worst), &score(&q, &with_na), &format!("{} {}: worst → n/a", q.id, question.id));
            }
            // … and exactly like leaving it unanswered.
            let mut unanswered = answers.clone();
            unanswered.answers.remove(&question.id);
            let (a, b) = (score(&q, &unanswered), score(&q, &with_na));
            for (x, y) in a.dimensions.iter().zip(&b.dimensions) {
                prop_assert_eq!(x.score, y.score, "{} {}", q.id, x.id);
            }
        }
    }

    #[test]
    fn a_consultant_rating_replaces_the_firms(
        picks in prop::collection::vec(pick_strategy(), 1..100),
        others in prop::collection::vec(pick_strategy(), 1..100),
    ) {
        for q in questionnaires() {
            let firm = answers_from_picks(&q, &picks);
            let consultant = answers_from_picks(&q, &others);
            let mut both = firm.clone();
            for (id, a) in &consultant.answers {
                if let Some(v) = &a.firm { both.set(id, Rater::Consultant, v.clone()); }
            }
            // Scoring "both" equals scoring the consultant's answers where given, the firm's elsewhere.
            let mut expected = firm.clone();
            for (id, a) in &consultant.answers {
                if let Some(v) = &a.firm { expected.set(id, Rater::Firm, v.clone()); }
            }
            let (x, y) = (score(&q, &both), score(&q, &expected));
            for (a, b) in x.dimensions.iter().zip(&y.dimensions) {
                prop_assert_eq!(a.score, b.score);
            }
        }
    }
}

#[test]
fn all_best_answers_give_100_and_level_5() {
    for q in questionnaires() {
        let mut answers = Answers::new(&q);
        for question in &q.questions {
            if let Some(v) = best(question) {
                answers.set(&question.id, Rater::Firm, v);
            }
        }
        let s = score(&q, &answers);
        for d in &s.dimensions {
            assert_eq!(d.score, Some(100.0), "{} {}", q.id, d.id);
            assert_eq!(d.level, Some(5), "{} {}: capped by {:?}", q.id, d.id, d.capped_by);
        }
        assert_eq!(s.overall.score, Some(100.0), "{}", q.id);
        assert_eq!(s.overall.level, Some(5), "{}", q.id);
    }
}

#[test]
fn all_worst_answers_give_0_and_level_0() {
    for q in questionnaires() {
        let mut answers = Answers::new(&q);
        for question in &q.questions {
            if let Some(v) = worst(question) {
                answers.set(&question.id, Rater::Firm, v);
            }
        }
        let s = score(&q, &answers);
        for d in &s.dimensions {
            assert_eq!(d.score, Some(0.0), "{} {}", q.id, d.id);
            assert_eq!(d.level, Some(0), "{} {}", q.id, d.id);
        }
        assert_eq!(s.overall.score, Some(0.0));
        assert_eq!(s.overall.level, Some(0));
    }
}
