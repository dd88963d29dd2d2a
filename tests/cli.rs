//! The `jindan` command driven as a user drives it.

mod common;

use common::{fixture, jindan};
use predicates::prelude::*;
use serde_json::Value;

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

#[test]
fn lists_and_shows_questionnaires() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let out = jindan(&db).args(["questionnaires", "--json"]).assert().success().get_output().stdout.clone();
    let list = json_of(&out);
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"kr-mfg-ai-readiness") && ids.contains(&"kr-mfg-quick-scan"));

    let out = jindan(&db).args(["questionnaire", "show", "tiny", "--json"]).assert().success().get_output().stdout.clone();
    let q = json_of(&out);
    let collect = &q["questions"][0];
    assert_eq!(collect["type"], "single");
    assert_eq!(collect["options"][1]["score"], 0.4);
    assert_eq!(q["questions"][1]["allow_na"], true);
    jindan(&db).args(["questionnaire", "show", "nope"]).assert().code(2).stderr(predicate::str::contains("no questionnaire 'nope'"));
}

#[test]
fn validate_reports_every_problem_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    jindan(&db).arg("validate").arg(fixture("questionnaires/tiny.toml")).assert().success().stdout(predicate::str::contains("ok"));
    for entry in std::fs::read_dir(fixture("bad-questionnaires")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text.lines().next().unwrap().trim_start_matches("# expect: ").to_string();
        jindan(&db).arg("validate").arg(&path).assert().code(2).stderr(predicate::str::contains(expect));
    }
    assert!(!db.exists(), "validate wrote nothing");
}

#[test]
fn score_prints_the_promised_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let out = jindan(&db).arg("score").arg(fixture("scoring/eu-dma.json")).arg("--json").assert().success().get_output().stdout.clone();
    let s = json_of(&out);
    assert!((s["overall"]["score"].as_f64().unwrap() - 49.375).abs() < 1e-9);
    assert_eq!(s["overall"]["level"], 2);
    assert_eq!(s["overall"]["level_name"], "중간 고도");
    let d = &s["dimensions"][0];
    for key in ["id", "score", "level", "level_name", "coverage", "capped_by"] {
        assert!(d.get(key).is_some(), "dimension lacks {key}");
    }
    assert!(s["warnings"].is_array());
    let out = jindan(&db).args(["--lang", "en", "score"]).arg(fixture("scoring/eu-dma.json")).arg("--json").assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)["overall"]["level_name"], "Moderately advanced");
    assert!(!db.exists(), "score stores nothing");
}

#[test]
fn broken_answers_files_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    jindan(&db).args(["org", "add", "--name", "시험"]).assert().success();
    let expectations = std::fs::read_to_string(fixture("bad-answers/expect.tsv")).unwrap();
    let mut count = 0;
    for line in expectations.lines() {
        let (file, expect) = line.split_once('\t').unwrap();
        let path = fixture(&format!("bad-answers/{file}"));
        jindan(&db).arg("score").arg(&path).assert().code(2).stderr(predicate::str::contains(expect));
        jindan(&db).args(["assess", "import"]).arg(&path).args(["--org", "1"]).assert().code(2).stderr(predicate::str::contains(expect));
        count += 1;
    }
    assert_eq!(count, std::fs::read_dir(fixture("bad-answers")).unwrap().count() - 1, "every bad file has an expectation");
    let out = jindan(&db).args(["assess", "list", "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out), serde_json::json!([]), "no assessment was created by a refused import");
}

#[test]
fn template_scores_as_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let template = dir.path().join("t.json");
    jindan(&db).args(["template", "kr-mfg-quick-scan", "--out"]).arg(&template).assert().success();
    let out = jindan(&db).arg("score").arg(&template).arg("--json").assert().success().get_output().stdout.clone();
    let s = json_of(&out);
    assert_eq!(s["overall"]["score"], Value::Null);
    assert_eq!(s["dimensions"][0]["coverage"], 0.0);
}

#[test]
fn a_whole_assessment_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let org = String::from_utf8(
        jindan(&db)
            .args(["org", "add", "--name", "(주)시험정밀", "--business-number", "220-81-62517", "--ksic", "29", "--employees", "84", "--sido", "대구", "--complex", "성서산업단지"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let org = org.trim();
    jindan(&db).args(["org", "add", "--name", "중복", "--business-number", "2208162517"]).assert().code(2).stderr(predicate::str::contains("already belongs"));
    jindan(&db).args(["org", "add", "--name", "잘못", "--business-number", "220-81-62518"]).assert().code(2).stderr(predicate::str::contains("check digit"));
    jindan(&db).args(["org", "add", "--name", "잘못", "--sido", "Atlantis"]).assert().code(2);
    jindan(&db).args(["org", "add", "--name", "잘못", "--ksic", "55"]).assert().code(2);

    let id = String::from_utf8(jindan(&db).args(["assess", "new", "--org", org, "--questionnaire", "tiny", "--mode", "consultant"]).assert().success().get_output().stdout.clone()).unwrap();
    let id = id.trim();
    jindan(&db).args(["assess", "answer", id, "collect", "auto", "--note", "자동 수집 확인"]).assert().success();
    jindan(&db).args(["assess", "answer", id, "collect", "excel", "--rater", "consultant", "--evidence", "화면 캡처"]).assert().success();
    jindan(&db).args(["assess", "answer", id, "model", "n/a"]).assert().success();
    jindan(&db).args(["assess", "answer", id, "share", "55"]).assert().success();
    // Bad values: exit 2 and nothing changes.
    jindan(&db).args(["assess", "answer", id, "share", "150"]).assert().code(2).stderr(predicate::str::contains("outside the allowed range"));
    jindan(&db).args(["assess", "answer", id, "collect", "robot"]).assert().code(2);
    jindan(&db).args(["assess", "answer", id, "collect", "n/a"]).assert().code(2).stderr(predicate::str::contains("not allowed"));
    jindan(&db).args(["assess", "answer", id, "ghost", "x"]).assert().code(2);
    jindan(&db).args(["assess", "answer", id, "collect", "auto", "--rater", "boss"]).assert().code(2);

    let out = jindan(&db).args(["assess", "show", id, "--json"]).assert().success().get_output().stdout.clone();
    let s = json_of(&out);
    // Consultant's "excel" (0.4) counts: data 40 → level 2; AI: model N/A, share 55 → 0.5 → 50.
    assert!((s["dimensions"][0]["score"].as_f64().unwrap() - 40.0).abs() < 1e-9);
    assert!((s["dimensions"][1]["score"].as_f64().unwrap() - 50.0).abs() < 1e-9);
    assert_eq!(s["answers"]["collect"]["self"], "auto");
    assert_eq!(s["answers"]["collect"]["consultant"], "excel");
    assert_eq!(s["answers"]["collect"]["note"], "자동 수집 확인");
    assert_eq!(s["answers"]["share"]["self"], 55.0);
    assert_eq!(s["disagreements"].as_array().unwrap().len(), 1);

    let exported = dir.path().join("export.json");
    jindan(&db).args(["assess", "export", id, "--out"]).arg(&exported).assert().success();
    let out = jindan(&db).arg("score").arg(&exported).arg("--json").assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)["overall"], s["overall"], "an exported answers file scores the same");

    jindan(&db).args(["assess", "complete", id]).assert().success();
    jindan(&db).args(["assess", "answer", id, "share", "90"]).assert().code(2).stderr(predicate::str::contains("completed"));
    let out = jindan(&db).args(["assess", "list", "--org", org, "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)[0]["status"], "completed");
    let out = jindan(&db).args(["org", "show", org, "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)["organization"]["business_number"], "2208162517");
    jindan(&db).args(["org", "show", "999"]).assert().code(2).stderr(predicate::str::contains("does not exist"));

    // Importing a file into a new assessment.
    let out = jindan(&db).args(["assess", "import"]).arg(fixture("scoring/tiny-consultant.json")).args(["--org", org]).assert().success().get_output().stdout.clone();
    let new_id = String::from_utf8(out).unwrap();
    let out = jindan(&db).args(["assess", "show", new_id.trim(), "--json"]).assert().success().get_output().stdout.clone();
    assert_eq!(json_of(&out)["answers"]["collect"]["evidence"], "Screenshots of the collection dashboard");
}

#[test]
fn demo_builds_a_realistic_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    jindan(&db).arg("demo").assert().success();
    let orgs = json_of(&jindan(&db).args(["org", "list", "--json"]).assert().success().get_output().stdout.clone());
    assert!(orgs.as_array().unwrap().len() >= 4);
    let list = json_of(&jindan(&db).args(["assess", "list", "--json"]).assert().success().get_output().stdout.clone());
    let with_previous = list.as_array().unwrap().iter().filter(|a| !a["previous_id"].is_null()).count();
    assert!(with_previous >= 2, "some firms were assessed a year earlier");
    jindan(&db).arg("demo").assert().code(2).stderr(predicate::str::contains("--force"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    jindan(&db).arg("frobnicate").assert().code(2);
    jindan(&db).args(["--lang", "fr", "questionnaires"]).assert().code(2);
    jindan(&db).args(["score", "/nonexistent/answers.json"]).assert().code(2).stderr(predicate::str::contains("cannot read"));
}
