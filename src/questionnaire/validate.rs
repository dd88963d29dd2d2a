//! Turns a parsed questionnaire file into the checked model, or lists every problem in it.

use super::format::*;
use super::model::*;
use crate::i18n::Text;
use std::collections::{HashMap, HashSet};

/// One thing wrong with a questionnaire, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Where: "line 3, column 1", "question 'mes-erp'", "dimension 'data'", …
    pub place: String,
    /// Why it is wrong, in plain words.
    pub reason: String,
}

impl Problem {
    fn new(place: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem { place: place.into(), reason: reason.into() }
    }
}

/// The item score a gate question must reach when the file does not say.
pub const DEFAULT_GATE_MIN_SCORE: f64 = 0.6;
/// The rating difference flagged as a disagreement when the file does not say.
pub const DEFAULT_DISAGREEMENT_THRESHOLD: f64 = 0.4;
const RESERVED_OPTION_ID: &str = "n/a";

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

fn is_semver(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn in_unit(x: f64) -> bool {
    x.is_finite() && (0.0..=1.0).contains(&x)
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, place: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem::new(place, reason));
    }

    fn text(&mut self, place: &str, field: &str, text: &Text) {
        for lang in text.missing() {
            self.problem(place, format!("'{field}' has no {} text", lang.code()));
        }
    }

    /// Checks that `levels` holds each of 0..=5 exactly once.
    fn six_levels(&mut self, place: &str, field: &str, levels: &[u8]) {
        let mut seen = [false; 6];
        for &l in levels {
            if l > MAX_LEVEL {
                self.problem(place, format!("'{field}' has level {l}; levels run from 0 to 5"));
            } else if seen[l as usize] {
                self.problem(place, format!("'{field}' has level {l} twice"));
            } else {
                seen[l as usize] = true;
            }
        }
        let missing: Vec<String> =
            (0..=MAX_LEVEL).filter(|&l| !seen[l as usize]).map(|l| l.to_string()).collect();
        if !missing.is_empty() {
            self.problem(place, format!("'{field}' lacks level {}", missing.join(", ")));
        }
    }

    /// Resolves a single-choice option or grid scale step to its score.
    fn choice(&mut self, place: &str, option: &OptionFile) -> Choice {
        self.text(place, &format!("option '{}' label", option.id), &option.label);
        if option.points.is_some() || option.exclusive {
            self.problem(place, format!("option '{}': 'points' and 'exclusive' belong to multi questions", option.id));
        }
        let score = match (option.score, option.level) {
            (Some(s), None) => {
                if !in_unit(s) {
                    self.problem(place, format!("option '{}' has score {s}; scores lie between 0 and 1", option.id));
                }
                s
            }
            (None, Some(l)) => {
                if l > MAX_LEVEL {
                    self.problem(place, format!("option '{}' has level {l}; levels run from 0 to 5", option.id));
                }
                f64::from(l.min(MAX_LEVEL)) / f64::from(MAX_LEVEL)
            }
            (Some(_), Some(_)) => {
                self.problem(place, format!("option '{}' gives both 'score' and 'level'; give one", option.id));
                0.0
            }
            (None, None) => {
                self.problem(place, format!("option '{}' needs a 'score' (0–1) or a 'level' (0–5)", option.id));
                0.0
            }
        };
        Choice { id: option.id.clone(), label: option.label.clone(), score }
    }

    fn unique_ids<'a>(&mut self, place: &str, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if id == RESERVED_OPTION_ID {
                self.problem(place, format!("{what} id 'n/a' is reserved for 'not applicable'"));
            } else if !is_valid_id(id) {
                self.problem(place, format!("{what} id '{id}' must use lowercase letters, digits, '-' or '_'"));
            }
            if !seen.insert(id) {
                self.problem(place, format!("{what} id '{id}' appears twice"));
            }
        }
    }

    fn reaches_zero_and_one(&mut self, place: &str, scores: impl Iterator<Item = f64> + Clone) {
        let max = scores.clone().fold(f64::NEG_INFINITY, f64::max);
        let min = scores.fold(f64::INFINITY, f64::min);
        if min > 1e-9 {
            self.problem(place, "no answer scores 0: the worst answer must score 0 so that scores span 0–100");
        }
        if max < 1.0 - 1e-9 {
            self.problem(place, "no answer scores 1: the best answer must score 1 so that scores span 0–100");
        }
    }

    fn kind(&mut self, place: &str, q: &QuestionFile) -> QuestionKind {
        let has = |present: bool, field: &str, out: &mut Vec<String>| {
            if present {
                out.push(field.to_string());
            }
        };
        // Fields that the question's type does not use are errors, so that a typo in the type
        // cannot silently change how the question is scored.
        let mut stray = Vec::new();
        let t = q.kind;
        has(!q.options.is_empty() && !matches!(t, QuestionType::Single | QuestionType::Multi), "options", &mut stray);
        has(q.scoring.is_some() && t != QuestionType::Multi, "scoring", &mut stray);
        has(!q.rows.is_empty() && t != QuestionType::Grid, "rows", &mut stray);
        has(!q.scale.is_empty() && t != QuestionType::Grid, "scale", &mut stray);
        has(q.unit.is_some() && t != QuestionType::Numeric, "unit", &mut stray);
        has(q.min.is_some() && t != QuestionType::Numeric, "min", &mut stray);
        has(q.max.is_some() && t != QuestionType::Numeric, "max", &mut stray);
        has(!q.bands.is_empty() && t != QuestionType::Numeric, "bands", &mut stray);
        for field in stray {
            self.problem(place, format!("field '{field}' does not apply to a {} question", type_name(t)));
        }
        match t {
            QuestionType::Single => {
                if q.options.len() < 2 {
                    self.problem(place, "a single-choice question needs at least two options");
                }
                self.unique_ids(place, "option", q.options.iter().map(|o| o.id.as_str()));
                let options: Vec<Choice> = q.options.iter().map(|o| self.choice(place, o)).collect();
                if options.len() >= 2 {
                    self.reaches_zero_and_one(place, options.iter().map(|o| o.score));
                }
                QuestionKind::Single { options }
            }
            QuestionType::Multi => self.multi(place, q),
            QuestionType::Grid => {
                if q.rows.is_empty() {
                    self.problem(place, "a grid question needs at least one row");
                }
                if q.scale.len() < 2 {
                    self.problem(place, "a grid question needs a scale of at least two steps");
                }
                self.unique_ids(place, "row", q.rows.iter().map(|r| r.id.as_str()));
                self.unique_ids(place, "scale", q.scale.iter().map(|o| o.id.as_str()));
                for r in &q.rows {
                    self.text(place, &format!("row '{}' label", r.id), &r.label);
                }
                let scale: Vec<Choice> = q.scale.iter().map(|o| self.choice(place, o)).collect();
                if scale.len() >= 2 {
                    self.reaches_zero_and_one(place, scale.iter().map(|o| o.score));
                }
                let rows = q.rows.iter().map(|r| GridRow { id: r.id.clone(), label: r.label.clone() }).collect();
                QuestionKind::Grid { rows, scale }
            }
            QuestionType::Numeric => self.numeric(place, q),
            QuestionType::Text => QuestionKind::Text,
        }
    }

    fn multi(&mut self, place: &str, q: &QuestionFile) -> QuestionKind {
        let scoring = q.scoring.unwrap_or(MultiScoring::Fraction);
        self.unique_ids(place, "option", q.options.iter().map(|o| o.id.as_str()));
        let exclusive: Vec<&OptionFile> = q.options.iter().filter(|o| o.exclusive).collect();
        if exclusive.len() > 1 {
            self.problem(place, "only one option may be 'exclusive' (\"none of these\")");
        }
        let counted = q.options.len() - exclusive.len();
        if counted < 2 {
            self.problem(place, "a multi-select question needs at least two options besides \"none of these\"");
        }
        let mut options = Vec::new();
        for o in &q.options {
            self.text(place, &format!("option '{}' label", o.id), &o.label);
            if o.score.is_some() || o.level.is_some() {
                self.problem(place, format!("option '{}': a multi-select option takes 'points', not 'score' or 'level'", o.id));
            }
            let score = if o.exclusive {
                if o.points.is_some_and(|p| p != 0.0) {
                    self.problem(place, format!("option '{}' is exclusive and so scores 0; remove its points", o.id));
                }
                0.0
            } else {
                match (scoring, o.points) {
                    (MultiScoring::Fraction, None) => 1.0 / counted.max(1) as f64,
                    (MultiScoring::Fraction, Some(_)) => {
                        self.problem(place, format!("option '{}' has points, but the question is scored by fraction; set scoring = \"points\"", o.id));
                        0.0
                    }
                    (MultiScoring::Points, Some(p)) => {
                        if !in_unit(p) {
                            self.problem(place, format!("option '{}' has points {p}; points lie between 0 and 1", o.id));
                        }
                        p
                    }
                    (MultiScoring::Points, None) => {
                        self.problem(place, format!("option '{}' needs 'points' (0–1)", o.id));
                        0.0
                    }
                }
            };
            options.push(MultiOption { id: o.id.clone(), label: o.label.clone(), score, exclusive: o.exclusive });
        }
        if scoring == MultiScoring::Points {
            let total: f64 = options.iter().map(|o| o.score).sum();
            if total < 1.0 - 1e-9 {
                self.problem(place, format!("the points of all options add up to {total}; they must reach 1 so that the best answer scores 1"));
            }
        }
        let none_option = exclusive.first().map(|o| o.id.clone());
        QuestionKind::Multi { scoring, options, none_option }
    }

    fn numeric(&mut self, place: &str, q: &QuestionFile) -> QuestionKind {
        let (min, max) = match (q.min, q.max) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() && a < b => (a, b),
            (Some(a), Some(b)) => {
                self.problem(place, format!("'min' ({a}) must be smaller than 'max' ({b})"));
                (a, b)
            }
            _ => {
                self.problem(place, "a numeric question needs 'min' and 'max'");
                (0.0, 0.0)
            }
        };
        if let Some(unit) = &q.unit {
            self.text(place, "unit", unit);
        }
        if q.bands.is_empty() {
            self.problem(place, "a numeric question needs scoring 'bands'");
        }
        if let Some(first) = q.bands.first()
            && first.from != min
        {
            self.problem(place, format!("the first band starts at {}, but 'min' is {min}: every allowed value needs a band", first.from));
        }
        for pair in q.bands.windows(2) {
            if pair[0].from.partial_cmp(&pair[1].from) != Some(std::cmp::Ordering::Less) {
                self.problem(place, format!("bands must start at increasing values ({} is followed by {})", pair[0].from, pair[1].from));
            }
        }
        for b in &q.bands {
            if !in_unit(b.score) {
                self.problem(place, format!("the band from {} has score {}; scores lie between 0 and 1", b.from, b.score));
            }
            if b.from > max {
                self.problem(place, format!("the band from {} starts above 'max' ({max})", b.from));
            }
        }
        if !q.bands.is_empty() {
            self.reaches_zero_and_one(place, q.bands.iter().map(|b| b.score));
        }
        let bands = q.bands.iter().map(|b| Band { from: b.from, score: b.score }).collect();
        QuestionKind::Numeric { unit: q.unit.clone(), min, max, bands }
    }
}

fn type_name(t: QuestionType) -> &'static str {
    match t {
        QuestionType::Single => "single",
        QuestionType::Multi => "multi",
        QuestionType::Grid => "grid",
        QuestionType::Numeric => "numeric",
        QuestionType::Text => "text",
    }
}

/// Checks a parsed file and builds the model, or returns every problem found.
pub fn validate(file: QuestionnaireFile, source: &str, content_hash: String) -> Result<Questionnaire, Vec<Problem>> {
    let mut c = Checker { problems: Vec::new() };
    if file.format != FORMAT_VERSION {
        c.problem("format", format!("format {} is not supported; this version of Jindan reads format {FORMAT_VERSION}", file.format));
    }
    if !is_valid_id(&file.id) {
        c.problem("id", format!("'{}' must use lowercase letters, digits, '-' or '_'", file.id));
    }
    if !is_semver(&file.version) {
        c.problem("version", format!("'{}' is not a version like 1.0.0", file.version));
    }
    c.text("questionnaire", "title", &file.title);
    c.text("questionnaire", "description", &file.description);
    if file.author.trim().is_empty() {
        c.problem("author", "the author is empty");
    }
    if file.license.trim().is_empty() {
        c.problem("license", "the licence is empty");
    }
    let mut thresholds = [0.0; 5];
    if file.level_thresholds.len() != 5 {
        c.problem("level_thresholds", format!("there are {} thresholds; give five, for levels 1 to 5", file.level_thresholds.len()));
    } else {
        thresholds.copy_from_slice(&file.level_thresholds);
        if thresholds.iter().any(|t| !t.is_finite() || *t <= 0.0 || *t > 100.0) {
            c.problem("level_thresholds", "thresholds must lie above 0 and at most 100");
        }
        if thresholds.windows(2).any(|w| w[0] >= w[1]) {
            c.problem("level_thresholds", "thresholds must increase from level 1 to level 5");
        }
    }
    let disagreement_threshold = file.disagreement_threshold.unwrap_or(DEFAULT_DISAGREEMENT_THRESHOLD);
    if !(disagreement_threshold > 0.0 && disagreement_threshold <= 1.0) {
        c.problem("disagreement_threshold", "must lie above 0 and at most 1");
    }

    c.six_levels("levels", "levels", &file.levels.iter().map(|l| l.level).collect::<Vec<_>>());
    let mut levels: Vec<LevelInfo> = file
        .levels
        .iter()
        .map(|l| {
            c.text(&format!("level {}", l.level), "name", &l.name);
            c.text(&format!("level {}", l.level), "description", &l.description);
            LevelInfo { level: l.level, name: l.name.clone(), description: l.description.clone() }
        })
        .collect();
    levels.sort_by_key(|l| l.level);

    // Dimensions.
    if file.dimensions.is_empty() {
        c.problem("dimensions", "a questionnaire needs at least one dimension");
    }
    c.unique_ids("dimensions", "dimension", file.dimensions.iter().map(|d| d.id.as_str()));
    let dimension_ids: HashSet<&str> = file.dimensions.iter().map(|d| d.id.as_str()).collect();

    // Questions first, so that gates can be checked against them.
    if file.questions.is_empty() {
        c.problem("questions", "a questionnaire needs at least one question");
    }
    c.unique_ids("questions", "question", file.questions.iter().map(|q| q.id.as_str()));
    let mut question_index: HashMap<String, usize> = HashMap::new();
    let mut questions: Vec<Question> = Vec::with_capacity(file.questions.len());
    for q in &file.questions {
        let place = format!("question '{}'", q.id);
        if !dimension_ids.contains(q.dimension.as_str()) {
            c.problem(&place, format!("dimension '{}' does not exist", q.dimension));
        }
        c.text(&place, "text", &q.text);
        if let Some(help) = &q.help {
            c.text(&place, "help", help);
        }
        if !(q.weight.is_finite() && q.weight > 0.0) {
            c.problem(&place, format!("weight {} must be greater than 0", q.weight));
        }
        for e in &q.evidence {
            if e.level > MAX_LEVEL {
                c.problem(&place, format!("evidence for level {}; levels run from 0 to 5", e.level));
            }
            c.text(&place, &format!("evidence for level {}", e.level), &e.text);
        }
        let mut evidence_levels = HashSet::new();
        for e in &q.evidence {
            if !evidence_levels.insert(e.level) {
                c.problem(&place, format!("evidence for level {} is given twice", e.level));
            }
        }
        let kind = c.kind(&place, q);
        let show_if = q.show_if.as_ref().and_then(|s| check_show_if(&mut c, &place, s, &questions, &question_index));
        let mut evidence: Vec<Evidence> = q.evidence.iter().map(|e| Evidence { level: e.level, text: e.text.clone() }).collect();
        evidence.sort_by_key(|e| e.level);
        question_index.entry(q.id.clone()).or_insert(questions.len());
        questions.push(Question {
            id: q.id.clone(),
            dimension: q.dimension.clone(),
            text: q.text.clone(),
            help: q.help.clone(),
            weight: q.weight,
            allow_na: q.allow_na,
            show_if,
            evidence,
            kind,
        });
    }

    let mut dimensions = Vec::with_capacity(file.dimensions.len());
    for d in &file.dimensions {
        let place = format!("dimension '{}'", d.id);
        c.text(&place, "name", &d.name);
        c.text(&place, "description", &d.description);
        if !(d.weight.is_finite() && d.weight > 0.0) {
            c.problem(&place, format!("weight {} must be greater than 0", d.weight));
        }
        c.six_levels(&place, "levels", &d.levels.iter().map(|l| l.level).collect::<Vec<_>>());
        let mut level_descriptions = vec![Text::default(); 6];
        for l in &d.levels {
            c.text(&place, &format!("level {} description", l.level), &l.description);
            if let Some(slot) = level_descriptions.get_mut(l.level as usize) {
                *slot = l.description.clone();
            }
        }
        if !questions.iter().any(|q| q.dimension == d.id && q.is_scored()) {
            c.problem(&place, "the dimension has no scored question");
        }
        let mut gates = Vec::new();
        for g in &d.gates {
            if g.level == 0 || g.level > MAX_LEVEL {
                c.problem(&place, format!("a gate is set on level {}; gates apply to levels 1 to 5", g.level));
            }
            let min_score = g.min_score.unwrap_or(DEFAULT_GATE_MIN_SCORE);
            if !in_unit(min_score) {
                c.problem(&place, format!("the gate on level {} needs min_score between 0 and 1, not {min_score}", g.level));
            }
            match question_index.get(&g.question).map(|&i| &questions[i]) {
                None => c.problem(&place, format!("the gate on level {} names question '{}', which does not exist", g.level, g.question)),
                Some(q) if !q.is_scored() => {
                    c.problem(&place, format!("the gate on level {} names question '{}', which is free text and has no score", g.level, g.question))
                }
                Some(q) if q.allow_na => c.problem(
                    &place,
                    format!("the gate on level {} names question '{}', which allows N/A; a gate question must always be answerable", g.level, g.question),
                ),
                Some(_) => {}
            }
            gates.push(Gate { level: g.level, question: g.question.clone(), min_score });
        }
        gates.sort_by_key(|g| g.level);
        dimensions.push(Dimension {
            id: d.id.clone(),
            name: d.name.clone(),
            description: d.description.clone(),
            weight: d.weight,
            level_descriptions,
            gates,
        });
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(Questionnaire {
        id: file.id,
        version: file.version,
        title: file.title,
        description: file.description,
        author: file.author,
        license: file.license,
        level_thresholds: thresholds,
        overall_level: file.overall_level.unwrap_or(OverallLevelRule::MeanOfLevels),
        disagreement_threshold,
        levels,
        dimensions,
        questions,
        content_hash,
        source: source.to_string(),
        question_index,
    })
}

fn check_show_if(
    c: &mut Checker,
    place: &str,
    s: &ShowIfFile,
    earlier: &[Question],
    index: &HashMap<String, usize>,
) -> Option<ShowIf> {
    let Some(parent) = index.get(&s.question).map(|&i| &earlier[i]) else {
        c.problem(place, format!("show_if names question '{}', which does not exist or does not come earlier", s.question));
        return None;
    };
    match (&s.any_of, s.min_score) {
        (Some(_), Some(_)) | (None, None) => {
            c.problem(place, "show_if needs exactly one of 'any_of' or 'min_score'");
            None
        }
        (None, Some(min_score)) => {
            if !parent.is_scored() {
                c.problem(place, format!("show_if looks at the score of '{}', which is free text", s.question));
            }
            if !in_unit(min_score) {
                c.problem(place, format!("show_if min_score {min_score} must lie between 0 and 1"));
            }
            Some(ShowIf::MinScore { question: s.question.clone(), min_score })
        }
        (Some(any_of), None) => {
            if any_of.is_empty() {
                c.problem(place, "show_if any_of is empty, so the question could never be shown");
            }
            match &parent.kind {
                QuestionKind::Single { options } => {
                    for id in any_of {
                        if !options.iter().any(|o| &o.id == id) {
                            c.problem(place, format!("show_if names option '{id}', which question '{}' does not have", s.question));
                        }
                    }
                    // A hidden question counts as "not in place" (0). If a better answer could hide
                    // it, improving an answer could lower the score, so the set must be closed upwards.
                    let lowest = options.iter().filter(|o| any_of.contains(&o.id)).map(|o| o.score).fold(f64::INFINITY, f64::min);
                    for o in options {
                        if o.score >= lowest && !any_of.contains(&o.id) {
                            c.problem(
                                place,
                                format!("show_if must also list option '{}' of '{}': it scores at least as high as a listed option, and a better answer must never hide a question", o.id, s.question),
                            );
                        }
                    }
                }
                QuestionKind::Multi { options, .. } => {
                    for id in any_of {
                        match options.iter().find(|o| &o.id == id) {
                            None => c.problem(place, format!("show_if names option '{id}', which question '{}' does not have", s.question)),
                            Some(o) if o.exclusive => c.problem(place, format!("show_if may not depend on the \"none of these\" option '{id}'")),
                            Some(_) => {}
                        }
                    }
                }
                _ => c.problem(place, format!("show_if any_of needs a single or multi question; '{}' is {}", s.question, parent.type_name())),
            }
            Some(ShowIf::AnyOf { question: s.question.clone(), options: any_of.clone() })
        }
    }
}
