//! Recommendations: the improvement steps per dimension and level, checked and ready for planning.
//!
//! A `Recommendations` value exists only after `validate` accepted its file, so every
//! prerequisite names a step in the same file, the prerequisite graph has no cycle, and every
//! step of the `ai` dimension waits for a `data` step. Planning relies on that and cannot fail.

use super::format::*;
use super::{PlanError, check_text, content_hash, is_semver, is_valid_id, parse_toml};
use crate::answers::interpret_value;
use crate::i18n::Text;
use crate::questionnaire::{Problem, QuestionKind, Questionnaire};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The recommendation files shipped inside the program.
pub const BUILTIN_RECOMMENDATION_SOURCES: &[(&str, &str)] =
    &[("kr-mfg.toml", include_str!("../../questionnaires/recommendations/kr-mfg.toml"))];

/// The highest `from_level`: the step from level 4 to level 5 is the last one.
pub const MAX_FROM_LEVEL: u8 = 4;
/// The longest duration a single step may have, in months.
pub const MAX_DURATION_MONTHS: u32 = 36;
/// The dimension whose steps must wait for a data step (no AI before data collection).
pub const AI_DIMENSION: &str = "ai";
/// The dimension that collects the data AI needs.
pub const DATA_DIMENSION: &str = "data";

/// A checked recommendations file.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendations {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// Questionnaire ids (without version) the steps are written for.
    pub applies_to: Vec<String>,
    /// The steps in file order.
    pub steps: Vec<Step>,
    /// SHA-256 of the file text (line endings normalised to LF), hex.
    pub content_hash: String,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// One improvement step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub id: String,
    pub dimension: String,
    /// The step applies when the dimension moves from this level to the next.
    pub from_level: u8,
    pub title: Text,
    pub description: Text,
    pub effort: Effort,
    pub cost_won: CostRange,
    pub duration_months: u32,
    /// 1 to 5.
    pub impact: u8,
    pub impact_text: Text,
    /// Steps that must be finished first.
    pub prerequisites: Vec<String>,
    pub evidence: Text,
    pub programme_tags: Vec<String>,
    pub effects: Vec<Effect>,
}

/// An answer change a finished step brings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    pub question: String,
    /// The answer in the answers-file JSON form.
    pub answer: serde_json::Value,
}

impl Recommendations {
    /// "id@version".
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.index.get(id).map(|&i| &self.steps[i])
    }

    /// Whether the steps are written for this questionnaire (any version of it).
    pub fn applies_to_questionnaire(&self, q: &Questionnaire) -> bool {
        self.applies_to.contains(&q.id)
    }

    /// The steps of one dimension that start at one level, in file order.
    pub fn steps_at<'a>(&'a self, dimension: &'a str, from_level: u8) -> impl Iterator<Item = &'a Step> + 'a {
        self.steps.iter().filter(move |s| s.dimension == dimension && s.from_level == from_level)
    }
}

/// Parses and validates recommendation text; `file` names it in messages.
pub fn parse_recommendations(file: &str, source: &str) -> Result<Recommendations, PlanError> {
    let parsed: RecommendationsFile = parse_toml(file, source)?;
    validate(parsed, content_hash(source)).map_err(|problems| PlanError::Invalid { file: file.to_string(), problems })
}

/// Reads and validates a recommendations file.
pub fn load_recommendations_file(path: &Path) -> Result<Recommendations, PlanError> {
    let file = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|source| PlanError::Read { file: file.clone(), source })?;
    parse_recommendations(&file, &source)
}

/// The shipped recommendations. The test suite checks them, so a failure here is a bug in the
/// build; it is still reported as an error rather than a panic.
pub fn builtin_recommendations() -> Result<Vec<Recommendations>, PlanError> {
    BUILTIN_RECOMMENDATION_SOURCES.iter().map(|(name, source)| parse_recommendations(&format!("(built-in) {name}"), source)).collect()
}

/// The first recommendations in `list` written for the questionnaire.
pub fn recommendations_for<'a>(list: &'a [Recommendations], q: &Questionnaire) -> Result<&'a Recommendations, PlanError> {
    list.iter().find(|r| r.applies_to_questionnaire(q)).ok_or_else(|| PlanError::NoRecommendations(q.reference()))
}

/// Checks every effect on a question the questionnaire has: the answer must be one the question
/// accepts, and free-text questions cannot be improved by a step. Effects on questions the
/// questionnaire lacks are not problems; they are ignored for it.
pub fn check_effects(recommendations: &Recommendations, q: &Questionnaire) -> Vec<Problem> {
    let mut problems = Vec::new();
    for step in &recommendations.steps {
        for effect in &step.effects {
            let Some(question) = q.question(&effect.question) else { continue };
            let place = format!("step '{}'", step.id);
            if matches!(question.kind, QuestionKind::Text) {
                problems.push(Problem { place, reason: format!("effect on '{}' in {}: a free-text question has no score to improve", effect.question, q.reference()) });
                continue;
            }
            if let Err(reason) = interpret_value(question, &effect.answer) {
                problems.push(Problem { place, reason: format!("effect on '{}' in {}: {reason}", effect.question, q.reference()) });
            }
        }
    }
    problems
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, place: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem { place: place.into(), reason: reason.into() });
    }

    fn text(&mut self, place: &str, field: &str, text: &Text) {
        if let Some(reason) = check_text(field, text) {
            self.problem(place, reason);
        }
    }
}

fn validate(file: RecommendationsFile, content_hash: String) -> Result<Recommendations, Vec<Problem>> {
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
    c.text("recommendations", "title", &file.title);
    if file.applies_to.is_empty() {
        c.problem("applies_to", "name at least one questionnaire id the steps are written for");
    }
    let mut seen_questionnaires = HashSet::new();
    for id in &file.applies_to {
        if !is_valid_id(id) {
            c.problem("applies_to", format!("'{id}' is not a questionnaire id (lowercase letters, digits, '-' or '_', no version)"));
        }
        if !seen_questionnaires.insert(id.as_str()) {
            c.problem("applies_to", format!("'{id}' appears twice"));
        }
    }
    if file.steps.is_empty() {
        c.problem("steps", "a recommendations file needs at least one step");
    }

    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, s) in file.steps.iter().enumerate() {
        if !is_valid_id(&s.id) {
            c.problem(format!("step '{}'", s.id), "the id must use lowercase letters, digits, '-' or '_'");
        }
        if index.insert(s.id.clone(), i).is_some() {
            c.problem(format!("step '{}'", s.id), "the id appears twice");
        }
    }

    for s in &file.steps {
        let place = format!("step '{}'", s.id);
        if !is_valid_id(&s.dimension) {
            c.problem(&place, format!("dimension '{}' is not a dimension id", s.dimension));
        }
        if s.from_level > MAX_FROM_LEVEL {
            c.problem(&place, format!("from_level {} is out of range; a step leads from level 0–4 to the next level", s.from_level));
        }
        c.text(&place, "title", &s.title);
        c.text(&place, "description", &s.description);
        c.text(&place, "evidence", &s.evidence);
        c.text(&place, "impact text", &s.impact.text);
        if s.cost_won.min > s.cost_won.max {
            c.problem(&place, format!("cost_won min {} is above max {}", s.cost_won.min, s.cost_won.max));
        }
        if s.duration_months == 0 || s.duration_months > MAX_DURATION_MONTHS {
            c.problem(&place, format!("duration_months {} is out of range; give 1 to {MAX_DURATION_MONTHS} months", s.duration_months));
        }
        if !(1..=5).contains(&s.impact.score) {
            c.problem(&place, format!("impact score {} is out of range; give 1 to 5", s.impact.score));
        }
        let mut seen = HashSet::new();
        for p in &s.prerequisites {
            if !seen.insert(p.as_str()) {
                c.problem(&place, format!("prerequisite '{p}' is listed twice"));
            }
            if *p == s.id {
                c.problem(&place, "a step cannot be its own prerequisite");
                continue;
            }
            match index.get(p).map(|&i| &file.steps[i]) {
                None => c.problem(&place, format!("prerequisite '{p}' does not exist")),
                Some(other) if other.dimension == s.dimension && other.from_level >= s.from_level => c.problem(
                    &place,
                    format!(
                        "prerequisite '{p}' is in the same dimension at level {} → {}, not below this step's {} → {}; levels are climbed in order",
                        other.from_level,
                        other.from_level + 1,
                        s.from_level,
                        s.from_level + 1
                    ),
                ),
                Some(_) => {}
            }
        }
        for tag in &s.programme_tags {
            if !is_valid_id(tag) {
                c.problem(&place, format!("programme tag '{tag}' must use lowercase letters, digits, '-' or '_'"));
            }
        }
        let mut effect_questions = HashSet::new();
        for e in &s.effects {
            if !is_valid_id(&e.question) {
                c.problem(&place, format!("effect names '{}', which is not a question id", e.question));
            }
            if !effect_questions.insert(e.question.as_str()) {
                c.problem(&place, format!("two effects name question '{}'; give one answer per question", e.question));
            }
            if e.answer.is_null() {
                c.problem(&place, format!("the effect on '{}' has no answer", e.question));
            }
        }
    }

    // Only a graph whose every edge resolves can be searched for cycles and data paths.
    if c.problems.is_empty() {
        if let Some(cycle) = find_cycle(&file.steps, &index) {
            c.problem(format!("step '{}'", cycle[0]), format!("prerequisites form a cycle: {}", cycle.join(" → ")));
        } else {
            for s in file.steps.iter().filter(|s| s.dimension == AI_DIMENSION) {
                if !explicit_ancestors(&file.steps, &index, &s.id).iter().any(|&i| file.steps[i].dimension == DATA_DIMENSION) {
                    c.problem(
                        format!("step '{}'", s.id),
                        format!("an '{AI_DIMENSION}' step must wait for a '{DATA_DIMENSION}' step: list a data-collection step among its prerequisites (directly or through other steps)"),
                    );
                }
            }
        }
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let steps = file
        .steps
        .into_iter()
        .map(|s| Step {
            id: s.id,
            dimension: s.dimension,
            from_level: s.from_level,
            title: s.title,
            description: s.description,
            effort: s.effort,
            cost_won: s.cost_won,
            duration_months: s.duration_months,
            impact: s.impact.score,
            impact_text: s.impact.text,
            prerequisites: s.prerequisites,
            evidence: s.evidence,
            programme_tags: s.programme_tags,
            effects: s.effects.into_iter().map(|e| Effect { question: e.question, answer: e.answer }).collect(),
        })
        .collect();
    Ok(Recommendations { id: file.id, version: file.version, title: file.title, applies_to: file.applies_to, steps, content_hash, index })
}

/// Everything a step waits for: its explicit prerequisites, and every step of the same dimension
/// at a lower level (levels are climbed one at a time). Planning uses the same two kinds of edge,
/// so a file without a cycle here can never produce a plan that cannot be ordered.
fn waits_for<'a>(steps: &'a [StepFile], index: &'a HashMap<String, usize>, step: &'a StepFile) -> impl Iterator<Item = usize> + 'a {
    let explicit = step.prerequisites.iter().filter_map(|p| index.get(p).copied());
    let staircase = steps
        .iter()
        .enumerate()
        .filter(move |(_, o)| o.dimension == step.dimension && o.from_level < step.from_level)
        .map(|(i, _)| i);
    explicit.chain(staircase)
}

/// A cycle in the waiting graph, as step ids from the first back to it, if there is one.
fn find_cycle(steps: &[StepFile], index: &HashMap<String, usize>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; steps.len()];
    // An explicit stack keeps deep graphs from exhausting the thread's stack.
    for root in 0..steps.len() {
        if marks[root] != Mark::New {
            continue;
        }
        let mut path: Vec<(usize, Vec<usize>)> = vec![(root, waits_for(steps, index, &steps[root]).collect())];
        marks[root] = Mark::OnPath;
        while let Some((node, pending)) = path.last_mut() {
            let node = *node;
            match pending.pop() {
                Some(next) => match marks[next] {
                    Mark::New => {
                        marks[next] = Mark::OnPath;
                        path.push((next, waits_for(steps, index, &steps[next]).collect()));
                    }
                    Mark::OnPath => {
                        let start = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                        let mut cycle: Vec<String> = path[start..].iter().map(|(n, _)| steps[*n].id.clone()).collect();
                        cycle.push(steps[next].id.clone());
                        return Some(cycle);
                    }
                    Mark::Done => {}
                },
                None => {
                    marks[node] = Mark::Done;
                    path.pop();
                }
            }
        }
    }
    None
}

/// The steps reachable through explicit prerequisites only.
fn explicit_ancestors(steps: &[StepFile], index: &HashMap<String, usize>, id: &str) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    let mut queue: Vec<usize> = index.get(id).map(|&i| steps[i].prerequisites.iter().filter_map(|p| index.get(p).copied()).collect()).unwrap_or_default();
    while let Some(i) = queue.pop() {
        if found.insert(i) {
            queue.extend(steps[i].prerequisites.iter().filter_map(|p| index.get(p).copied()));
        }
    }
    found
}
