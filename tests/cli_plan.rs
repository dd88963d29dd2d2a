//! `jindan plan`, `whatif`, `action` and `compare` driven as a consultant drives them: a firm is
//! diagnosed, planned, followed up and diagnosed again a year later.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The command with a fixed workspace and clock, so every run is reproducible.
fn jindan(db: &Path, now: &str) -> Command {
    let mut cmd = Command::cargo_bin("jindan").expect("the jindan binary is built");
    cmd.env("JINDAN_DB", db)
        .env("JINDAN_NOW", now)
        .env_remove("JINDAN_QUESTIONNAIRES")
        .env_remove("JINDAN_RECOMMENDATIONS")
        .env_remove("JINDAN_PROGRAMMES");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("valid JSON")
}

fn id(cmd: &mut Command) -> i64 {
    stdout(cmd).trim().parse().expect("an id")
}

#[test]
fn diagnose_plan_follow_up_and_compare() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("workspace.db");
    let t0 = "2026-03-02T01:00:00Z";

    // Diagnose: a firm, an assessment, its answers.
    let org = id(jindan(&db, t0).args(["org", "add", "--name", "(주)대성사출", "--sido", "경기"]));
    let first = id(jindan(&db, t0).args(["assess", "new", "--org", &org.to_string(), "--questionnaire", "kr-mfg-ai-readiness"]));
    jindan(&db, t0).args(["assess", "import", "--into", &first.to_string()]).arg(fixture("answers/early-paper.json")).assert().success();
    jindan(&db, t0).args(["assess", "complete", &first.to_string()]).assert().success();

    // Plan, as JSON for scripts: ordered steps, phases, costs and programmes on the day.
    let plan = json(jindan(&db, t0).args(["plan", &first.to_string(), "--json"]));
    assert_eq!(plan["today"], "2026-03-02", "the plan day is the Korean calendar day of JINDAN_NOW");
    let steps = plan["steps"].as_array().expect("steps");
    assert!(!steps.is_empty());
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().expect("id")).collect();
    assert!(ids.contains(&"sys-0-barcode-production-reporting"), "{ids:?}");
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s["order"], i + 1);
        for w in s["waits_for"].as_array().expect("waits_for") {
            let at = ids.iter().position(|x| Some(*x) == w.as_str()).expect("waited-for steps are in the plan");
            assert!(at < i, "{} waits for {w}, which comes later", s["id"]);
        }
        for key in ["phase", "priority", "cost_won", "start_month", "finish_month", "programmes", "expired_programmes"] {
            assert!(s.get(key).is_some(), "a step lacks {key}");
        }
    }
    let total = &plan["investment"]["total_won"];
    let summed: u64 = steps.iter().map(|s| s["cost_won"]["max"].as_u64().expect("won")).sum();
    assert_eq!(total["max"].as_u64(), Some(summed));

    // The human plan in both languages.
    jindan(&db, t0).args(["plan", &first.to_string()]).assert().success().stdout(predicate::str::contains("빠른 성과(0~3개월)")).stdout(predicate::str::contains("투자 패키지"));
    jindan(&db, t0).args(["--lang", "en", "plan", &first.to_string(), "--target", "data=2"]).assert().success().stdout(predicate::str::contains("Quick wins (0–3 months)")).stdout(predicate::str::contains("set by user"));

    // Targets that make no sense are refused with exit code 2 and the reason.
    jindan(&db, t0).args(["plan", &first.to_string(), "--target", "ai=9"]).assert().code(2).stderr(predicate::str::contains("target for 'ai'"));
    jindan(&db, t0).args(["plan", &first.to_string(), "--target", "robots=2"]).assert().code(2).stderr(predicate::str::contains("no such dimension"));
    jindan(&db, t0).args(["plan", "999"]).assert().code(2).stderr(predicate::str::contains("assessment 999 does not exist"));

    // What-if: the answers stay as they are, the scores move up.
    let stored = json(jindan(&db, t0).args(["assess", "show", &first.to_string(), "--json"]));
    let what = json(jindan(&db, t0).args(["whatif", &first.to_string(), "--step", "sys-0-barcode-production-reporting", "--json"]));
    let before = what["before"]["dimensions"].as_array().expect("dimensions").iter().find(|d| d["id"] == "systems").expect("systems")["score"].as_f64();
    let after = what["after"]["dimensions"].as_array().expect("dimensions").iter().find(|d| d["id"] == "systems").expect("systems")["score"].as_f64();
    assert!(after > before, "{before:?} → {after:?}");
    jindan(&db, t0).args(["whatif", &first.to_string(), "--step", "no-such-step"]).assert().code(2).stderr(predicate::str::contains("step 'no-such-step'"));
    let unchanged = json(jindan(&db, t0).args(["assess", "show", &first.to_string(), "--json"]));
    assert_eq!(unchanged["answers"], stored["answers"], "what-if changed nothing stored");

    // Follow-up: actions from the plan, once per step.
    let created = json(jindan(&db, t0).args(["action", "from-plan", &first.to_string(), "--json"]));
    assert_eq!(created["created"].as_u64(), Some(steps.len() as u64));
    let again = json(jindan(&db, t0).args(["action", "from-plan", &first.to_string(), "--json"]));
    assert_eq!(again["created"], 0);
    let actions = json(jindan(&db, t0).args(["action", "list", &first.to_string(), "--json"]));
    let actions = actions.as_array().expect("a list");
    assert_eq!(actions.len(), steps.len());
    let barcode = actions.iter().find(|a| a["step_id"] == "sys-0-barcode-production-reporting").expect("an action per step");
    let action_id = barcode["id"].as_i64().expect("id").to_string();
    assert_eq!(barcode["status"], "todo");
    jindan(&db, t0).args(["action", "add", &first.to_string(), "--step", "strat-4-data-service-vision"]).assert().success().stdout(predicate::str::contains("1"));
    jindan(&db, t0).args(["action", "add", &first.to_string(), "--step", "nope"]).assert().code(2);

    // Setting an action: bad values are refused naming the field; good ones are kept.
    jindan(&db, t0).args(["action", "set", &action_id, "--status", "finished"]).assert().code(2).stderr(predicate::str::contains("status:"));
    jindan(&db, t0).args(["action", "set", &action_id, "--due", "2026-02-30"]).assert().code(2).stderr(predicate::str::contains("due_date:"));
    jindan(&db, t0).args(["action", "set", &action_id]).assert().code(2).stderr(predicate::str::contains("nothing to change"));
    jindan(&db, t0).args(["action", "set", "99999", "--status", "done"]).assert().code(2).stderr(predicate::str::contains("action 99999 does not exist"));
    let t1 = "2026-07-15T06:00:00Z";
    let done = json(jindan(&db, t1).args(["action", "set", &action_id, "--status", "done", "--owner", "생산팀 박 반장", "--due", "2026-06-30", "--note", "POP 단말 6대 설치", "--json"]));
    assert_eq!((done["status"].as_str(), done["owner"].as_str(), done["due_date"].as_str()), (Some("done"), Some("생산팀 박 반장"), Some("2026-06-30")));
    assert_eq!(done["done_at"], t1);
    jindan(&db, t1).args(["action", "list", &first.to_string()]).assert().success().stdout(predicate::str::contains("완료")).stdout(predicate::str::contains("생산팀 박 반장"));

    // A year later: diagnosed again, compared with the first diagnosis.
    let t2 = "2027-03-02T01:00:00Z";
    let second = id(jindan(&db, t2).args(["assess", "new", "--org", &org.to_string(), "--questionnaire", "kr-mfg-ai-readiness", "--previous", &first.to_string()]));
    jindan(&db, t2).args(["assess", "import", "--into", &second.to_string()]).arg(fixture("answers/mid-mes.json")).assert().success();
    let progress = json(jindan(&db, t2).args(["compare", &first.to_string(), &second.to_string(), "--json"]));
    let dimensions = progress["progress"]["dimensions"].as_array().expect("dimensions");
    assert_eq!(dimensions.len(), 8);
    let systems = dimensions.iter().find(|d| d["id"] == "systems").expect("systems");
    assert!(systems["score_change"].as_f64().expect("a change") > 0.0);
    assert!(systems["level_change"].as_i64().expect("a change") > 0);
    assert!(progress["progress"]["overall"]["score_change"].as_f64().expect("a change") > 0.0);
    assert_eq!(progress["progress"]["same_questionnaire"], true);
    let completed: Vec<&str> = progress["actions_done_between"].as_array().expect("a list").iter().map(|a| a["step_id"].as_str().expect("step")).collect();
    assert_eq!(completed, vec!["sys-0-barcode-production-reporting"]);

    // The later assessment alone is compared with the firm's previous one.
    let alone = json(jindan(&db, t2).args(["compare", &second.to_string(), "--json"]));
    assert_eq!(alone["earlier"]["id"].as_i64(), Some(first));
    jindan(&db, t2).args(["compare", &first.to_string()]).assert().code(2).stderr(predicate::str::contains("no earlier assessment"));
    jindan(&db, t2)
        .args(["--lang", "en", "compare", &first.to_string(), &second.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Actions completed between the two: 1"));

    // Another firm's assessment cannot be compared with this one.
    let other = id(jindan(&db, t2).args(["org", "add", "--name", "다른회사"]));
    let third = id(jindan(&db, t2).args(["assess", "new", "--org", &other.to_string(), "--questionnaire", "kr-mfg-ai-readiness"]));
    jindan(&db, t2).args(["compare", &first.to_string(), &third.to_string()]).assert().code(2).stderr(predicate::str::contains("different firms"));
}

#[test]
fn plan_data_can_be_replaced_and_has_schemas() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("workspace.db");
    let now = "2026-11-21T03:00:00Z";
    let org = id(jindan(&db, now).args(["org", "add", "--name", "(주)청정식품"]));
    let assessment = id(jindan(&db, now).args(["assess", "import", "--org", &org.to_string()]).arg(fixture("answers/early-paper.json")));

    // An updated programme file that reopens the 2022 basic tier for this year.
    let builtin = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/programmes.toml")).expect("shipped file");
    let updated = builtin.replacen("valid_to = \"2022-12-31\"", "valid_to = \"2026-12-31\"", 1);
    let file = dir.path().join("programmes-2026.toml");
    std::fs::write(&file, updated).expect("written");
    let plan = json(jindan(&db, now).args(["plan", &assessment.to_string(), "--json", "--programmes"]).arg(&file));
    let barcode = plan["steps"].as_array().expect("steps").iter().find(|s| s["id"] == "sys-0-barcode-production-reporting").expect("planned");
    assert!(barcode["programmes"].as_array().expect("a list").iter().any(|m| m["id"] == "smart-factory-basic-2022"), "{barcode}");
    let builtin_plan = json(jindan(&db, now).args(["plan", &assessment.to_string(), "--json"]));
    let barcode = builtin_plan["steps"].as_array().expect("steps").iter().find(|s| s["id"] == "sys-0-barcode-production-reporting").expect("planned");
    assert!(barcode["expired_programmes"].as_array().expect("a list").iter().any(|m| m == "smart-factory-basic-2022"));

    // --today overrides the clock; a bad day or a bad file is the user's error.
    let then = json(jindan(&db, now).args(["plan", &assessment.to_string(), "--json", "--today", "2022-05-01"]));
    assert_eq!(then["today"], "2022-05-01");
    jindan(&db, now).args(["plan", &assessment.to_string(), "--today", "2022-5-1"]).assert().code(2).stderr(predicate::str::contains("--today"));
    let bad = fixture("bad-recommendations/cycle.toml");
    jindan(&db, now).args(["plan", &assessment.to_string(), "--recommendations"]).arg(&bad).assert().code(2).stderr(predicate::str::contains("cycle"));

    for which in ["recommendations", "programmes"] {
        let schema = json(jindan(&db, now).args(["schema", which]));
        assert_eq!(schema["type"], "object", "{which}");
    }
    jindan(&db, now).args(["schema", "plans"]).assert().code(2).stderr(predicate::str::contains("recommendations or programmes"));
}
