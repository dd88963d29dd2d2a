//! Helpers shared by the integration tests.
#![allow(dead_code)]

use jindan::questionnaire::{Catalog, Questionnaire};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under tests/fixtures.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The built-in questionnaires plus the test ones (tiny, eu-dma-sample).
pub fn catalog() -> Catalog {
    Catalog::with_folder(&fixture("questionnaires")).expect("fixture questionnaires load")
}

/// Every questionnaire the properties must hold for: shipped ones and the fixtures.
pub fn all_questionnaires() -> Vec<Questionnaire> {
    catalog().iter().cloned().collect()
}

/// Compares `actual` with the golden file, or rewrites it when UPDATE_GOLDEN=1.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("golden file {} is missing; run with UPDATE_GOLDEN=1 to create it", path.display()));
    if expected != actual {
        let diff_line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs from the golden file at line {}:\n expected: {}\n actual:   {}\n(run with UPDATE_GOLDEN=1 after checking the change)",
            path.display(),
            diff_line + 1,
            expected.lines().nth(diff_line).unwrap_or(""),
            actual.lines().nth(diff_line).unwrap_or("")
        );
    }
}

/// The `jindan` binary, with a workspace in `db` and the test questionnaires folder.
pub fn jindan(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("jindan").unwrap();
    cmd.env_remove("JINDAN_DB")
        .env_remove("JINDAN_QUESTIONNAIRES")
        .env("JINDAN_NOW", "2026-11-21T09:00:00Z")
        .arg("--db")
        .arg(db)
        .arg("--questionnaires")
        .arg(fixture("questionnaires"));
    cmd
}

/// A small fixed-seed generator, so that a failure can be replayed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut x = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// What a run of killed answer saves saw: the attempts whose process finished and so
/// acknowledged its save (attempt number, question), and how many were killed.
pub struct KillRun {
    pub acknowledged: Vec<(usize, String)>,
    pub killed: usize,
    pub finished: usize,
}

/// Saves answers to `assessment` through the CLI `attempts` times and kills each process with
/// SIGKILL at a random moment between its start and twice the time a save takes on this machine
/// (debug or release, slow or fast), so kills land before, during and after the write. Each
/// attempt answers a single-choice question of the full diagnosis with its first option and a
/// note "attempt-NNN". `command` builds the CLI invocation for the given arguments.
pub fn answer_and_kill(command: &dyn Fn(&[&str]) -> std::process::Command, assessment: &str, attempts: usize, seed: u64) -> KillRun {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let q = Catalog::builtin().unwrap().find("kr-mfg-ai-readiness").unwrap().clone();
    let questions: Vec<(String, String)> = q
        .questions
        .iter()
        .filter_map(|x| match &x.kind {
            jindan::questionnaire::QuestionKind::Single { options } => Some((x.id.clone(), options[0].id.clone())),
            _ => None,
        })
        .collect();
    let run = |args: &[&str]| {
        let out = command(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let started = Instant::now();
    for (question, option) in questions.iter().take(3) {
        run(&["assess", "answer", assessment, question, option]);
    }
    let typical = started.elapsed().as_micros() as u64 / 3;

    let mut random = Lcg(seed);
    let mut outcome = KillRun { acknowledged: Vec::new(), killed: 0, finished: 0 };
    for attempt in 0..attempts {
        let (question, option) = &questions[attempt % questions.len()];
        let note = format!("attempt-{attempt:03}");
        let mut child = command(&["assess", "answer", assessment, question, option, "--note", &note])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_micros(random.below((typical * 2).max(1)));
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "attempt {attempt} failed on its own");
                outcome.acknowledged.push((attempt, question.clone()));
                outcome.finished += 1;
                break;
            }
            if Instant::now() >= deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                outcome.killed += 1;
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }
    outcome
}

/// Every acknowledged attempt is in `answers`: its question is answered with that attempt's
/// note or a later one's (a later attempt on the same question may overwrite it, never an
/// earlier one).
pub fn assert_acknowledged_kept(answers: &jindan::answers::Answers, run: &KillRun) {
    for (attempt, question) in &run.acknowledged {
        let note = answers.answers.get(question).and_then(|a| a.note.clone()).unwrap_or_default();
        let saved: usize = note.trim_start_matches("attempt-").parse().unwrap_or(0);
        assert!(answers.value(question).is_some() && saved >= *attempt, "acknowledged attempt {attempt} on {question} is lost (found '{note}')");
    }
}
