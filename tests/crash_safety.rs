//! Crash safety: answers are saved through the CLI while the process is killed (SIGKILL) at
//! random moments, 200 times. Every answer the CLI acknowledged must be in the workspace
//! afterwards, and the database must pass SQLite's integrity check and open normally.

mod common;

use jindan::store::Store;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small fixed-seed generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn acknowledged_answers_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let bin = assert_cmd::cargo::cargo_bin("jindan");
    let run = |args: &[&str]| {
        let out = Command::new(&bin).arg("--db").arg(&db).args(args).env_remove("JINDAN_DB").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let org = run(&["org", "add", "--name", "충돌시험"]);
    let assessment = run(&["assess", "new", "--org", &org, "--questionnaire", "kr-mfg-ai-readiness"]);
    let catalog = jindan::questionnaire::Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-ai-readiness").unwrap();
    // Single-choice questions, each answered with its first option and a note naming the attempt.
    let questions: Vec<(String, String)> = q
        .questions
        .iter()
        .filter_map(|x| match &x.kind {
            jindan::questionnaire::QuestionKind::Single { options } => Some((x.id.clone(), options[0].id.clone())),
            _ => None,
        })
        .collect();

    // Calibrate: how long one save takes here (debug or release, slow or fast machine), so that
    // kills land before, during and after the write.
    let started = Instant::now();
    for (question, option) in questions.iter().take(3) {
        run(&["assess", "answer", &assessment, question, option]);
    }
    let typical = started.elapsed().as_micros() as u64 / 3;

    let mut random = Lcg(20261121);
    let mut acknowledged: Vec<(usize, String)> = Vec::new();
    let (mut killed, mut finished) = (0, 0);
    for attempt in 0..200 {
        let (question, option) = &questions[attempt % questions.len()];
        let note = format!("attempt-{attempt:03}");
        let mut child = Command::new(&bin)
            .arg("--db")
            .arg(&db)
            .args(["assess", "answer", &assessment, question, option, "--note", &note])
            .env_remove("JINDAN_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_micros(random.next() % (typical * 2).max(1));
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "attempt {attempt} failed on its own");
                acknowledged.push((attempt, question.clone()));
                finished += 1;
                break;
            }
            if Instant::now() >= deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                killed += 1;
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }
    eprintln!("crash test: {killed} processes killed, {finished} finished and acknowledged");
    assert!(killed > 20 && finished > 20, "the timing should both kill and finish many runs ({killed} killed, {finished} finished)");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    drop(conn);

    let mut store = Store::open(&db).expect("the workspace opens after the crashes");
    let id: i64 = assessment.parse().unwrap();
    let answers = store.answers(id).unwrap();
    for (attempt, question) in acknowledged {
        let note = answers.answers.get(&question).and_then(|a| a.note.clone()).unwrap_or_default();
        // A later attempt on the same question may have overwritten it, never an earlier one.
        let saved: usize = note.trim_start_matches("attempt-").parse().unwrap_or(0);
        assert!(answers.value(&question).is_some() && saved >= attempt, "acknowledged attempt {attempt} on {question} is lost (found '{note}')");
    }
}
