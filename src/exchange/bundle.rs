//! The anonymized bundle: one JSON file carrying completed assessments from a firm's (or a
//! consultant's) workspace to a regional centre.
//!
//! ```text
//! { "format": "jindan-anonymized-bundle", "format_version": 1,
//!   "checksum": "sha256:<hex of SHA-256 over the canonical JSON of content>",
//!   "content": { "assessments": [ … ], "generator": "jindan 0.1.0" } }
//! ```
//!
//! Each assessment keeps what a benchmark needs and nothing that names or dates the firm: the
//! questionnaire's id, version and content hash; dimension and overall scores and levels (from
//! `scoring::score`); the effective answer to every scored question (free-text answers are left
//! out because text can name the firm); the year it was completed; the KSIC division, the
//! employee band and the 시·도; the firm's random pseudonym; a random assessment id; and its
//! round (1 for the firm's first completed assessment, 2 for the next …) so that T0 and T1 can be
//! told apart within one year.
//!
//! The fields of `content` are declared in alphabetical order, so serde's compact output of the
//! typed content already is its canonical JSON (see `canonical_json`); a test holds that.

use super::{is_random_id, sha256_checksum, ExchangeError, MAX_ASSESSMENTS_PER_BUNDLE};
use crate::answers::{interpret_value, Answers, Rater};
use crate::firm;
use crate::questionnaire::{Catalog, Questionnaire, MAX_LEVEL};
use crate::scoring;
use crate::store::Organization;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// The value of `format` in every bundle.
pub const BUNDLE_FORMAT: &str = "jindan-anonymized-bundle";

/// The bundle format version this build writes and reads.
pub const BUNDLE_FORMAT_VERSION: u32 = 1;

/// Scores may differ by this much from a recomputation and still count as equal: the file
/// carries them as decimal text, which reads back to the very same number, so this only
/// absorbs arithmetic done in a different order by another program.
const SCORE_TOLERANCE: f64 = 1e-6;

/// A whole bundle file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    /// Always "jindan-anonymized-bundle".
    pub format: String,
    /// 1 for this version of the format.
    pub format_version: u32,
    /// "sha256:" and the hex SHA-256 of the canonical JSON of `content` (compact, keys sorted).
    pub checksum: String,
    pub content: BundleContent,
}

/// What the checksum covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleContent {
    /// The assessments, ordered by their random ids so the order says nothing about the firms.
    pub assessments: Vec<AnonymizedAssessment>,
    /// The program that wrote the file, e.g. "jindan 0.1.0".
    pub generator: String,
}

/// One completed assessment, anonymized. Fields in alphabetical order (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnonymizedAssessment {
    /// Question id → effective answer (the consultant's rating when there is one), in the
    /// answers-file form. Free-text questions are never included.
    pub answers: BTreeMap<String, serde_json::Value>,
    /// A random id (32 hex digits) given to the assessment when it was first exported; the same
    /// assessment exported twice keeps it, so a centre can de-duplicate.
    pub assessment_id: String,
    /// Dimension id → score and level.
    pub dimensions: BTreeMap<String, ScoreAndLevel>,
    /// "1-9", "10-49", "50-99", "100-299" or "300+", or null when the head count is unknown.
    pub employee_band: Option<String>,
    /// The firm's random pseudonym (32 hex digits), the same in every bundle of that firm.
    pub firm: String,
    /// KSIC manufacturing division (10–34), or null.
    pub ksic_division: Option<u8>,
    pub overall: ScoreAndLevel,
    /// SHA-256 of the questionnaire file the assessment was answered against.
    pub questionnaire_hash: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    /// 1 for the firm's first completed assessment, 2 for its second, …
    pub round: u32,
    /// The 시·도 in Korean (서울, 부산, …), or null.
    pub sido: Option<String>,
    /// The year the assessment was completed.
    pub year: i32,
}

/// A score (0–100) and a level (0–5); both null when nothing in the dimension was answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreAndLevel {
    pub level: Option<u8>,
    pub score: Option<f64>,
}

/// A firm's attributes after generalisation: the only ones that leave the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FirmAttributes {
    pub ksic_division: Option<u8>,
    /// One of `firm::EMPLOYEE_BANDS`' labels.
    pub employee_band: Option<String>,
    /// Korean short name of the 시·도.
    pub sido: Option<String>,
}

impl FirmAttributes {
    /// Generalises a stored firm: its KSIC division, the band of its head count, its 시·도.
    pub fn generalized(organization: &Organization) -> FirmAttributes {
        FirmAttributes {
            ksic_division: organization.ksic_division,
            employee_band: organization.employees.map(|n| firm::employee_band(n).to_string()),
            sido: organization.sido.clone(),
        }
    }
}

/// Where an assessment came from, apart from its answers: ids, year and round.
#[derive(Debug, Clone)]
pub struct AssessmentIdentity<'a> {
    pub firm_pseudonym: &'a str,
    pub assessment_id: &'a str,
    pub year: i32,
    pub round: u32,
}

/// Builds the anonymized form of one assessment. The scores come from `scoring::score`; the
/// answers kept are the effective values of scored questions only.
pub fn anonymized_assessment(q: &Questionnaire, answers: &Answers, identity: &AssessmentIdentity, attributes: &FirmAttributes) -> AnonymizedAssessment {
    let scores = scoring::score(q, answers);
    let kept_answers = answers
        .answers
        .iter()
        .filter(|(id, _)| q.question(id).is_some_and(|question| question.is_scored()))
        .filter_map(|(id, answer)| answer.effective().map(|v| (id.clone(), v.to_json())))
        .collect();
    AnonymizedAssessment {
        answers: kept_answers,
        assessment_id: identity.assessment_id.to_string(),
        dimensions: scores.dimensions.iter().map(|d| (d.id.clone(), ScoreAndLevel { level: d.level, score: d.score })).collect(),
        employee_band: attributes.employee_band.clone(),
        firm: identity.firm_pseudonym.to_string(),
        ksic_division: attributes.ksic_division,
        overall: ScoreAndLevel { level: scores.overall.level, score: scores.overall.score },
        questionnaire_hash: q.content_hash.clone(),
        questionnaire_id: q.id.clone(),
        questionnaire_version: q.version.clone(),
        round: identity.round,
        sido: attributes.sido.clone(),
        year: identity.year,
    }
}

/// The checksum of a bundle's content.
pub fn bundle_checksum(content: &BundleContent) -> String {
    // Serialising to memory cannot fail for these types (string keys, finite numbers).
    sha256_checksum(&serde_json::to_vec(content).unwrap_or_default())
}

/// The fields of an assessment after `dimensions`, borrowed, in the same (alphabetical) order, so
/// that serialising them continues the assessment's canonical JSON.
#[derive(Serialize)]
struct AssessmentTail<'a> {
    employee_band: &'a Option<String>,
    firm: &'a str,
    ksic_division: Option<u8>,
    overall: ScoreAndLevel,
    questionnaire_hash: &'a str,
    questionnaire_id: &'a str,
    questionnaire_version: &'a str,
    round: u32,
    sido: &'a Option<String>,
    year: i32,
}

/// Feeds serialised JSON straight into a hash, so that nothing is built only to be hashed.
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The checksum of a content (equal to `bundle_checksum`) together with every assessment's
/// dimensions as compact JSON, as the centre stores them, from one serialisation pass: checking a
/// large bundle then needs no second pass to prepare its rows.
pub fn checksum_and_dimensions(content: &BundleContent) -> (String, Vec<String>) {
    let mut hasher = Sha256::new();
    let mut dimensions = Vec::with_capacity(content.assessments.len());
    hasher.update(b"{\"assessments\":[");
    for (i, a) in content.assessments.iter().enumerate() {
        if i > 0 {
            hasher.update(b",");
        }
        hasher.update(b"{\"answers\":");
        // Writing into a hash cannot fail, and these types always serialise.
        let _ = serde_json::to_writer(HashWriter(&mut hasher), &a.answers);
        hasher.update(b",\"assessment_id\":");
        hasher.update(compact_json(&a.assessment_id).as_bytes());
        let dimensions_json = compact_json(&a.dimensions);
        hasher.update(b",\"dimensions\":");
        hasher.update(dimensions_json.as_bytes());
        let tail = compact_json(&AssessmentTail {
            employee_band: &a.employee_band,
            firm: &a.firm,
            ksic_division: a.ksic_division,
            overall: a.overall,
            questionnaire_hash: &a.questionnaire_hash,
            questionnaire_id: &a.questionnaire_id,
            questionnaire_version: &a.questionnaire_version,
            round: a.round,
            sido: &a.sido,
            year: a.year,
        });
        // The tail is an object of its own: its "{" becomes the comma that continues this one.
        hasher.update(b",");
        hasher.update(tail.get(1..).unwrap_or_default().as_bytes());
        dimensions.push(dimensions_json);
    }
    hasher.update(b"],\"generator\":");
    hasher.update(compact_json(&content.generator).as_bytes());
    hasher.update(b"}");
    (format!("sha256:{}", hex::encode(hasher.finalize())), dimensions)
}

/// Compact JSON of a value. Serialising to memory cannot fail for these types (string keys,
/// finite numbers), so a failure would only give an empty text, which no checksum matches.
fn compact_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Wraps assessments into a bundle: sorted by their random ids, with the checksum filled in.
pub fn bundle_of(mut assessments: Vec<AnonymizedAssessment>) -> BundleFile {
    assessments.sort_by(|a, b| a.assessment_id.cmp(&b.assessment_id));
    let content = BundleContent { assessments, generator: format!("jindan {}", env!("CARGO_PKG_VERSION")) };
    BundleFile { format: BUNDLE_FORMAT.to_string(), format_version: BUNDLE_FORMAT_VERSION, checksum: bundle_checksum(&content), content }
}

/// The file text of a bundle: compact JSON and a final newline.
pub fn bundle_json(bundle: &BundleFile) -> String {
    let mut text = serde_json::to_string(bundle).unwrap_or_default();
    text.push('\n');
    text
}

/// Only the envelope, read leniently, to say why a strict read failed.
#[derive(Deserialize)]
struct Envelope {
    format: Option<String>,
    format_version: Option<serde_json::Value>,
}

fn rejected(file: &str, reason: impl Into<String>) -> ExchangeError {
    ExchangeError::RejectedBundle { file: file.to_string(), reason: reason.into() }
}

/// Reads and checks a bundle completely: JSON syntax, the exact schema (unknown fields are
/// refused), the format and its version, the checksum, and then every assessment against the
/// questionnaire its hash names (see `check_assessment`). Nothing is written here.
pub fn read_bundle(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<BundleFile, ExchangeError> {
    read_bundle_with_dimensions(file, bytes, catalog).map(|(bundle, _)| bundle)
}

/// `read_bundle`, also giving each assessment's dimensions as compact JSON for storing.
pub fn read_bundle_with_dimensions(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<(BundleFile, Vec<String>), ExchangeError> {
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(rejected(file, format!("the file is {} bytes, more than the {} bytes a bundle may have", bytes.len(), super::MAX_FILE_BYTES)));
    }
    let mut bundle: BundleFile = match serde_json::from_slice(bytes) {
        Ok(b) => b,
        Err(e) => return Err(rejected(file, explain_parse_failure(bytes, &e))),
    };
    check_envelope(file, &bundle.format, bundle.format_version)?;
    if bundle.content.assessments.len() > MAX_ASSESSMENTS_PER_BUNDLE {
        return Err(rejected(
            file,
            format!("it holds {} assessments, more than the {MAX_ASSESSMENTS_PER_BUNDLE} a bundle may have", bundle.content.assessments.len()),
        ));
    }
    // Another writer may keep object keys in its own order; the canonical form sorts them.
    for a in &mut bundle.content.assessments {
        for value in a.answers.values_mut() {
            value.sort_all_objects();
        }
    }
    let (actual, dimensions) = checksum_and_dimensions(&bundle.content);
    if actual != bundle.checksum {
        return Err(rejected(file, format!("the checksum does not match the content (the file says {}, the content gives {actual}); it was changed or damaged", bundle.checksum)));
    }
    let mut seen = HashSet::with_capacity(bundle.content.assessments.len());
    for (i, a) in bundle.content.assessments.iter().enumerate() {
        let place = format!("assessment {} ({})", i + 1, a.assessment_id);
        if !seen.insert(a.assessment_id.as_str()) {
            return Err(rejected(file, format!("{place}: the assessment id appears twice")));
        }
        check_assessment(a, catalog).map_err(|reason| rejected(file, format!("{place}: {reason}")))?;
    }
    Ok((bundle, dimensions))
}

fn check_envelope(file: &str, format: &str, version: u32) -> Result<(), ExchangeError> {
    if format != BUNDLE_FORMAT {
        return Err(rejected(file, format!("format is '{format}', not '{BUNDLE_FORMAT}'")));
    }
    if version != BUNDLE_FORMAT_VERSION {
        return Err(rejected(file, format!("format version {version} is not supported; this Jindan reads version {BUNDLE_FORMAT_VERSION}")));
    }
    Ok(())
}

/// Turns a serde error into a reason a person can act on: a foreign format or version is named
/// as such even when its other fields also differ.
fn explain_parse_failure(bytes: &[u8], error: &serde_json::Error) -> String {
    if let Ok(envelope) = serde_json::from_slice::<Envelope>(bytes) {
        match (&envelope.format, &envelope.format_version) {
            (Some(f), _) if f != BUNDLE_FORMAT => return format!("format is '{f}', not '{BUNDLE_FORMAT}'"),
            (_, Some(v)) if v.as_u64() != Some(u64::from(BUNDLE_FORMAT_VERSION)) => {
                return format!("format version {v} is not supported; this Jindan reads version {BUNDLE_FORMAT_VERSION}");
            }
            _ => {}
        }
    }
    let what = match error.classify() {
        serde_json::error::Category::Eof => "the file ends too early (truncated?)",
        serde_json::error::Category::Syntax => "the file is not valid JSON",
        serde_json::error::Category::Data => "the file does not have the bundle format",
        serde_json::error::Category::Io => "the file could not be read",
    };
    let detail = error.to_string();
    let detail = detail.split(" at line").next().unwrap_or_default();
    format!("{what}: line {}, column {}: {detail}", error.line(), error.column())
}

/// Checks one assessment: id shapes, a known questionnaire with this exact hash, generalised
/// attributes from the fixed lists, every answer valid for its (scored) question, and scores and
/// levels equal to what `scoring::score` gives for those answers.
pub fn check_assessment(a: &AnonymizedAssessment, catalog: &Catalog) -> Result<(), String> {
    if !is_random_id(&a.assessment_id) {
        return Err("the assessment id is not 32 lowercase hex digits".into());
    }
    if !is_random_id(&a.firm) {
        return Err("the firm pseudonym is not 32 lowercase hex digits".into());
    }
    let q = catalog.iter().find(|q| q.content_hash == a.questionnaire_hash).ok_or_else(|| {
        format!(
            "questionnaire {}@{} with hash {} is not known here (add its file with --questionnaires)",
            a.questionnaire_id, a.questionnaire_version, a.questionnaire_hash
        )
    })?;
    if q.id != a.questionnaire_id || q.version != a.questionnaire_version {
        return Err(format!(
            "the hash {} belongs to {}, not {}@{}",
            a.questionnaire_hash,
            q.reference(),
            a.questionnaire_id,
            a.questionnaire_version
        ));
    }
    if !(2000..=2100).contains(&a.year) {
        return Err(format!("year {} is not plausible", a.year));
    }
    if a.round == 0 {
        return Err("round must be 1 or more".into());
    }
    if let Some(d) = a.ksic_division
        && firm::ksic_division(d).is_none()
    {
        return Err(format!("KSIC division {d} is not a manufacturing division (10 to 34)"));
    }
    if let Some(b) = &a.employee_band
        && !firm::EMPLOYEE_BANDS.iter().any(|(_, _, label)| label == b)
    {
        return Err(format!("employee band '{b}' is not one of 1-9, 10-49, 50-99, 100-299, 300+"));
    }
    if let Some(s) = &a.sido
        && !firm::SIDO.iter().any(|(ko, _)| ko == s)
    {
        return Err(format!("'{s}' is not one of the 17 시·도"));
    }
    let mut answers = Answers::new(q);
    for (id, value) in &a.answers {
        let question = q.question(id).ok_or_else(|| format!("question '{id}' is not in {}", q.reference()))?;
        if !question.is_scored() {
            return Err(format!("question '{id}' is free text, which a bundle never carries"));
        }
        let v = interpret_value(question, value).map_err(|reason| format!("question '{id}': {reason}"))?;
        answers.set(id, Rater::Firm, v);
    }
    let ids: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
    if a.dimensions.len() != ids.len() || !ids.iter().all(|id| a.dimensions.contains_key(*id)) {
        return Err(format!("the dimensions are not those of {} ({})", q.reference(), ids.join(", ")));
    }
    let scores = scoring::score(q, &answers);
    let same = |given: &ScoreAndLevel, score: Option<f64>, level: Option<u8>| {
        let score_matches = match (given.score, score) {
            (Some(x), Some(y)) => (x - y).abs() <= SCORE_TOLERANCE,
            (None, None) => true,
            _ => false,
        };
        score_matches && given.level == level && given.level.is_none_or(|l| l <= MAX_LEVEL)
    };
    for d in &scores.dimensions {
        let Some(given) = a.dimensions.get(&d.id) else { return Err(format!("dimension '{}' is missing", d.id)) };
        if !same(given, d.score, d.level) {
            return Err(format!(
                "dimension '{}': the file says score {:?} level {:?}, the answers give score {:?} level {:?}",
                d.id, given.score, given.level, d.score, d.level
            ));
        }
    }
    if !same(&a.overall, scores.overall.score, scores.overall.level) {
        return Err(format!(
            "overall: the file says score {:?} level {:?}, the answers give score {:?} level {:?}",
            a.overall.score, a.overall.level, scores.overall.score, scores.overall.level
        ));
    }
    Ok(())
}

/// The JSON Schema of the bundle file.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(BundleFile)).unwrap_or_default()
}

/// Writes a bundle file.
pub fn write_bundle_file(bundle: &BundleFile, path: &std::path::Path) -> Result<(), ExchangeError> {
    std::fs::write(path, bundle_json(bundle)).map_err(|e| ExchangeError::BadInput(format!("cannot write {}: {e}", path.display())))
}

/// Writes a bundle sealed with `passphrase` (see `sealed`): for the trip to the centre by e-mail
/// or USB stick; the centre opens it with the same passphrase on import.
pub fn write_sealed_bundle_file(bundle: &BundleFile, path: &std::path::Path, passphrase: &str) -> Result<(), ExchangeError> {
    let sealed = super::sealed::seal(bundle_json(bundle).as_bytes(), passphrase, BUNDLE_FORMAT)?;
    std::fs::write(path, sealed).map_err(|e| ExchangeError::BadInput(format!("cannot write {}: {e}", path.display())))
}
