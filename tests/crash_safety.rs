//! Crash safety: answers are saved through the CLI while the process is killed (SIGKILL) at
//! random moments, 200 times. Every answer the CLI acknowledged must be in the workspace
//! afterwards, and the database must pass SQLite's integrity check and open normally.

mod common;

use common::{answer_and_kill, assert_acknowledged_kept};
use jindan::store::Store;
use std::process::Command;

#[test]
fn acknowledged_answers_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let bin = assert_cmd::cargo::cargo_bin("jindan");
    let command = |args: &[&str]| {
        let mut cmd = Command::new(&bin);
        cmd.arg("--db").arg(&db).args(args).env_remove("JINDAN_DB");
        cmd
    };
    let run = |args: &[&str]| {
        let out = command(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let org = run(&["org", "add", "--name", "충돌시험"]);
    let assessment = run(&["assess", "new", "--org", &org, "--questionnaire", "kr-mfg-ai-readiness"]);

    let outcome = answer_and_kill(&command, &assessment, 200, 20261121);
    let (killed, finished) = (outcome.killed, outcome.finished);
    eprintln!("crash test: {killed} processes killed, {finished} finished and acknowledged");
    assert!(killed > 20 && finished > 20, "the timing should both kill and finish many runs ({killed} killed, {finished} finished)");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    drop(conn);

    let mut store = Store::open(&db).expect("the workspace opens after the crashes");
    let answers = store.answers(assessment.parse().unwrap()).unwrap();
    assert_acknowledged_kept(&answers, &outcome);
}
