//! The assessment report on the demo workspace, checked as a reader checks it: poppler's
//! pdftotext, pdffonts and pdfinfo (installed by `scripts/setup.sh`), and `jindan report verify`
//! driven as a user drives it. The PDFs are left in Cargo's test scratch folder for a person to
//! look at.

mod common;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use jindan::answers::{AnswerValue, Rater};
use jindan::exchange::{BenchmarkComparison, Statistics};
use jindan::exchange::benchmark::{MeasureComparison, Position};
use jindan::i18n::{Lang, Text};
use jindan::questionnaire::{Catalog, QuestionKind};
use jindan::report::{self, ReportError, ReportInput, ReportOptions, ReportVerification};
use jindan::store::{AnswerChange, Store};
use jindan::store::actions::{ActionChange, NewAction};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The moment the demo is loaded and the reports are made, fixed so that every run is the same.
const NOW: &str = "2026-03-14T01:30:00Z";
/// Demo firm 1, (주)한빛정밀: consultant mode, re-assessed a year after assessment 1.
const REASSESSED: i64 = 2;
/// Demo firm 3, 청정식품: a self-assessment without an earlier one.
const ASSESSED_ONCE: i64 = 5;
/// Demo firm 5, 동해금속: a quick scan still in draft.
const DRAFT_QUICK_SCAN: i64 = 8;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().with_timezone(&Utc)
}

fn created() -> DateTime<FixedOffset> {
    now().with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
}

/// A demo workspace in a temporary folder.
fn demo_workspace() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workspace.db");
    let mut store = Store::open(&db).unwrap();
    jindan::demo::load_demo(&mut store, &Catalog::builtin().unwrap(), now()).unwrap();
    (dir, db, store)
}

fn render(store: &mut Store, assessment: i64, lang: Lang) -> Vec<u8> {
    report::build_report_for_assessment(store, assessment, lang, created(), &ReportOptions::default()).unwrap()
}

/// Writes the PDF to the scratch folder under `name` and returns its path.
fn keep(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a poppler tool; they are part of the test setup, so a missing one fails the test.
fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for the report tests (scripts/setup.sh installs poppler-utils): {e}"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The text of a PDF with every run of white space (line and page breaks too) as one space, so
/// that a sentence is found wherever its lines were broken.
fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{1100}'..='\u{11FF}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c)
}

/// Every text of a report that comes from the user's data rather than from Jindan: names, notes,
/// evidence, free-text answers. These stay in their own language in either report.
fn data_values(store: &mut Store, assessment: i64) -> String {
    let a = store.assessment(assessment).unwrap();
    let firm = store.organization(a.organization_id).unwrap();
    let mut values = vec![firm.name.clone()];
    values.extend([firm.site.clone(), firm.industrial_complex.clone(), a.assessor.clone()].into_iter().flatten());
    for answer in store.answers(assessment).unwrap().answers.values() {
        values.extend([answer.note.clone(), answer.evidence.clone()].into_iter().flatten());
        for value in [&answer.firm, &answer.consultant].into_iter().flatten() {
            if let AnswerValue::Text(text) = value {
                values.push(text.clone());
            }
        }
    }
    for action in store.actions(assessment).unwrap() {
        values.extend([action.owner, action.note].into_iter().flatten());
    }
    values.join("\n")
}

/// Runs of Hangul in the text that are not part of any data value.
fn stray_hangul(text: &str, data: &str) -> Vec<String> {
    let mut stray = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_hangul(c) {
            run.push(c);
        } else if !run.is_empty() {
            if !data.contains(&run) {
                stray.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    stray
}

#[test]
fn korean_report_has_its_sections_figures_fonts_and_metadata() {
    let (_dir, _db, mut store) = demo_workspace();
    let bytes = render(&mut store, REASSESSED, Lang::Ko);
    assert!(bytes.len() < 400 * 1024, "{} bytes", bytes.len());
    let pdf = keep("report-demo-ko.pdf", &bytes);
    let text = text_of(&pdf);
    let fingerprint = report::report_stamp(&report::gather_report_input(&mut store, REASSESSED, created().date_naive(), &ReportOptions::default()).unwrap()).fingerprint;
    for expected in [
        "디지털·AI 성숙도 진단 보고서",
        "(주)한빛정밀",
        "220-81-62517",
        "김지현 컨설턴트",
        "제조기업 디지털·AI 전환 준비도 정밀 진단",
        "kr-mfg-ai-readiness@1.0.0",
        "1. 종합 요약",
        "앞선 영역 3",
        "뒤처진 영역 3",
        "2. 영역별 결과",
        "수준을 묶은 관문",
        "3. 영역별 상세",
        "3.1 전략·리더십",
        "3.8 보안·인프라",
        "문항별 답변",
        "자체 평가와 컨설턴트 평가의 차이",
        "4. 개선 로드맵",
        "단계별 일정",
        "빠른 성과(0~3개월)",
        "투자 패키지",
        "5. 지난 진단 대비 진척",
        "두 진단 사이에 완료로 기록된 조치가 없습니다.",
        "부록. 계산 방법",
        "2026-03-14",
        "만 원",
        &format!("데이터 지문 {}", fingerprint.short()),
        &fingerprint.full,
    ] {
        assert!(text.contains(expected), "pdftotext output lacks {expected:?}:\n{text}");
    }
    // Korean amounts are written in 억 and 만, never as bare digit strings of eight or more.
    assert!(text.contains("억"), "{text}");
    assert!(!text.contains("KRW"), "{text}");
    // No date is written in another form than YYYY-MM-DD.
    assert!(!text.contains("2026년") && !text.contains("03/14"), "{text}");
    // Every page has its "x / y" footer (pdftotext may drop the spaces around the slash).
    let pages = page_count(&pdf);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for page in 1..=pages {
        assert!(compact.contains(&format!("{page}/{pages}")), "page {page} has no number");
    }
    // The demo's full diagnosis: 73 questions over eight dimension sections, a 21-step plan.
    assert!((14..=22).contains(&pages), "{pages} pages");

    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(font_lines.len(), 2, "{fonts}");
    for line in &font_lines {
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!((columns[columns.len() - 5], columns[columns.len() - 4]), ("yes", "yes"), "not an embedded subset: {line}");
        assert!(line.contains("NanumGothic"), "{line}");
    }

    let info = poppler("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    assert!(info.contains("Title:           디지털·AI 성숙도 진단 보고서 — (주)한빛정밀"), "{info}");
    assert!(info.contains("Author:          김지현 컨설턴트"), "{info}");
    assert!(info.contains("CreationDate:    2026-03-14T01:30:00"), "{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
    assert!(info.contains(&format!("fingerprint={}", fingerprint.full)), "{info}");
    assert!(info.contains(&format!("assessment={REASSESSED}")), "{info}");
}

#[test]
fn english_report_has_no_hangul_outside_the_firms_own_data() {
    let (_dir, _db, mut store) = demo_workspace();
    let bytes = render(&mut store, REASSESSED, Lang::En);
    let pdf = keep("report-demo-en.pdf", &bytes);
    let text = text_of(&pdf);
    for expected in [
        "Digital and AI Maturity Diagnosis Report",
        "1. Executive summary",
        "Three strongest",
        "2. Results by dimension",
        "3. Dimension details",
        "3.1 Strategy and leadership",
        "4. Improvement roadmap",
        "Investment package",
        "5. Progress since the previous assessment",
        "Appendix. How the figures are computed",
        "KRW",
        "million",
        "Daegu",
        "Page 1 / ",
    ] {
        assert!(text.contains(expected), "pdftotext output lacks {expected:?}:\n{text}");
    }
    let data = data_values(&mut store, REASSESSED);
    let stray = stray_hangul(&text, &data);
    assert!(stray.is_empty(), "Korean outside the firm's data in the English report: {stray:?}");
    // The firm's own name is kept as it is.
    assert!(text.contains("(주)한빛정밀"));
    assert!(!text.contains("만 원") && !text.contains("억"), "Korean amounts in English");
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Title:           Digital and AI Maturity Diagnosis Report — (주)한빛정밀"), "{info}");
}

#[test]
fn a_report_without_a_previous_assessment_has_no_progress_section() {
    let (_dir, _db, mut store) = demo_workspace();
    for (lang, heading, other_heading) in [(Lang::Ko, "지난 진단 대비 진척", "4. 개선 로드맵"), (Lang::En, "Progress since the previous assessment", "4. Improvement roadmap")] {
        let pdf = keep(&format!("report-assessed-once-{}.pdf", lang.code()), &render(&mut store, ASSESSED_ONCE, lang));
        let text = text_of(&pdf);
        assert!(text.contains(other_heading), "{text}");
        assert!(!text.contains(heading), "a progress section without a previous assessment:\n{text}");
        assert!(!text.contains("이전 진단") && !text.contains("Previous ("), "{text}");
    }
}

#[test]
fn a_draft_quick_scan_reports_that_it_is_a_draft() {
    let (_dir, _db, mut store) = demo_workspace();
    let pdf = keep("report-draft-quick-scan-ko.pdf", &render(&mut store, DRAFT_QUICK_SCAN, Lang::Ko));
    let text = text_of(&pdf);
    assert!(text.contains("아직 작성 중인 진단입니다"), "{text}");
    assert!(text.contains("(작성 중)"), "{text}");
    assert!(text.contains("동해금속"), "{text}");
    assert!(page_count(&pdf) < 14, "a quick scan makes a short report");
}

#[test]
fn progress_lists_the_actions_completed_between_the_assessments() {
    let (_dir, _db, mut store) = demo_workspace();
    let previous = store.previous_assessment(REASSESSED).unwrap().unwrap();
    let created = store
        .create_actions(
            previous.id,
            &[NewAction { step_id: "data-1-auto-collect-key-machines".into(), title: Text::new("핵심 설비 데이터 자동 수집", "Collect key machine data automatically"), due_date: None }],
            now() - Duration::days(300),
        )
        .unwrap();
    let action = &created.actions[0];
    let done = ActionChange { owner: Some("생산팀 박정우".into()), status: Some("done".into()), ..ActionChange::default() };
    store.update_action(action.id, &done, now() - Duration::days(100)).unwrap();
    for (lang, title, completed) in [(Lang::Ko, "핵심 설비 데이터 자동 수집", "조치 1건을 완료했습니다"), (Lang::En, "Collect key machine data automatically", "One action was completed in between")] {
        let text = text_of(&keep(&format!("report-with-done-action-{}.pdf", lang.code()), &render(&mut store, REASSESSED, lang)));
        assert!(text.contains(title), "{text}");
        assert!(text.contains(completed), "{text}");
        assert!(text.contains(&(now() - Duration::days(100)).format("%Y-%m-%d").to_string()), "{text}");
    }
}

#[test]
fn the_radar_and_results_show_the_peer_benchmark_when_there_is_one() {
    let (_dir, _db, mut store) = demo_workspace();
    let mut input: ReportInput = report::gather_report_input(&mut store, REASSESSED, created().date_naive(), &ReportOptions::default()).unwrap();
    assert!(input.benchmark.is_none(), "the demo installs no benchmark");
    let peers = Statistics { mean: 41.0, median: 40.0, p25: 30.0, p75: 52.0 };
    let measure = |id: &str, you: Option<f64>| MeasureComparison {
        id: id.to_string(),
        name: Text::new(id, id),
        you,
        peers: Some(peers),
        difference_from_median: you.map(|y| y - peers.median),
        position: you.map(|y| Position::of(y, &peers)),
    };
    input.benchmark = Some(BenchmarkComparison {
        questionnaire: input.questionnaire.reference(),
        peers: Text::new("대구·기타 기계(29) 기업 12곳", "12 firms in Daegu, other machinery (29)"),
        firms: 12,
        ksic_division: Some(29),
        employee_band: None,
        sido: Some("대구".into()),
        published_on: "2026-01-15".into(),
        published_by: None,
        overall: measure("overall", input.scores.overall.score),
        dimensions: input.scores.dimensions.iter().map(|d| measure(&d.id, d.score)).collect(),
    });
    for (lang, expected) in [(Lang::Ko, ["비교 그룹 중앙값 (12곳)", "비슷한 기업과의 비교", "대구·기타 기계(29) 기업 12곳과 비교하면"]), (Lang::En, ["Peer median (12 firms)", "Compared with similar firms", "Compared with 12 firms in Daegu"])] {
        let bytes = report::render_report(&input, lang, created()).unwrap();
        let text = text_of(&keep(&format!("report-with-benchmark-{}.pdf", lang.code()), &bytes));
        for e in expected {
            assert!(text.contains(e), "lacks {e:?}:\n{text}");
        }
    }
}

#[test]
fn an_unprintable_character_in_a_note_fails_naming_the_question() {
    let (_dir, _db, mut store) = demo_workspace();
    store.reopen_assessment(ASSESSED_ONCE, now()).unwrap();
    let change = AnswerChange { note: Some("확인 완료 \u{1F600}".into()), ..AnswerChange::default() };
    store.save_answer(ASSESSED_ONCE, "strat-vision", Rater::Firm, &change, now()).unwrap();
    let error = report::build_report_for_assessment(&mut store, ASSESSED_ONCE, Lang::Ko, created(), &ReportOptions::default()).unwrap_err();
    match &error {
        ReportError::UnprintableCharacter { place, ch, .. } => {
            assert_eq!(*ch, '\u{1F600}');
            assert_eq!(place, "the note of question strat-vision");
        }
        other => panic!("unexpected error {other:?}"),
    }
    assert!(error.to_string().contains("U+1F600"), "{error}");
    assert!(error.is_bad_input());
}

#[test]
fn the_same_input_gives_the_same_report_text() {
    let (_dir, _db, mut store) = demo_workspace();
    let first = text_of(&keep("report-repeat-1.pdf", &render(&mut store, REASSESSED, Lang::Ko)));
    let second = text_of(&keep("report-repeat-2.pdf", &render(&mut store, REASSESSED, Lang::Ko)));
    assert_eq!(first, second);
}

/// A single-choice question of the assessment and an option other than its effective answer.
fn another_option(store: &mut Store, assessment: i64) -> (String, String) {
    let q = store.questionnaire_of(assessment).unwrap();
    let answers = store.answers(assessment).unwrap();
    for question in &q.questions {
        if let QuestionKind::Single { options } = &question.kind
            && let Some(AnswerValue::Choice(current)) = answers.value(&question.id)
            && let Some(other) = options.iter().find(|o| &o.id != current)
        {
            return (question.id.clone(), other.id.clone());
        }
    }
    panic!("no single-choice question is answered");
}

#[test]
fn verify_says_matches_then_does_not_match_after_an_answer_changes() {
    let (dir, db, mut store) = demo_workspace();
    let (question, option) = another_option(&mut store, REASSESSED);
    drop(store);
    let pdf = dir.path().join("report.pdf");
    let jindan = || {
        let mut cmd = common::jindan(&db);
        cmd.env("JINDAN_NOW", NOW);
        cmd
    };
    jindan().args(["report", &REASSESSED.to_string(), "--out"]).arg(&pdf).assert().success();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    jindan().args(["report", "verify"]).arg(&pdf).assert().code(0).stdout(predicates::str::starts_with("matches"));
    let json = jindan().args(["report", "verify", "--json"]).arg(&pdf).assert().code(0).get_output().stdout.clone();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["outcome"], "matches");
    assert_eq!(value["assessment_id"], REASSESSED);

    // Notes are not part of the result: adding one keeps the report valid.
    jindan().args(["assess", "reopen", &REASSESSED.to_string()]).assert().success();
    jindan().args(["assess", "answer", &REASSESSED.to_string(), &question, "--note", "다시 확인함"]).assert().success();
    jindan().args(["report", "verify"]).arg(&pdf).assert().code(0);

    jindan().args(["assess", "answer", &REASSESSED.to_string(), &question, &option, "--rater", "consultant"]).assert().success();
    jindan()
        .args(["report", "verify"])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not match: answers changed since the report"));
    let json = jindan().args(["report", "verify", "--json"]).arg(&pdf).assert().code(2).get_output().stdout.clone();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["outcome"], "answers_changed");
}

#[test]
fn verify_tells_apart_other_workspaces_and_files_that_are_not_reports() {
    let (dir, db, mut store) = demo_workspace();
    let bytes = render(&mut store, REASSESSED, Lang::En);
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    assert!(report::verify_report(&mut store, &bytes).unwrap().matches());
    drop(store);

    // Another workspace: empty, then with the same demo loaded a day later (same numbers,
    // other assessments).
    let other_db = dir.path().join("other.db");
    common::jindan(&other_db)
        .args(["report", "verify"])
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("assessment not found in this workspace"));
    let mut other = Store::open(&other_db).unwrap();
    jindan::demo::load_demo(&mut other, &Catalog::builtin().unwrap(), now() + Duration::days(1)).unwrap();
    assert_eq!(report::verify_report(&mut other, &bytes).unwrap(), ReportVerification::AssessmentNotFound { assessment_id: REASSESSED });
    drop(other);

    // Not a PDF, and a PDF that is not a Jindan report.
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "not a report").unwrap();
    common::jindan(&db).args(["report", "verify"]).arg(&text_file).assert().code(2).stderr(predicates::str::contains("not a Jindan report"));
    let mut plain = jindan::report::ReportDocument::new(
        jindan::report::PageSetup::a4_portrait(),
        jindan::report::ReportMetadata {
            title: "다른 문서".into(),
            author: String::new(),
            subject: String::new(),
            keywords: vec!["memo".into()],
            creation_date: created(),
        },
        jindan::report::ReportFooter { left_text: String::new(), page_number_format: "{page}".into() },
    )
    .unwrap();
    plain.paragraph("보고서가 아닌 문서", &jindan::report::TextStyle::body()).unwrap();
    let plain_pdf = dir.path().join("plain.pdf");
    std::fs::write(&plain_pdf, plain.to_bytes().unwrap()).unwrap();
    common::jindan(&db).args(["report", "verify"]).arg(&plain_pdf).assert().code(2).stderr(predicates::str::contains("not a Jindan report"));
}

#[test]
fn the_report_command_refuses_unknown_assessments_and_bad_options() {
    let (dir, db, store) = demo_workspace();
    drop(store);
    let out = dir.path().join("x.pdf");
    common::jindan(&db).args(["report", "999", "--out"]).arg(&out).assert().code(2).stderr(predicates::str::contains("assessment 999 does not exist"));
    common::jindan(&db).args(["report", "2", "--today", "14/03/2026", "--out"]).arg(&out).assert().code(2).stderr(predicates::str::contains("--today"));
    common::jindan(&db).args(["report", "2", "--target", "data=9", "--out"]).arg(&out).assert().code(2).stderr(predicates::str::contains("data"));
    common::jindan(&db).args(["report", "2"]).assert().code(2);
    assert!(!out.exists(), "nothing is written on bad input");
}
