//! Anonymized exchange: what a bundle holds and never holds, consent, import checks that change
//! nothing on refusal, small-cell suppression (also against differencing), and the statistics.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jindan::answers::AnswerValue;
use jindan::exchange::benchmark::{
    describe_cell, nearest_benchmark_cell, percentile, publish_benchmarks, read_benchmark, statistics, suppress_cells, BenchmarkCell, CellKey,
    InstalledBenchmark, PublishOptions, Slot, Statistics,
};
use jindan::exchange::bundle::{self, bundle_checksum, bundle_json, read_bundle, BundleFile, FirmAttributes, ScoreAndLevel};
use jindan::exchange::center::{center_counts, center_records, import_bundle_files, CenterRecord, FileResult};
use jindan::exchange::{self, canonical_json, center_dashboard, export_anonymized_bundle, ExchangeError, ExportRequest};
use jindan::questionnaire::Catalog;
use jindan::store::{OrganizationInput, Store};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

/// Deterministic "random" ids for tests: 32 hex digits from a counter.
fn counter_ids() -> impl FnMut() -> Result<String, ExchangeError> {
    let mut n = 0u64;
    move || {
        n += 1;
        Ok(format!("{:032x}", 0xabc0_0000_0000u64 + n))
    }
}

/// A workspace with the demo firms, every one of them consenting.
fn demo_store_with_consent() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    jindan::demo::load_demo(&mut store, &common::catalog(), now()).unwrap();
    for o in store.organizations(None).unwrap() {
        exchange::give_consent(&store, o.id, now()).unwrap();
    }
    store
}

fn export_all(store: &mut Store) -> BundleFile {
    export_anonymized_bundle(store, &ExportRequest::default(), &mut counter_ids()).unwrap().bundle
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Whether the text holds anything shaped like a date (YYYY-MM-DD) or a time of day (T09:00).
fn holds_a_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    for i in 0..b.len() {
        let digits = |from: usize, n: usize| from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit);
        if digits(i, 4) && b.get(i + 4) == Some(&b'-') && digits(i + 5, 2) && b.get(i + 7) == Some(&b'-') && digits(i + 8, 2) {
            return Some(text[i..i + 10].to_string());
        }
        if b[i] == b'T' && digits(i + 1, 2) && b.get(i + 3) == Some(&b':') && digits(i + 4, 2) {
            return Some(text[i..i + 6].to_string());
        }
    }
    None
}

#[test]
fn committed_exchange_schemas_match_the_code() {
    common::assert_golden("../../schemas/bundle.schema.json", &format!("{}\n", serde_json::to_string_pretty(&bundle::json_schema()).unwrap()));
    common::assert_golden(
        "../../schemas/benchmark.schema.json",
        &format!("{}\n", serde_json::to_string_pretty(&jindan::exchange::benchmark::json_schema()).unwrap()),
    );
}

#[test]
fn a_bundle_is_written_in_canonical_json_so_its_checksum_can_be_recomputed_by_anyone() {
    let mut store = demo_store_with_consent();
    let bundle = export_all(&mut store);
    let typed = serde_json::to_string(&bundle.content).unwrap();
    let canonical = canonical_json(&serde_json::to_value(&bundle.content).unwrap());
    assert_eq!(typed, canonical, "the typed content serialises with sorted keys and no whitespace");
    assert_eq!(bundle.checksum, exchange::sha256_checksum(canonical.as_bytes()));
    // Indenting the file does not change what the checksum covers.
    let pretty = serde_json::to_string_pretty(&bundle).unwrap();
    assert!(read_bundle("pretty.json", pretty.as_bytes(), &common::catalog()).is_ok());
}

#[test]
fn an_exported_bundle_holds_none_of_the_identifying_fields_or_values() {
    let mut store = demo_store_with_consent();
    let bundle = export_all(&mut store);
    let text = bundle_json(&bundle);
    let bytes = text.as_bytes();
    assert_eq!(bundle.content.assessments.len(), 7, "the 7 completed demo assessments, not the draft");

    let mut forbidden: Vec<String> = Vec::new();
    for o in store.organizations(None).unwrap() {
        forbidden.push(o.name.clone());
        if let Some(n) = &o.business_number {
            forbidden.push(n.clone());
            forbidden.push(jindan::firm::format_business_number(n));
        }
        forbidden.extend(o.industrial_complex.clone());
        forbidden.extend(o.site.clone());
        forbidden.push(o.created_at.clone());
    }
    for a in store.assessments(None).unwrap() {
        forbidden.extend(a.assessor.clone());
        forbidden.push(a.started_at.clone());
        forbidden.extend(a.completed_at.clone());
        for r in store.answer_records(a.id).unwrap() {
            forbidden.extend(r.note.clone());
            forbidden.extend(r.evidence.clone());
        }
        for answer in store.answers(a.id).unwrap().answers.values() {
            for v in [&answer.firm, &answer.consultant].into_iter().flatten() {
                if let AnswerValue::Text(t) = v {
                    forbidden.push(t.clone());
                }
            }
        }
    }
    // Parts of names and notes too: a surname, a complex's name without "산업단지".
    forbidden.extend(["한빛", "김지현", "박민수", "이수진", "성서", "반월", "창원국가", "현장 확인", "작업일보", "설비 데이터가"].map(String::from));
    let mut checked = 0;
    for f in forbidden.iter().filter(|f| !f.trim().is_empty()) {
        assert!(!contains(bytes, f), "the bundle contains the forbidden value {f:?}");
        checked += 1;
    }
    assert!(checked > 40, "the check looked at the demo's identifying values ({checked})");
    assert_eq!(holds_a_date(&text), None, "the bundle holds no date or time of day");

    // Field by field: exactly the documented fields, nothing else.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let allowed = [
        "answers",
        "assessment_id",
        "dimensions",
        "employee_band",
        "firm",
        "ksic_division",
        "overall",
        "questionnaire_hash",
        "questionnaire_id",
        "questionnaire_version",
        "round",
        "sido",
        "year",
    ];
    for a in value["content"]["assessments"].as_array().unwrap() {
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, allowed);
        let band = a["employee_band"].as_str().unwrap();
        assert!(jindan::firm::EMPLOYEE_BANDS.iter().any(|b| b.2 == band), "{band} is a band, not a head count");
        assert!(exchange::is_random_id(a["firm"].as_str().unwrap()));
        let year = a["year"].as_i64().unwrap();
        assert!(year == 2025 || year == 2026);
        // No free-text question is carried.
        let q = common::catalog().iter().find(|q| q.content_hash == a["questionnaire_hash"].as_str().unwrap()).unwrap().clone();
        for id in a["answers"].as_object().unwrap().keys() {
            assert!(q.question(id).unwrap().is_scored(), "{id} is free text");
        }
    }
}

#[test]
fn scores_in_a_bundle_are_those_of_scoring_and_the_ids_stay_the_same_on_a_second_export() {
    let mut store = demo_store_with_consent();
    let first = export_all(&mut store);
    let again = export_anonymized_bundle(&mut store, &ExportRequest::default(), &mut counter_ids()).unwrap().bundle;
    let ids = |b: &BundleFile| b.content.assessments.iter().map(|a| a.assessment_id.clone()).collect::<HashSet<_>>();
    assert_eq!(ids(&first), ids(&again), "exported twice, an assessment keeps its random id");
    assert_eq!(first.checksum, again.checksum);
    // Every assessment's scores equal scoring::score on the workspace's own answers.
    let exchange_ids = store.assessment_exchange_ids(&store.assessments(None).unwrap().iter().map(|a| a.id).collect::<Vec<_>>()).unwrap();
    for (local, exchange_id) in exchange_ids {
        let q = store.questionnaire_of(local).unwrap();
        let scores = jindan::scoring::score(&q, &store.answers(local).unwrap());
        let a = first.content.assessments.iter().find(|a| a.assessment_id == exchange_id).unwrap();
        assert_eq!(a.overall.score, scores.overall.score);
        assert_eq!(a.overall.level, scores.overall.level);
    }
}

#[test]
fn a_firm_without_consent_is_never_exported_and_keeps_its_pseudonym_across_withdrawal() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = jindan::demo::load_demo(&mut store, &common::catalog(), now()).unwrap();
    let (hanbit, daesung) = (summary.organizations[0], summary.organizations[1]);
    let nobody = export_anonymized_bundle(&mut store, &ExportRequest::default(), &mut counter_ids()).unwrap();
    assert!(nobody.bundle.content.assessments.is_empty(), "no firm consented");
    assert_eq!(nobody.skipped_without_consent.len(), 4, "the four firms with completed assessments are named");

    let given = exchange::give_consent(&store, hanbit, now()).unwrap();
    let pseudonym = given.pseudonym.clone().unwrap();
    let outcome = export_anonymized_bundle(&mut store, &ExportRequest::default(), &mut counter_ids()).unwrap();
    let firms: HashSet<&str> = outcome.bundle.content.assessments.iter().map(|a| a.firm.as_str()).collect();
    assert_eq!(firms, HashSet::from([pseudonym.as_str()]));
    assert!(outcome.skipped_without_consent.iter().any(|s| s.organization_id == daesung && s.name == "대성사출(주)"));

    // Only the named firm, which has not consented: nothing.
    let only = ExportRequest { organizations: Some(vec![daesung]), since: None };
    assert!(export_anonymized_bundle(&mut store, &only, &mut counter_ids()).unwrap().bundle.content.assessments.is_empty());

    let withdrawn = store.withdraw_consent(hanbit, now()).unwrap();
    assert_eq!(withdrawn.consent_at, None);
    assert_eq!(withdrawn.pseudonym.as_deref(), Some(pseudonym.as_str()));
    assert!(export_anonymized_bundle(&mut store, &ExportRequest::default(), &mut counter_ids()).unwrap().bundle.content.assessments.is_empty());
    let again = exchange::give_consent(&store, hanbit, now()).unwrap();
    assert_eq!(again.pseudonym, Some(pseudonym), "T0 and T1 stay linked after consent is given again");

    // --since keeps only later assessments, but rounds still count from the first.
    let since = ExportRequest { organizations: None, since: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()) };
    let later = export_anonymized_bundle(&mut store, &since, &mut counter_ids()).unwrap().bundle;
    assert_eq!(later.content.assessments.len(), 1);
    assert_eq!(later.content.assessments[0].round, 2);
    assert_eq!(later.content.assessments[0].year, 2026);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(store: &Store, files: &[PathBuf]) -> jindan::exchange::ImportSummary {
    import_bundle_files(store, &common::catalog(), files, None, now(), &mut |_| {}).unwrap()
}

fn rejection(summary: &jindan::exchange::ImportSummary, i: usize) -> String {
    match &summary.files[i].result {
        FileResult::Rejected { reason } => reason.clone(),
        other => panic!("file {i} was not rejected: {other:?}"),
    }
}

/// Re-seals a bundle after an edit, as a careless (or dishonest) tool would.
fn resealed(mut b: BundleFile) -> Vec<u8> {
    b.checksum = bundle_checksum(&b.content);
    bundle_json(&b).into_bytes()
}

#[test]
fn tampered_truncated_foreign_and_unknown_bundles_are_refused_whole_and_change_nothing() {
    let mut firm = demo_store_with_consent();
    let bundle = export_all(&mut firm);
    let good = bundle_json(&bundle).into_bytes();
    let dir = tempfile::tempdir().unwrap();
    let centre = Store::open_in_memory().unwrap();

    // One byte changed inside the content: a digit of a score.
    let mut tampered = good.clone();
    let at = String::from_utf8(good.clone()).unwrap().find("\"score\":").unwrap() + 8;
    tampered[at] = if tampered[at] == b'1' { b'2' } else { b'1' };
    let truncated = good[..good.len() / 2].to_vec();
    let foreign_version = String::from_utf8(good.clone()).unwrap().replacen("\"format_version\":1", "\"format_version\":2", 1).into_bytes();
    let foreign_format = String::from_utf8(good.clone()).unwrap().replacen("jindan-anonymized-bundle", "someone-elses-export", 1).into_bytes();
    let mut wrong_hash = bundle.clone();
    let last = wrong_hash.content.assessments.len() - 1;
    wrong_hash.content.assessments[last].questionnaire_hash = "0".repeat(64);
    let mut forged_score = bundle.clone();
    forged_score.content.assessments[0].overall.score = Some(99.0);
    let mut text_answer = bundle.clone();
    text_answer.content.assessments[0].answers.insert("strat-pain-points".into(), serde_json::json!("우리 회사 이름"));
    let unknown_field = {
        let mut v: serde_json::Value = serde_json::from_slice(&good).unwrap();
        v["content"]["assessments"][0]["name"] = serde_json::json!("(주)한빛정밀");
        let canonical = canonical_json(&v["content"]);
        v["checksum"] = serde_json::json!(exchange::sha256_checksum(canonical.as_bytes()));
        serde_json::to_vec(&v).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("tampered.json", tampered, "checksum does not match"),
        ("truncated.json", truncated, "ends too early"),
        ("version-2.json", foreign_version, "format version 2 is not supported"),
        ("foreign.json", foreign_format, "format is 'someone-elses-export'"),
        ("wrong-hash.json", resealed(wrong_hash), "is not known here"),
        ("forged-score.json", resealed(forged_score), "overall: the file says score Some(99.0)"),
        ("text-answer.json", resealed(text_answer), "question 'strat-pain-points' is free text"),
        ("unknown-field.json", unknown_field, "unknown field `name`"),
        ("not-json.json", b"PK\x03\x04 this is a zip".to_vec(), "not valid JSON"),
    ];
    let files: Vec<PathBuf> = cases.iter().map(|(name, bytes, _)| write(dir.path(), name, bytes)).collect();
    let before = center_counts(&centre).unwrap();
    let summary = import(&centre, &files);
    for (i, (name, _, reason)) in cases.iter().enumerate() {
        let got = rejection(&summary, i);
        assert!(got.contains(reason), "{name}: expected a reason with {reason:?}, got {got:?}");
    }
    assert_eq!(summary.rejected, cases.len());
    assert_eq!(center_counts(&centre).unwrap(), before, "a refused file changes nothing");
    assert_eq!(before, (0, 0));

    // The file with one bad assessment at the end brought none of the good ones before it.
    let good_path = write(dir.path(), "good.json", &good);
    let summary = import(&centre, &[good_path.clone(), good_path]);
    assert_eq!(summary.files[0].result, FileResult::Imported { new: 7, duplicates: 0 });
    assert_eq!(summary.files[1].result, FileResult::Imported { new: 0, duplicates: 7 }, "the same file again adds nothing");
    assert_eq!(center_counts(&centre).unwrap(), (7, 1), "a file that adds nothing leaves no import row");
}

#[test]
fn oversized_bundles_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(exchange::MAX_FILE_BYTES + 1).unwrap();
    let centre = Store::open_in_memory().unwrap();
    let summary = import(&centre, &[big]);
    assert!(rejection(&summary, 0).contains("more than the 67108864 bytes"));

    // Too many entries: refused on the count, before anything else is checked.
    let mut firm = demo_store_with_consent();
    let mut bundle = export_all(&mut firm);
    let mut one = bundle.content.assessments[0].clone();
    // Small entries keep the test quick; the count is checked before anything in them.
    one.answers.clear();
    one.dimensions.clear();
    bundle.content.assessments = vec![one; exchange::MAX_ASSESSMENTS_PER_BUNDLE + 1];
    let error = read_bundle("many.json", &resealed(bundle), &common::catalog()).unwrap_err();
    assert!(error.to_string().contains("more than the 20000 a bundle may have"), "{error}");
}

#[test]
fn a_folder_import_takes_the_good_files_and_reports_the_bad_and_duplicates_by_assessment_id() {
    let mut firm = demo_store_with_consent();
    let bundle = export_all(&mut firm);
    let dir = tempfile::tempdir().unwrap();
    // Two overlapping bundles: the first three assessments, and all seven.
    let mut part = bundle.clone();
    part.content.assessments.truncate(3);
    write(dir.path(), "a-part.json", &resealed(part));
    write(dir.path(), "b-all.json", &bundle_json(&bundle).into_bytes());
    write(dir.path(), "c-broken.json", b"{\"format\":");
    write(dir.path(), "notes.txt", b"not a bundle, not read");
    let centre = Store::open_in_memory().unwrap();
    let files = exchange::bundle_paths(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files.len(), 3, "only *.json files are taken from a folder");
    let mut progress = Vec::new();
    let summary = import_bundle_files(&centre, &common::catalog(), &files, None, now(), &mut |p| progress.push((p.files_done, p.records_done))).unwrap();
    assert_eq!((summary.imported, summary.duplicates, summary.rejected), (7, 3, 1));
    assert_eq!(progress, vec![(1, 3), (2, 10), (3, 10)]);
    assert_eq!(center_records(&centre).unwrap().len(), 7);
    // Stored by position, read back by question id: the same answers as in the bundle.
    for a in &bundle.content.assessments {
        assert_eq!(jindan::exchange::center::center_answers(&centre, &a.assessment_id).unwrap(), a.answers);
    }
}

/// The cells a set of firms makes: every roll-up of each firm's attributes, with firm counts.
fn cells_of(firms: &[CellKey]) -> Vec<(CellKey, usize)> {
    let mut counts: BTreeMap<CellKey, usize> = BTreeMap::new();
    for base in firms {
        for mask in 0..8u8 {
            let mut key = *base;
            for (a, slot) in key.iter_mut().enumerate() {
                if mask & (1 << a) != 0 {
                    *slot = Slot::All;
                }
            }
            *counts.entry(key).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

/// An independent check that nothing smaller than k can be read off the published cells:
/// (1) no published cell is small or has a missing attribute; (2) a published parent minus its
/// published children along any attribute leaves 0 or at least k firms; (3) solving every
/// parent = Σ children equation with one unknown term, repeatedly, never reveals a group of
/// 1..k−1 firms, neither a cell nor the sum of a known parent's unknown children.
fn assert_nothing_small_is_revealed(cells: &[(CellKey, usize)], published: &[bool], k: usize) {
    let n: HashMap<CellKey, usize> = cells.iter().copied().collect();
    let is_published: HashMap<CellKey, bool> = cells.iter().zip(published).map(|(c, p)| (c.0, *p)).collect();
    let small = |x: usize| x > 0 && x < k;
    for (key, count) in cells {
        if is_published[key] {
            assert!(*count >= k && !key.contains(&Slot::Missing), "published {key:?} has {count} firms");
        }
    }
    // Equations: parent key and attribute → children keys.
    let mut equations: BTreeMap<(CellKey, usize), Vec<CellKey>> = BTreeMap::new();
    for (key, _) in cells {
        for a in 0..3 {
            if key[a] != Slot::All {
                let mut parent = *key;
                parent[a] = Slot::All;
                equations.entry((parent, a)).or_default().push(*key);
            }
        }
    }
    for ((parent, a), children) in &equations {
        if is_published[parent] {
            let residual = n[parent] - children.iter().filter(|c| is_published[*c]).map(|c| n[c]).sum::<usize>();
            assert!(!small(residual), "{parent:?} minus its published children along attribute {a} leaves {residual} firms");
        }
    }
    let mut known: HashSet<CellKey> = cells.iter().filter(|c| is_published[&c.0]).map(|c| c.0).collect();
    loop {
        let mut learned = Vec::new();
        for ((parent, _), children) in &equations {
            let unknown: Vec<CellKey> = std::iter::once(*parent).chain(children.iter().copied()).filter(|t| !known.contains(t)).collect();
            if unknown.len() == 1 {
                learned.push(unknown[0]);
            }
            if known.contains(parent) {
                let hidden: usize = children.iter().filter(|c| !known.contains(*c)).map(|c| n[c]).sum();
                assert!(!small(hidden), "the unpublished children of {parent:?} together hold {hidden} firms and can be worked out");
            }
        }
        if learned.is_empty() {
            break;
        }
        for t in learned {
            assert!(!small(n[&t]), "{t:?} with {} firms can be worked out from published cells", n[&t]);
            known.insert(t);
        }
    }
}

fn slot_strategy(values: u8) -> impl Strategy<Value = Slot> {
    prop_oneof![1 => Just(Slot::Missing), 6 => (0..values).prop_map(Slot::Value)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn no_published_cell_reveals_fewer_than_k_firms_even_by_subtraction(
        firms in prop::collection::vec((slot_strategy(4), slot_strategy(3), slot_strategy(3)), 0..90),
        k in 2usize..7,
    ) {
        let keys: Vec<CellKey> = firms.iter().map(|(a, b, c)| [*a, *b, *c]).collect();
        let cells = cells_of(&keys);
        let published = suppress_cells(&cells, k);
        assert_nothing_small_is_revealed(&cells, &published, k);
    }
}

#[test]
fn exhaustively_small_two_by_two_tables_never_reveal_a_small_cell() {
    // Every way of putting 0..=6 firms into each of 4 cells of a 2 × 2 table (one KSIC × band
    // grid in one 시·도), k = 5: 2,401 tables, each checked completely.
    for counts in 0..7usize.pow(4) {
        let mut firms = Vec::new();
        let mut rest = counts;
        for cell in 0..4u8 {
            for _ in 0..rest % 7 {
                firms.push([Slot::Value(10 + cell / 2), Slot::Value(cell % 2), Slot::Value(0)]);
            }
            rest /= 7;
        }
        let cells = cells_of(&firms);
        let published = suppress_cells(&cells, 5);
        assert_nothing_small_is_revealed(&cells, &published, 5);
    }
}

const GOLDEN_HASH: &str = "9999999999999999999999999999999999999999999999999999999999999999";

/// A record of firm `firm`'s assessment `round` in `year`, with (KSIC, band, 시·도) and
/// (overall, dimension a, dimension b) scores.
fn record(firm: u32, round: u32, year: i32, (ksic, band, sido): (Option<u8>, Option<&str>, &str), (overall, a, b): (f64, f64, f64)) -> CenterRecord {
    let score = |s: f64| ScoreAndLevel { level: Some((s / 20.0) as u8), score: Some(s) };
    CenterRecord {
        assessment_id: format!("{:032x}", u64::from(firm) * 100 + u64::from(round)),
        firm: format!("{firm:032x}"),
        questionnaire_id: "golden-q".into(),
        questionnaire_version: "1.0".into(),
        questionnaire_hash: GOLDEN_HASH.into(),
        year,
        round,
        attributes: FirmAttributes { ksic_division: ksic, employee_band: band.map(String::from), sido: Some(sido.into()) },
        overall: score(overall),
        dimensions: BTreeMap::from([("a".to_string(), score(a)), ("b".to_string(), score(b))]),
    }
}

/// A small hand-made centre: 19 firms, two of them assessed twice (their first assessment must
/// not count), one without a head count.
fn golden_records() -> Vec<CenterRecord> {
    let mut r = Vec::new();
    // Daegu, other machinery, 50–99: six firms with overall 10, 20, …, 60.
    for (i, s) in [10.0, 20.0, 30.0, 40.0, 50.0, 60.0].into_iter().enumerate() {
        r.push(record(i as u32 + 1, 1, 2026, (Some(29), Some("50-99"), "대구"), (s, s + 5.0, s - 5.0)));
    }
    // Firm 1 was assessed a year earlier with a much lower score.
    r.push(record(1, 0, 2025, (Some(29), Some("50-99"), "대구"), (1.0, 1.0, 1.0)));
    // Daegu, other machinery, 10–49: two firms.
    r.push(record(7, 1, 2026, (Some(29), Some("10-49"), "대구"), (35.0, 30.0, 40.0)));
    r.push(record(8, 1, 2026, (Some(29), Some("10-49"), "대구"), (45.0, 50.0, 40.0)));
    // Gyeongbuk, fabricated metal, 50–99: five firms; firm 9 re-assessed.
    for (i, s) in [12.0, 24.0, 36.0, 48.0, 60.0].into_iter().enumerate() {
        r.push(record(9 + i as u32, 2, 2026, (Some(25), Some("50-99"), "경북"), (s, s, s)));
    }
    r.push(record(9, 1, 2025, (Some(25), Some("50-99"), "경북"), (3.0, 3.0, 3.0)));
    // Gyeonggi, rubber and plastics, 100–299: five firms, and one more with no head count.
    for (i, s) in [55.0, 65.0, 75.0, 85.0, 95.0].into_iter().enumerate() {
        r.push(record(15 + i as u32, 1, 2026, (Some(22), Some("100-299"), "경기"), (s, s - 10.0, s)));
    }
    r.push(record(14, 1, 2026, (Some(22), None, "경기"), (70.0, 70.0, 70.0)));
    r
}

fn golden_options(k: u32) -> PublishOptions {
    PublishOptions { k, published_on: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), published_by: Some("대구 지역센터".into()) }
}

#[test]
fn percentiles_interpolate_between_closest_ranks() {
    assert_eq!(percentile(&[], 0.5), None);
    assert_eq!(percentile(&[7.0], 0.25), Some(7.0));
    assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.25), Some(1.75));
    assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
    assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.75), Some(3.25));
    assert_eq!(percentile(&[10.0, 20.0, 30.0, 40.0, 50.0], 0.75), Some(40.0));
    assert_eq!(
        statistics(&[60.0, 10.0, 30.0, 20.0, 50.0, 40.0]),
        Some(Statistics { mean: 35.0, median: 35.0, p25: 22.5, p75: 47.5 }),
        "unsorted input; h = 5 × 0.25 = 1.25 → 20 + 0.25 × 10"
    );
}

#[test]
fn golden_benchmark_of_a_small_hand_made_centre() {
    let records = golden_records();
    let (file, report) = publish_benchmarks(&records, &Catalog::default(), &golden_options(5)).unwrap();
    common::assert_golden("benchmark-small-k5.json", &jindan::exchange::benchmark::benchmark_json(&file));
    common::assert_golden("benchmark-small-k5.csv", &jindan::exchange::benchmark_csv(&file));
    assert_eq!(report.firms, 19, "firms, not assessments: 21 assessments of 19 firms");

    // All firms: each firm's latest assessment only (firm 1 counts with 10, not 1).
    let all = file.content.cells.iter().find(|c| c.ksic_division.is_none() && c.employee_band.is_none() && c.sido.is_none()).unwrap();
    assert_eq!(all.firms, 19);
    let latest: Vec<f64> = vec![10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 35.0, 45.0, 12.0, 24.0, 36.0, 48.0, 60.0, 55.0, 65.0, 75.0, 85.0, 95.0, 70.0];
    assert_eq!(all.overall, statistics(&latest).unwrap());
    // Gyeongbuk's five firms are published, as they are k = 5.
    let metal = file.content.cells.iter().find(|c| c.ksic_division == Some(25) && c.employee_band.as_deref() == Some("50-99") && c.sido.is_some()).unwrap();
    assert_eq!(metal.firms, 5);
    assert_eq!(metal.overall, Statistics { mean: 36.0, median: 36.0, p25: 24.0, p75: 48.0 });
    // Daegu's six 50–99 firms would leave the two 10–49 firms exposed next to Daegu's eight
    // other-machinery firms, so that cell is suppressed and rolls up.
    assert!(!file.content.cells.iter().any(|c| c.ksic_division == Some(29) && c.employee_band.as_deref() == Some("50-99") && c.sido.is_some()));
    assert!(report.cells_suppressed_against_differencing > 0);
    for cell in &file.content.cells {
        assert!(cell.firms >= 5);
    }

    let (file3, _) = publish_benchmarks(&records, &Catalog::default(), &golden_options(3)).unwrap();
    common::assert_golden("benchmark-small-k3.json", &jindan::exchange::benchmark::benchmark_json(&file3));
}

#[test]
fn published_benchmarks_keep_the_suppression_rules_on_real_attribute_data() {
    let records = golden_records();
    let (file, _) = publish_benchmarks(&records, &Catalog::default(), &golden_options(5)).unwrap();
    // Rebuild the true cells from the records and check the file's cells against them.
    let mut latest: BTreeMap<&str, &CenterRecord> = BTreeMap::new();
    for r in &records {
        let e = latest.entry(&r.firm).or_insert(r);
        if r.round > e.round {
            *e = r;
        }
    }
    let slot = |v: Option<u8>| v.map_or(Slot::Missing, Slot::Value);
    let band = |b: &Option<String>| b.as_deref().and_then(|b| jindan::firm::EMPLOYEE_BANDS.iter().position(|x| x.2 == b)).map(|i| i as u8);
    let sido = |s: &Option<String>| s.as_deref().and_then(|s| jindan::firm::SIDO.iter().position(|x| x.0 == s)).map(|i| i as u8);
    let keys: Vec<CellKey> =
        latest.values().map(|r| [slot(r.attributes.ksic_division), slot(band(&r.attributes.employee_band)), slot(sido(&r.attributes.sido))]).collect();
    let cells = cells_of(&keys);
    let published_keys: HashSet<CellKey> = file
        .content
        .cells
        .iter()
        .map(|c| {
            let s = |v: Option<u8>| v.map_or(Slot::All, Slot::Value);
            [s(c.ksic_division), s(band(&c.employee_band)), s(sido(&c.sido))]
        })
        .collect();
    let published: Vec<bool> = cells.iter().map(|c| published_keys.contains(&c.0)).collect();
    assert_nothing_small_is_revealed(&cells, &published, 5);
}

fn installed(file: jindan::exchange::BenchmarkFile) -> InstalledBenchmark {
    InstalledBenchmark { id: 1, installed_at: "2026-11-21T09:00:00Z".into(), file }
}

fn cell(ksic: Option<u8>, band: Option<&str>, sido: Option<&str>, firms: u32) -> BenchmarkCell {
    let s = Statistics { mean: 40.0, median: 41.0, p25: 30.0, p75: 50.0 };
    BenchmarkCell {
        dimensions: BTreeMap::new(),
        employee_band: band.map(String::from),
        firms,
        ksic_division: ksic,
        overall: s,
        questionnaire_hash: GOLDEN_HASH.into(),
        sido: sido.map(String::from),
        as_of: None,
    }
}

#[test]
fn the_nearest_cell_is_the_most_specific_published_one_and_is_named_in_words() {
    let (mut file, _) = publish_benchmarks(&golden_records(), &Catalog::default(), &golden_options(5)).unwrap();
    file.content.cells = vec![
        cell(Some(29), Some("50-99"), Some("대구"), 12),
        cell(Some(29), Some("50-99"), None, 30),
        cell(Some(29), None, None, 80),
        cell(None, Some("300+"), None, 9),
        cell(None, None, Some("경남"), 15),
        cell(None, None, None, 400),
    ];
    let b = installed(file);
    let (c, text) = nearest_benchmark_cell(&b, GOLDEN_HASH, Some(29), Some("50-99"), Some("대구")).unwrap();
    assert_eq!(c.firms, 12);
    assert_eq!(text.ko, "대구·기타 기계(29)·50–99명 기업 12곳");
    assert_eq!(text.en, "12 firms in Daegu, other machinery (29), 50–99 employees");
    // Busan's firm of the same trade and size rolls up to the country-wide cell of its trade and size.
    let (c, text) = nearest_benchmark_cell(&b, GOLDEN_HASH, Some(29), Some("50-99"), Some("부산")).unwrap();
    assert_eq!((c.firms, text.ko.as_str()), (30, "기타 기계(29)·50–99명 기업 30곳"));
    let (c, _) = nearest_benchmark_cell(&b, GOLDEN_HASH, Some(29), Some("10-49"), Some("부산")).unwrap();
    assert_eq!(c.firms, 80);
    let (c, text) = nearest_benchmark_cell(&b, GOLDEN_HASH, Some(22), Some("300+"), Some("경남")).unwrap();
    assert_eq!((c.firms, text.en.as_str()), (9, "9 firms in 300 or more employees"));
    let (c, text) = nearest_benchmark_cell(&b, GOLDEN_HASH, None, None, None).unwrap();
    assert_eq!((c.firms, text.ko.as_str(), text.en.as_str()), (400, "전체 기업 400곳", "all 400 firms"));
    assert!(nearest_benchmark_cell(&b, "another questionnaire", Some(29), None, None).is_none());
    assert_eq!(describe_cell(&cell(None, None, Some("경남"), 15)).en, "15 firms in Gyeongnam");
}

#[test]
fn a_benchmark_file_is_checked_before_it_is_installed() {
    let (file, _) = publish_benchmarks(&golden_records(), &Catalog::default(), &golden_options(5)).unwrap();
    let text = jindan::exchange::benchmark::benchmark_json(&file);
    assert!(read_benchmark("ok.json", text.as_bytes()).is_ok());
    let at = text.find("\"firms\": ").unwrap() + "\"firms\": ".len();
    let tampered = format!("{}9{}", &text[..at], &text[at..]);
    assert_ne!(tampered, text);
    assert!(read_benchmark("t.json", tampered.as_bytes()).unwrap_err().to_string().contains("checksum does not match"));
    let mut small = file.clone();
    small.content.cells[0].firms = 3;
    small.checksum = jindan::exchange::benchmark::benchmark_checksum(&small.content);
    let error = read_benchmark("s.json", jindan::exchange::benchmark::benchmark_json(&small).as_bytes()).unwrap_err();
    assert!(error.to_string().contains("fewer than the file's k = 5"), "{error}");

    let store = Store::open_in_memory().unwrap();
    let first = exchange::install_benchmark(&store, "ok.json", text.as_bytes(), now()).unwrap();
    assert!(first.newly_installed);
    let second = exchange::install_benchmark(&store, "ok.json", text.as_bytes(), now()).unwrap();
    assert_eq!((second.id, second.newly_installed), (first.id, false));
    assert!(exchange::install_benchmark(&store, "t.json", tampered.as_bytes(), now()).is_err());
    assert_eq!(exchange::installed_benchmarks(&store).unwrap().len(), 1);
    assert_eq!(exchange::installed_benchmark_for(&store, GOLDEN_HASH).unwrap().map(|b| b.id), Some(first.id));
    assert!(exchange::installed_benchmark_for(&store, "other").unwrap().is_none());
}

#[test]
fn the_dashboard_counts_firms_per_year_levels_groups_and_follow_up() {
    let d = center_dashboard(&golden_records());
    assert_eq!((d.assessments, d.firms), (21, 19));
    let years: Vec<(i32, usize, usize)> = d.by_year.iter().map(|y| (y.year, y.firms, y.assessments)).collect();
    assert_eq!(years, vec![(2025, 2, 2), (2026, 19, 19)]);
    let q = &d.questionnaires[0];
    assert_eq!(q.reassessed.firms, 2);
    let change = q.reassessed.changes.iter().find(|c| c.firm == format!("{:032x}", 1)).unwrap();
    assert_eq!((change.from_year, change.to_year, change.overall_change), (2025, 2026, Some(9.0)));
    assert_eq!(q.reassessed.mean_overall_change, Some((9.0 + 9.0) / 2.0));
    assert_eq!(q.without_follow_up.firms, 17);
    let overall = q.level_distribution.iter().find(|l| l.dimension == "overall").unwrap();
    assert_eq!(overall.firms_at_level.iter().sum::<usize>(), 19);
    let ksic: Vec<(&str, usize)> = q.by_ksic_division.iter().map(|g| (g.group.as_str(), g.firms)).collect();
    assert_eq!(ksic, vec![("22", 6), ("25", 5), ("29", 8)]);
    let bands: Vec<&str> = q.by_employee_band.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(bands, vec!["10-49", "50-99", "100-299", "unknown"]);
}

#[test]
fn a_firm_added_with_attributes_exports_only_their_generalised_forms() {
    let mut store = Store::open_in_memory().unwrap();
    let catalog = common::catalog();
    let q = catalog.find("tiny").unwrap().clone();
    let org = store
        .add_organization(
            &OrganizationInput {
                name: "비밀공업".into(),
                business_number: Some("220-81-62517".into()),
                ksic_division: Some(29),
                employees: Some(57),
                sido: Some("Daegu".into()),
                industrial_complex: Some("성서산업단지".into()),
                site: Some("제3공장".into()),
            },
            now(),
        )
        .unwrap();
    let id = store
        .create_assessment(
            &jindan::store::NewAssessment { organization_id: org, questionnaire: &q, mode: jindan::store::Mode::Consultant, assessor: Some("홍길동".into()), previous_id: None },
            now(),
        )
        .unwrap();
    for question in q.questions.iter() {
        let value = match &question.kind {
            jindan::questionnaire::QuestionKind::Single { options } => serde_json::json!(options[options.len() - 1].id),
            jindan::questionnaire::QuestionKind::Text => serde_json::json!("비밀공업의 사장 홍길동"),
            _ => continue,
        };
        store
            .save_answer(id, &question.id, jindan::answers::Rater::Firm, &jindan::store::AnswerChange { value: Some(value), note: Some("메모 57명".into()), ..Default::default() }, now())
            .unwrap();
    }
    store.complete_assessment(id, now()).unwrap();
    exchange::give_consent(&store, org, now()).unwrap();
    let bundle = export_all(&mut store);
    let text = bundle_json(&bundle);
    for forbidden in ["비밀공업", "2208162517", "220-81-62517", "성서", "제3공장", "홍길동", "메모", "2026-11-21"] {
        assert!(!text.contains(forbidden), "{forbidden} leaked");
    }
    let a = &bundle.content.assessments[0];
    assert_eq!((a.ksic_division, a.employee_band.as_deref(), a.sido.as_deref(), a.year), (Some(29), Some("50-99"), Some("대구"), 2026));
}
