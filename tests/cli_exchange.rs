//! The exchange commands driven as a firm, a consultant and a regional centre drive them.

mod common;

use common::jindan;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

fn stdout_json(cmd: &mut assert_cmd::Command) -> Value {
    json_of(&cmd.assert().success().get_output().stdout.clone())
}

/// A firm workspace with the demo and the four firms that have completed assessments consenting.
fn demo_with_consent(db: &Path) {
    jindan(db).arg("demo").assert().success();
    for id in ["1", "2", "3", "4"] {
        jindan(db).args(["org", "consent", id, "--yes"]).assert().success();
    }
}

fn center_count(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM center_assessments", [], |r| r.get(0)).unwrap()
}

#[test]
fn consent_is_given_withdrawn_and_given_again_under_the_same_pseudonym() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("firm.db");
    jindan(&db).arg("demo").assert().success();
    jindan(&db).args(["org", "consent", "1"]).assert().success().stdout(predicate::str::contains("동의하지 않음"));
    let given = stdout_json(jindan(&db).args(["org", "consent", "1", "--yes", "--json"]));
    assert_eq!(given["consent_at"], "2026-11-21T09:00:00Z");
    let pseudonym = given["pseudonym"].as_str().unwrap().to_string();
    assert_eq!(pseudonym.len(), 32);
    let withdrawn = stdout_json(jindan(&db).args(["org", "consent", "1", "--withdraw", "--json"]));
    assert_eq!(withdrawn["consent_at"], Value::Null);
    assert_eq!(withdrawn["pseudonym"], pseudonym.as_str());
    let again = stdout_json(jindan(&db).args(["org", "consent", "1", "--yes", "--json"]));
    assert_eq!(again["pseudonym"], pseudonym.as_str());
    jindan(&db).args(["--lang", "en", "org", "consent", "1"]).assert().success().stdout(predicate::str::contains("consents to sharing"));
    jindan(&db).args(["org", "consent", "1", "--yes", "--withdraw"]).assert().code(2);
    jindan(&db).args(["org", "consent", "99", "--yes"]).assert().code(2).stderr(predicate::str::contains("firm 99 does not exist"));
}

#[test]
fn export_without_consent_writes_nothing_and_names_the_firms() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("firm.db");
    let out = dir.path().join("bundle.json");
    jindan(&db).arg("demo").assert().success();
    jindan(&db)
        .args(["export", "--anonymized", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("skipped firm 1 ((주)한빛정밀): no consent"))
        .stderr(predicate::str::contains("nothing to export"));
    assert!(!out.exists());
    // One firm consents: only it is exported; --org limits to the named firms.
    jindan(&db).args(["org", "consent", "4", "--yes"]).assert().success();
    jindan(&db).args(["export", "--anonymized", "--org", "2", "--out"]).arg(&out).assert().code(2);
    assert!(!out.exists());
    jindan(&db)
        .args(["export", "--anonymized", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("exported 2 assessment(s) of 1 firm(s)"));
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(bundle["format"], "jindan-anonymized-bundle");
    assert_eq!(bundle["content"]["assessments"].as_array().unwrap().len(), 2);
    let text = std::fs::read_to_string(&out).unwrap();
    for forbidden in ["미래모빌리티부품", "609-81-33331", "6098133331", "창원국가산업단지", "창원 2공장", "김지현", "2026-11-"] {
        assert!(!text.contains(forbidden), "{forbidden} leaked into the bundle");
    }
    jindan(&db).args(["export", "--out"]).arg(&out).assert().code(2);
    jindan(&db).args(["export", "--anonymized", "--since", "2026-13-01", "--out"]).arg(&out).assert().code(2);
}

#[test]
fn a_round_trip_from_firm_to_centre_and_back_as_a_benchmark() {
    let dir = tempfile::tempdir().unwrap();
    let firm_db = dir.path().join("firm.db");
    let centre_db = dir.path().join("centre.db");
    let bundle = dir.path().join("bundle.json");
    demo_with_consent(&firm_db);
    jindan(&firm_db).args(["export", "--anonymized", "--out"]).arg(&bundle).assert().success();

    let summary = stdout_json(jindan(&centre_db).args(["center", "import", "--json"]).arg(&bundle));
    assert_eq!((summary["imported"].as_u64(), summary["duplicates"].as_u64(), summary["rejected"].as_u64()), (Some(7), Some(0), Some(0)));
    jindan(&centre_db)
        .args(["center", "import"])
        .arg(&bundle)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 imported, 7 duplicate(s) skipped, 0 file(s) rejected"));
    assert_eq!(center_count(&centre_db), 7);

    let dashboard = stdout_json(jindan(&centre_db).args(["center", "dashboard", "--json"]));
    assert_eq!(dashboard["firms"], 4);
    assert_eq!(dashboard["by_year"], serde_json::json!([{"year": 2025, "firms": 3, "assessments": 3}, {"year": 2026, "firms": 4, "assessments": 4}]));
    let q = &dashboard["questionnaires"][0];
    assert_eq!(q["questionnaire_id"], "kr-mfg-ai-readiness");
    assert_eq!(q["reassessed"]["firms"], 3);
    assert!(q["reassessed"]["mean_overall_change"].as_f64().unwrap() > 0.0, "the demo firms improved");
    assert_eq!(q["without_follow_up"]["firms"], 1);
    jindan(&centre_db)
        .args(["center", "dashboard"])
        .assert()
        .success()
        .stdout(predicate::str::contains("재진단 기업: 3곳"))
        .stdout(predicate::str::contains("기타 기계(29)"));

    // k = 5 publishes nothing from four firms; k = 2 publishes the all-firms cell.
    let published = dir.path().join("out/benchmark-2026.json");
    std::fs::create_dir_all(published.parent().unwrap()).unwrap();
    jindan(&centre_db).args(["center", "publish", "--k", "1", "--out"]).arg(&published).assert().code(2);
    jindan(&centre_db).args(["center", "publish", "--k", "2", "--by", "대구 지역센터", "--out"]).arg(&published).assert().success();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&published).unwrap()).unwrap();
    assert_eq!(file["format"], "jindan-benchmark");
    for cell in file["content"]["cells"].as_array().unwrap() {
        assert!(cell["firms"].as_u64().unwrap() >= 2);
    }
    let csv = std::fs::read(published.with_extension("csv")).unwrap();
    assert!(csv.starts_with("\u{FEFF}설문".as_bytes()), "CSV starts with a BOM for Excel");
    let xlsx = std::fs::read(published.with_extension("xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "XLSX is a zip file");

    // The firm installs it and compares its latest assessment.
    jindan(&firm_db).args(["benchmark", "install"]).arg(&published).assert().success().stdout(predicate::str::contains("installed benchmark 1"));
    jindan(&firm_db).args(["benchmark", "install"]).arg(&published).assert().success().stdout(predicate::str::contains("already installed"));
    let list = stdout_json(jindan(&firm_db).args(["benchmark", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let show = stdout_json(jindan(&firm_db).args(["benchmark", "show", "2", "--json"]));
    let own = stdout_json(jindan(&firm_db).args(["assess", "show", "2", "--json"]));
    assert_eq!(show["overall"]["you"], own["overall"]["score"], "the comparison uses scoring's own score");
    assert_eq!(show["firms"], 4);
    assert_eq!(show["peers"]["ko"], "전체 기업 4곳");
    assert_eq!(show["dimensions"].as_array().unwrap().len(), 8);
    jindan(&firm_db)
        .args(["--lang", "en", "benchmark", "show", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("compared with all 4 firms"));
    // The quick-scan draft has no benchmark.
    jindan(&firm_db).args(["benchmark", "show", "8"]).assert().code(2).stderr(predicate::str::contains("no installed benchmark covers kr-mfg-quick-scan"));
}

#[test]
fn a_second_publication_does_not_give_away_the_one_firm_that_joined_since_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let firm_db = dir.path().join("firm.db");
    let centre_db = dir.path().join("centre.db");
    demo_with_consent(&firm_db);
    let (three, fourth) = (dir.path().join("three.json"), dir.path().join("fourth.json"));
    jindan(&firm_db).args(["export", "--anonymized", "--org", "1", "--org", "2", "--org", "3", "--out"]).arg(&three).assert().success();
    jindan(&firm_db).args(["export", "--anonymized", "--org", "4", "--out"]).arg(&fourth).assert().success();

    let (october, november) = (dir.path().join("october.json"), dir.path().join("november.json"));
    jindan(&centre_db).args(["center", "import"]).arg(&three).assert().success();
    jindan(&centre_db).env("JINDAN_NOW", "2026-10-21T09:00:00Z").args(["center", "publish", "--k", "2", "--out"]).arg(&october).assert().success();
    jindan(&centre_db).args(["center", "import"]).arg(&fourth).assert().success();
    jindan(&centre_db)
        .args(["center", "publish", "--k", "2", "--out"])
        .arg(&november)
        .assert()
        .success()
        .stderr(predicate::str::contains("changed by fewer than k firms since an earlier publication"));

    let cells = |path: &Path| -> Vec<Value> {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        file["content"]["cells"].as_array().unwrap().clone()
    };
    let all = |cells: &[Value]| cells.iter().find(|c| c["ksic_division"].is_null() && c["employee_band"].is_null() && c["sido"].is_null()).cloned().unwrap();
    let (before, after) = (all(&cells(&october)), all(&cells(&november)));
    // Three firms then, four now: new figures would be the fourth firm's scores. The November
    // file repeats October's figures, marked as such.
    assert_eq!(before["firms"], 3);
    assert_eq!(after["firms"], 3);
    assert_eq!(after["as_of"], "2026-10-21");
    assert_eq!(after["overall"], before["overall"]);
    assert!(before.get("as_of").is_none());
    let csv = std::fs::read_to_string(november.with_extension("csv")).unwrap();
    assert!(
        csv.lines().any(|l| l.contains(",전체,전체,전체,전체,3,overall,") && l.ends_with(",2026-10-21")),
        "the CSV says which day the figures are from:\n{csv}"
    );

    // A firm that installs the November file is told the figures are October's.
    jindan(&firm_db).args(["benchmark", "install"]).arg(&november).assert().success();
    let show = stdout_json(jindan(&firm_db).args(["benchmark", "show", "2", "--json"]));
    assert_eq!((show["firms"].as_u64(), show["published_on"].as_str()), (Some(3), Some("2026-10-21")));

    // The ledger is kept in the centre's workspace: two publications.
    let conn = rusqlite::Connection::open(&centre_db).unwrap();
    let recorded: i64 = conn.query_row("SELECT count(*) FROM center_publications", [], |r| r.get(0)).unwrap();
    assert_eq!(recorded, 2);
}

#[test]
fn plans_and_reports_can_aim_at_the_installed_peer_benchmark() {
    let dir = tempfile::tempdir().unwrap();
    let firm_db = dir.path().join("firm.db");
    let centre_db = dir.path().join("centre.db");
    let (bundle, published) = (dir.path().join("bundle.json"), dir.path().join("benchmark.json"));
    demo_with_consent(&firm_db);
    // Without a benchmark there is nothing to aim at.
    jindan(&firm_db).args(["plan", "4", "--peers", "median"]).assert().code(2).stderr(predicate::str::contains("no installed benchmark"));
    jindan(&firm_db).args(["export", "--anonymized", "--out"]).arg(&bundle).assert().success();
    jindan(&centre_db).args(["center", "import"]).arg(&bundle).assert().success();
    jindan(&centre_db).args(["center", "publish", "--k", "2", "--out"]).arg(&published).assert().success();
    jindan(&firm_db).args(["benchmark", "install"]).arg(&published).assert().success();

    let targets = |args: &[&str]| -> Vec<(String, u64, u64, String)> {
        let plan = stdout_json(jindan(&firm_db).args(["plan", "4", "--json"]).args(args));
        plan["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap().to_string(), d["current_level"].as_u64().unwrap(), d["target_level"].as_u64().unwrap(), d["source"].as_str().unwrap().to_string()))
            .collect()
    };
    let (median, top) = (targets(&["--peers", "median"]), targets(&["--peers", "p75"]));
    let show = stdout_json(jindan(&firm_db).args(["benchmark", "show", "4", "--json"]));
    let q = common::catalog().find("kr-mfg-ai-readiness").unwrap().clone();
    for ((id, current, target, source), (_, _, top_target, _)) in median.iter().zip(&top) {
        let peer = show["dimensions"].as_array().unwrap().iter().find(|m| m["id"] == id.as_str()).unwrap()["peers"]["median"].as_f64().unwrap();
        assert_eq!(*target, u64::from(q.level_for_score(peer)).max(*current), "{id}: the level the peer median reaches");
        assert_eq!(source, "peers");
        assert!(top_target >= target, "{id}: the top quarter aims at least as high as the median");
    }
    assert!(median.iter().any(|(_, current, target, _)| *target != current + 1), "peer targets differ from the default somewhere");
    let typed = targets(&["--peers", "median", "--target", "strategy=5"]);
    assert_eq!(typed.iter().find(|d| d.0 == "strategy").map(|d| (d.2, d.3.as_str())), Some((5, "user")));
    jindan(&firm_db).args(["plan", "4", "--peers", "best"]).assert().code(2).stderr(predicate::str::contains("use median or p75"));

    // The report plans with the same targets.
    let pdf = dir.path().join("peers.pdf");
    jindan(&firm_db).args(["report", "4", "--peers", "median", "--target", "strategy=5", "--out"]).arg(&pdf).assert().success();
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("7개 영역은 비교 그룹(전체 기업 4곳) 중앙값이 닿는 수준, 1개 영역은 직접 정한 수준"), "the report says where its targets come from:\n{text}");
    jindan(&firm_db).args(["report", "4", "--peers", "best", "--out"]).arg(&pdf).assert().code(2);
}

#[test]
fn a_sealed_bundle_travels_encrypted_and_opens_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let firm_db = dir.path().join("firm.db");
    let centre_db = dir.path().join("centre.db");
    demo_with_consent(&firm_db);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "대구센터 2026 봄\n").unwrap();
    let folder = dir.path().join("inbox");
    std::fs::create_dir_all(&folder).unwrap();
    let sealed = folder.join("hanbit.sealed");
    jindan(&firm_db).args(["export", "--anonymized", "--bundle-passphrase-file"]).arg(&pass).arg("--out").arg(&sealed).assert().success();
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"JINDAN-SEALED 1\n"));
    // Not even the pseudonyms or the questionnaire id show.
    let plain = dir.path().join("plain.json");
    jindan(&firm_db).args(["export", "--anonymized", "--out"]).arg(&plain).assert().success();
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&plain).unwrap()).unwrap();
    let firm = bundle["content"]["assessments"][0]["firm"].as_str().unwrap().to_string();
    for needle in [firm.as_str(), "kr-mfg-ai-readiness", "assessments"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} shows in the sealed file");
    }

    // Without the passphrase, or with a wrong one, the file is refused and nothing imported.
    jindan(&centre_db).args(["center", "import"]).arg(&folder).assert().code(2).stderr(predicate::str::contains("sealed with a passphrase"));
    jindan(&centre_db)
        .env("JINDAN_BUNDLE_PASSPHRASE", "대구센터 2025 봄")
        .args(["center", "import"])
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not open this sealed file"));
    assert_eq!(center_count(&centre_db), 0);
    // With it (from a file here; the environment works too), the folder's sealed file imports.
    let summary = stdout_json(jindan(&centre_db).args(["center", "import", "--json", "--bundle-passphrase-file"]).arg(&pass).arg(&folder));
    assert_eq!(summary["imported"].as_u64(), Some(7));
    assert_eq!(center_count(&centre_db), 7);
    let other_centre = dir.path().join("other-centre.db");
    jindan(&other_centre).env("JINDAN_BUNDLE_PASSPHRASE", "대구센터 2026 봄").args(["center", "import"]).arg(&sealed).assert().success();
    assert_eq!(center_count(&other_centre), 7);
    // A changed byte anywhere after the header is refused like a wrong passphrase.
    let mut changed = bytes.clone();
    let last = changed.len() - 40;
    changed[last] ^= 0x20;
    let tampered = dir.path().join("tampered.sealed");
    std::fs::write(&tampered, changed).unwrap();
    jindan(&centre_db).env("JINDAN_BUNDLE_PASSPHRASE", "대구센터 2026 봄").args(["center", "import"]).arg(&tampered).assert().code(2).stderr(predicate::str::contains("changed after it was sealed"));
}

#[test]
fn bad_bundles_are_rejected_with_a_reason_and_nothing_of_them_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let firm_db = dir.path().join("firm.db");
    let centre_db = dir.path().join("centre.db");
    let good = dir.path().join("in/good.json");
    std::fs::create_dir_all(good.parent().unwrap()).unwrap();
    demo_with_consent(&firm_db);
    jindan(&firm_db).args(["export", "--anonymized", "--out"]).arg(&good).assert().success();
    let text = std::fs::read_to_string(&good).unwrap();
    std::fs::write(dir.path().join("in/truncated.json"), &text[..text.len() - 40]).unwrap();
    let at = text.find("\"score\":").unwrap() + 8;
    let digit = if &text[at..at + 1] == "1" { "2" } else { "1" };
    std::fs::write(dir.path().join("in/tampered.json"), format!("{}{}{}", &text[..at], digit, &text[at + 1..])).unwrap();

    jindan(&centre_db)
        .args(["center", "import"])
        .arg(dir.path().join("in"))
        .assert()
        .code(2)
        .stdout(predicate::str::contains("3 file(s): 7 imported, 0 duplicate(s) skipped, 2 file(s) rejected"))
        .stderr(predicate::str::contains("tampered.json: the checksum does not match"))
        .stderr(predicate::str::contains("truncated.json: the file ends too early"));
    assert_eq!(center_count(&centre_db), 7);

    // Against a centre that does not know the questionnaire: refused, and nothing changes.
    let other_db = dir.path().join("other.db");
    let mut cmd = assert_cmd::Command::cargo_bin("jindan").unwrap();
    cmd.env_remove("JINDAN_DB").env_remove("JINDAN_QUESTIONNAIRES").env("JINDAN_NOW", "2026-11-21T09:00:00Z").arg("--db").arg(&other_db);
    jindan(&other_db).args(["org", "list"]).assert().success();
    let tiny_bundle = dir.path().join("tiny.json");
    // A bundle of the fixture questionnaire "tiny", which the built-in catalogue lacks.
    let tiny_db = dir.path().join("tiny.db");
    jindan(&tiny_db).args(["org", "add", "--name", "작은회사", "--ksic", "29", "--employees", "12", "--sido", "대구"]).assert().success();
    jindan(&tiny_db).args(["assess", "new", "--org", "1", "--questionnaire", "tiny"]).assert().success();
    jindan(&tiny_db).args(["assess", "answer", "1", "collect", "auto"]).assert().success();
    jindan(&tiny_db).args(["assess", "complete", "1"]).assert().success();
    jindan(&tiny_db).args(["org", "consent", "1", "--yes"]).assert().success();
    jindan(&tiny_db).args(["export", "--anonymized", "--out"]).arg(&tiny_bundle).assert().success();
    cmd.args(["center", "import"]).arg(&tiny_bundle).assert().code(2).stderr(predicate::str::contains("questionnaire tiny@1.0.0 with hash"));
    assert_eq!(center_count(&other_db), 0);
    // With the questionnaire folder it is accepted.
    jindan(&other_db).args(["center", "import"]).arg(&tiny_bundle).assert().success();
    assert_eq!(center_count(&other_db), 1);
}
