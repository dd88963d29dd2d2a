//! Reliability and security: damaged, foreign and unwritable workspaces give clear errors and
//! change nothing; a full disk loses only the change being made; a workspace protected by a
//! passphrase holds nothing readable; published benchmarks single out no firm, even by
//! subtraction. The figures these tests produce are in RELIABILITY.md.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::Lcg;
use jindan::answers::Rater;
use jindan::exchange::benchmark::{publish_benchmarks, publish_benchmarks_after, PublishOptions};
use jindan::exchange::bundle::{FirmAttributes, ScoreAndLevel};
use jindan::exchange::center::CenterRecord;
use jindan::exchange::{self, export_anonymized_bundle, ExchangeError, ExportRequest};
use jindan::questionnaire::Catalog;
use jindan::store::{AnswerChange, Mode, NewAssessment, OrganizationInput, Store, StoreError, WorkspaceFileKind};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

/// A firm whose name, number and site must never be readable in an encrypted file.
const FIRM_NAME: &str = "(주)한빛정밀기계";
const FIRM_NAME_ASCII: &str = "HanbitPrecisionSecretCo";
const BUSINESS_NUMBER: &str = "6088177772";
const NOTE: &str = "사출기 3호기 불량률 7% 비공개";

fn firm() -> OrganizationInput {
    OrganizationInput {
        name: FIRM_NAME.into(),
        business_number: Some(BUSINESS_NUMBER.into()),
        ksic_division: Some(29),
        employees: Some(84),
        sido: Some("대구".into()),
        industrial_complex: Some("성서산업단지".into()),
        site: Some(FIRM_NAME_ASCII.into()),
    }
}

/// Adds the firm, a consultant assessment of the quick scan and one answer with a note; returns
/// the assessment id.
fn fill(store: &mut Store) -> i64 {
    let catalog = Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-quick-scan").unwrap();
    let org = store.add_organization(&firm(), now()).unwrap();
    let id = store
        .create_assessment(&NewAssessment { organization_id: org, questionnaire: q, mode: Mode::Consultant, assessor: None, previous_id: None }, now())
        .unwrap();
    store
        .save_answer(id, "qs-dx-plan", Rater::Firm, &AnswerChange { value: Some(json!("list")), note: Some(NOTE.into()), ..Default::default() }, now())
        .unwrap();
    id
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every secret of `firm()` that a readable file would show.
fn assert_unreadable(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.is_empty(), "{} is empty", path.display());
    for secret in [FIRM_NAME, FIRM_NAME_ASCII, BUSINESS_NUMBER, NOTE, "성서산업단지", "SQLite format 3", "kr-mfg-quick-scan"] {
        assert!(!contains(&bytes, secret), "{} shows '{secret}' in the clear", path.display());
    }
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

// ---- corrupt, foreign and unwritable files ----

/// A real workspace with some pages: the demo firms.
fn demo_workspace(path: &Path) {
    let mut store = Store::open(path).unwrap();
    jindan::demo::load_demo(&mut store, &common::catalog(), now()).unwrap();
    drop(store);
    assert!(!companion(path, "-wal").exists(), "closing the last connection folds the log into the file");
}

#[test]
fn a_truncated_workspace_is_refused_with_a_clear_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db");
    demo_workspace(&original);
    let full = std::fs::read(&original).unwrap();
    assert!(full.len() > 64 * 1024, "the demo workspace has many pages ({} bytes)", full.len());
    for cut in [full.len() / 2, full.len() / 3, full.len() - 4096, 4096, 100, 50, 10] {
        let path = dir.path().join(format!("cut-{cut}.db"));
        std::fs::write(&path, &full[..cut]).unwrap();
        let err = Store::open(&path).err().unwrap_or_else(|| panic!("a workspace cut at {cut} bytes opens"));
        let message = err.to_string();
        assert!(matches!(err, StoreError::NotAWorkspace { .. }), "cut at {cut}: {message}");
        assert!(message.contains(&path.display().to_string()), "the message names the file: {message}");
        if cut >= 100 {
            assert!(message.contains("cut short"), "cut at {cut}: {message}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), &full[..cut], "cut at {cut}: the file was changed");
        assert!(!companion(&path, "-wal").exists() && !companion(&path, "-shm").exists(), "cut at {cut}: files were made beside it");
    }
    // The CLI says the same, exits 1 and does not panic.
    let half = dir.path().join(format!("cut-{}.db", full.len() / 2));
    let out = common::jindan(&half).args(["org", "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cut short") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_workspace_whose_pages_are_damaged_gives_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    demo_workspace(&path);
    // Overwrite the middle of the file (table pages, not the header) with noise.
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    for (i, b) in bytes[middle - 8192..middle + 8192].iter_mut().enumerate() {
        *b = (i * 37 % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    // Opening may succeed (the header and schema are intact); reading the damaged pages fails
    // with a plain "damaged", never a panic or a silently short list.
    let outcome = Store::open(&path).and_then(|mut store| {
        for a in store.assessments(None)? {
            store.answers(a.id)?;
            store.answer_records(a.id)?;
        }
        store.organizations(None).map(|_| ())
    });
    match outcome {
        Err(e) => assert!(e.to_string().contains("damaged") || e.to_string().contains("not a Jindan workspace"), "{e}"),
        Ok(()) => {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap_or_default();
            assert_eq!(check, "ok", "damaged pages were read without an error");
        }
    }
}

/// Whether this process really cannot write to `path` (root, for one, can write anything).
fn cannot_write(path: &Path) -> bool {
    if path.is_dir() {
        let probe = path.join(".probe");
        let refused = std::fs::write(&probe, b"x").is_err();
        let _ = std::fs::remove_file(&probe);
        refused
    } else {
        std::fs::OpenOptions::new().append(true).open(path).is_err()
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A command to run the CLI as an unprivileged user, when this process is root (where chmod
/// restricts nothing) and `setpriv` is there.
#[cfg(unix)]
fn as_nobody() -> Option<std::process::Command> {
    let root = std::process::Command::new("id").arg("-u").output().ok().is_some_and(|o| o.stdout.starts_with(b"0\n"));
    let setpriv = std::process::Command::new("setpriv").arg("--version").output().is_ok_and(|o| o.status.success());
    (root && setpriv).then(|| {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        cmd
    })
}

/// Runs `jindan --db DB ARGS` as this user or, when root, as `nobody`; None when neither can
/// show a permission problem.
#[cfg(unix)]
fn run_unprivileged(db: &Path, args: &[&str], restricted: &Path) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("jindan");
    let mut cmd = if cannot_write(restricted) {
        std::process::Command::new(&bin)
    } else {
        let mut cmd = as_nobody()?;
        cmd.arg(&bin);
        cmd
    };
    cmd.env_remove("JINDAN_DB").env("JINDAN_NOW", "2026-11-21T09:00:00Z").arg("--db").arg(db).args(args);
    Some(cmd.output().unwrap())
}

#[cfg(unix)]
#[test]
fn a_read_only_workspace_file_or_folder_gives_a_clear_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o755);
    // A read-only file in a writable folder.
    let file_case = dir.path().join("file");
    std::fs::create_dir(&file_case).unwrap();
    let db = file_case.join("w.db");
    demo_workspace(&db);
    set_mode(&file_case, 0o777);
    set_mode(&db, 0o444);
    let before = std::fs::read(&db).unwrap();
    if cannot_write(&db) {
        let err = Store::open(&db).and_then(|s| s.add_organization(&OrganizationInput { name: "새 기업".into(), ..Default::default() }, now()).map(drop));
        let err = err.expect_err("writing a read-only workspace fails");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    }
    match run_unprivileged(&db, &["org", "add", "--name", "새 기업"], &db) {
        Some(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("cannot be written") && stderr.contains("read-only"), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
        None => eprintln!("skipped the CLI part: this user can write anything and setpriv is missing"),
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the read-only file was changed");

    // A writable file in a read-only folder: SQLite cannot make its log beside the file.
    let folder_case = dir.path().join("folder");
    std::fs::create_dir(&folder_case).unwrap();
    let db = folder_case.join("w.db");
    demo_workspace(&db);
    set_mode(&db, 0o666);
    set_mode(&folder_case, 0o555);
    let before = std::fs::read(&db).unwrap();
    if cannot_write(&folder_case) {
        let err = Store::open(&db).and_then(|s| s.add_organization(&OrganizationInput { name: "새 기업".into(), ..Default::default() }, now()).map(drop));
        let err = err.expect_err("a workspace in a read-only folder cannot be written");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    }
    match run_unprivileged(&db, &["org", "add", "--name", "새 기업"], &folder_case) {
        Some(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("cannot be written") && stderr.contains("folder"), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
        None => eprintln!("skipped the CLI part: this user can write anything and setpriv is missing"),
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the workspace in the read-only folder was changed");
    set_mode(&folder_case, 0o755);
}

#[test]
fn a_full_disk_fails_the_save_with_a_plain_message_and_keeps_earlier_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut store = Store::open(&path).unwrap();
    let id = fill(&mut store);
    store.save_answer(id, "qs-ai-use", Rater::Firm, &AnswerChange { value: Some(json!(["vision"])), ..Default::default() }, now()).unwrap();
    // The disk is "full" once the file has the pages it has now: SQLite answers SQLITE_FULL
    // exactly as it does when the operating system runs out of space.
    let pages: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.connection().pragma_update(None, "max_page_count", pages).unwrap();
    let big_note = "가".repeat(200_000);
    let err = store
        .save_answer(id, "qs-dx-plan", Rater::Consultant, &AnswerChange { value: Some(json!("talk")), note: Some(big_note), ..Default::default() }, now())
        .expect_err("the save does not fit");
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("the disk is full") && message.contains("earlier changes are kept"), "{message}");
    // The workspace goes on working for what fits, and nothing earlier is lost.
    store.save_answer(id, "qs-dx-plan", Rater::Firm, &AnswerChange { note: Some("짧은 메모".into()), ..Default::default() }, now()).unwrap();
    drop(store);
    let mut reopened = Store::open(&path).unwrap();
    let answers = reopened.answers(id).unwrap();
    assert_eq!(answers.value("qs-dx-plan").map(|v| v.to_json()), Some(json!("list")), "the failed consultant rating was not half-written");
    assert!(answers.answers["qs-dx-plan"].consultant.is_none());
    assert_eq!(answers.value("qs-ai-use").map(|v| v.to_json()), Some(json!(["vision"])));
    assert_eq!(answers.answers["qs-dx-plan"].note.as_deref(), Some("짧은 메모"));
    let check: String = reopened.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_full_disk_during_an_import_writes_nothing_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.db")).unwrap();
    let id = fill(&mut store);
    let catalog = Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-quick-scan").unwrap();
    let mut answers = jindan::answers::Answers::new(q);
    for question in &q.questions {
        answers.answers.entry(question.id.clone()).or_default().note = Some("긴 메모 ".repeat(5_000));
    }
    let pages: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.connection().pragma_update(None, "max_page_count", pages + 2).unwrap();
    let err = store.import_answers(id, &answers, now()).expect_err("the import does not fit");
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    let records = store.answer_records(id).unwrap();
    assert_eq!(records.len(), 1, "only the answer saved before the import is there");
    assert_eq!(records[0].note.as_deref(), Some(NOTE));
}

#[test]
fn the_cli_names_the_broken_file_in_a_questionnaire_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("questionnaires");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(common::fixture("questionnaires/tiny.toml"), folder.join("good.toml")).unwrap();
    std::fs::copy(common::fixture("bad-questionnaires/syntax-error.toml"), folder.join("broken.toml")).unwrap();
    let db = dir.path().join("w.db");
    for args in [vec!["questionnaires"], vec!["template", "tiny"], vec!["assess", "new", "--org", "1", "--questionnaire", "tiny"]] {
        let out = assert_cmd::Command::cargo_bin("jindan")
            .unwrap()
            .env_remove("JINDAN_DB")
            .env_remove("JINDAN_QUESTIONNAIRES")
            .arg("--db")
            .arg(&db)
            .arg("--questionnaires")
            .arg(&folder)
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&folder.join("broken.toml").display().to_string()), "{args:?} names the file: {stderr}");
        assert!(stderr.contains("line ") && stderr.contains("column "), "{args:?} gives the place: {stderr}");
    }
    // The same folder through the environment variable, and a folder that does not exist.
    let out = assert_cmd::Command::cargo_bin("jindan").unwrap().env("JINDAN_QUESTIONNAIRES", &folder).arg("questionnaires").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.toml"));
    let missing = dir.path().join("no-such-folder");
    let out = assert_cmd::Command::cargo_bin("jindan").unwrap().env_remove("JINDAN_QUESTIONNAIRES").arg("--questionnaires").arg(&missing).arg("questionnaires").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no-such-folder") && !stderr.contains("panicked"), "{stderr}");
}

// ---- the fuzz corpus, replayed ----

#[path = "../fuzz/checks.rs"]
mod fuzz_checks;

/// Every input in the committed fuzz corpus and seeds goes through the same check as in the fuzz
/// targets (scripts/fuzz.sh), so a crash the fuzzer once found stays fixed without a fuzzer.
/// A fuzz target: its name, the check it runs, and the folders of seed inputs beside its corpus.
type FuzzTarget = (&'static str, fn(&[u8]), &'static [&'static str]);

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    let targets: [FuzzTarget; 4] = [
        ("questionnaire", fuzz_checks::questionnaire, &["questionnaires", "tests/fixtures/questionnaires", "tests/fixtures/bad-questionnaires"]),
        ("answers", fuzz_checks::answers, &["tests/fixtures/answers", "tests/fixtures/bad-answers"]),
        ("bundle", fuzz_checks::bundle, &["fuzz/seeds/bundle"]),
        ("benchmark", fuzz_checks::benchmark, &["fuzz/seeds/benchmark"]),
    ];
    for (target, check, seeds) in targets {
        let folders = std::iter::once(format!("fuzz/corpus/{target}")).chain(seeds.iter().map(|s| s.to_string()));
        let mut count = 0;
        for folder in folders {
            let Ok(entries) = std::fs::read_dir(common::root().join(&folder)) else { continue };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_file() {
                    let bytes = std::fs::read(&path).unwrap();
                    let outcome = std::panic::catch_unwind(|| check(&bytes));
                    assert!(outcome.is_ok(), "{target}: {} makes the check fail", path.display());
                    count += 1;
                }
            }
        }
        eprintln!("fuzz corpus {target}: {count} inputs replayed");
        assert!(count >= 2, "{target}: only {count} inputs");
    }
}

// ---- encryption at rest ----

const PASSPHRASE: &str = "공장-노트북-2026!";

#[test]
fn an_encrypted_workspace_shows_no_firm_data_in_its_file_or_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.db");
    let mut store = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    assert!(store.is_encrypted());
    fill(&mut store);
    // While open, the newest pages are in the write-ahead log: it is encrypted too.
    let wal = companion(&path, "-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    assert_unreadable(&wal);
    assert_unreadable(&path);
    drop(store);
    assert_unreadable(&path);
    assert_eq!(jindan::store::workspace_file_kind(&path).unwrap(), WorkspaceFileKind::Encrypted);
    assert!(jindan::store::workspace_needs_passphrase(&path));

    let mut reopened = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    let orgs = reopened.organizations(None).unwrap();
    assert_eq!(orgs[0].name, FIRM_NAME);
    let a = reopened.assessments(None).unwrap();
    assert_eq!(reopened.answers(a[0].id).unwrap().answers["qs-dx-plan"].note.as_deref(), Some(NOTE));
}

#[test]
fn a_missing_or_wrong_passphrase_is_refused_with_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.db");
    let mut store = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    fill(&mut store);
    drop(store);
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).err().expect("no passphrase");
    assert!(matches!(err, StoreError::PassphraseRequired { .. }), "{err}");
    assert!(err.to_string().contains("protected by a passphrase"), "{err}");
    assert!(err.is_bad_input());

    let err = Store::open_with_passphrase(&path, Some("공장-노트북-2025!")).err().expect("wrong passphrase");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }), "{err}");
    assert!(err.to_string().contains("the passphrase does not open this workspace"), "{err}");

    let err = Store::open_with_passphrase(&path, Some("")).err().expect("empty passphrase");
    assert!(err.is_bad_input(), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "a refused open changed the file");

    // A passphrase for an unencrypted workspace is refused too: it would protect nothing.
    let plain = dir.path().join("plain.db");
    Store::open(&plain).unwrap();
    let err = Store::open_with_passphrase(&plain, Some(PASSPHRASE)).err().expect("plain file with a passphrase");
    assert!(err.to_string().contains("not protected by a passphrase"), "{err}");
    // Garbage stays "not a workspace", with or without a passphrase.
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"just some text, not a database and not encrypted either").unwrap();
    assert!(matches!(Store::open_with_passphrase(&garbage, Some(PASSPHRASE)), Err(StoreError::NotAWorkspace { .. })));
    assert!(matches!(Store::open(&garbage), Err(StoreError::NotAWorkspace { .. })));
}

#[test]
fn encrypting_rekeying_and_decrypting_keep_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut store = Store::open(&path).unwrap();
    jindan::demo::load_demo(&mut store, &common::catalog(), now()).unwrap();
    let id = fill(&mut store);
    let snapshot = |store: &mut Store| {
        let orgs = store.organizations(None).unwrap();
        let assessments = store.assessments(None).unwrap();
        let answers: Vec<_> = assessments.iter().map(|a| store.answers(a.id).unwrap()).collect();
        (orgs, assessments, answers)
    };
    let before = snapshot(&mut store);
    assert!(contains(&std::fs::read(&path).unwrap(), "SQLite format 3"));

    store.set_passphrase(PASSPHRASE).unwrap();
    assert!(store.is_encrypted());
    assert_eq!(snapshot(&mut store), before, "encrypting kept everything");
    store.save_answer(id, "qs-ai-use", Rater::Firm, &AnswerChange { value: Some(json!(["genai"])), ..Default::default() }, now()).unwrap();
    drop(store);
    assert_unreadable(&path);
    assert!(!companion(&path, ".rekey-tmp").exists());
    assert!(matches!(Store::open(&path), Err(StoreError::PassphraseRequired { .. })));

    let mut store = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    let after_answer = snapshot(&mut store);
    store.set_passphrase("새 암호문 2027").unwrap();
    assert_eq!(snapshot(&mut store), after_answer, "rekeying kept everything");
    drop(store);
    assert!(matches!(Store::open_with_passphrase(&path, Some(PASSPHRASE)), Err(StoreError::WrongPassphrase { .. })));
    assert_unreadable(&path);

    let mut store = Store::open_with_passphrase(&path, Some("새 암호문 2027")).unwrap();
    store.remove_passphrase().unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(snapshot(&mut store), after_answer, "decrypting kept everything");
    drop(store);
    let mut plain = Store::open(&path).unwrap();
    assert_eq!(snapshot(&mut plain), after_answer);
    assert!(plain.remove_passphrase().unwrap_err().is_bad_input(), "an unencrypted workspace has no passphrase to remove");
    let check: String = plain.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn the_passphrase_is_not_changed_while_another_program_has_the_workspace_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut store = Store::open(&path).unwrap();
    fill(&mut store);
    let other = Store::open(&path).unwrap();
    let err = store.set_passphrase(PASSPHRASE).expect_err("another connection is open");
    assert!(err.to_string().contains("another program"), "{err}");
    // Both go on working, unencrypted.
    assert_eq!(other.organizations(None).unwrap().len(), 1);
    store.add_organization(&OrganizationInput { name: "둘째".into(), ..Default::default() }, now()).unwrap();
    assert_eq!(other.organizations(None).unwrap().len(), 2);
    drop(other);
    store.set_passphrase(PASSPHRASE).unwrap();
    assert_eq!(store.organizations(None).unwrap().len(), 2);
}

#[test]
fn backups_of_an_encrypted_workspace_stay_encrypted_with_the_same_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut store = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    fill(&mut store);
    let backup = dir.path().join("w-backup.db");
    store.backup_to(&backup).unwrap();
    assert_unreadable(&backup);
    assert!(matches!(Store::open(&backup), Err(StoreError::PassphraseRequired { .. })));
    let copy = Store::open_with_passphrase(&backup, Some(PASSPHRASE)).unwrap();
    assert_eq!(copy.organizations(None).unwrap()[0].name, FIRM_NAME);
    assert_eq!(copy.schema_version().unwrap(), jindan::store::migrations::latest_version());

    // The copy kept before a migration (NAME.vN.bak) is encrypted as well.
    let old = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
        conn.execute_batch(jindan::store::migrations::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO organizations (name, created_at, updated_at) VALUES (?1, 'x', 'x')", [FIRM_NAME]).unwrap();
    }
    let migrated = Store::open_with_passphrase(&old, Some(PASSPHRASE)).unwrap();
    assert_eq!(migrated.schema_version().unwrap(), jindan::store::migrations::latest_version());
    let kept = dir.path().join("old.v1.bak");
    assert_unreadable(&kept);
    assert!(matches!(Store::open(&kept), Err(StoreError::PassphraseRequired { .. })));
    let kept_store = rusqlite::Connection::open(&kept).unwrap();
    kept_store.pragma_update(None, "key", PASSPHRASE).unwrap();
    let version: i64 = kept_store.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1);
}

#[test]
fn answers_and_anonymized_bundles_export_from_an_encrypted_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let mut store = Store::open_with_passphrase(&path, Some(PASSPHRASE)).unwrap();
    let id = fill(&mut store);
    store.complete_assessment(id, now()).unwrap();
    let answers = store.answers(id).unwrap();
    let file = jindan::answers::answers_to_file(&answers);
    assert_eq!(file.answers["qs-dx-plan"], json!("list"));
    let org = store.organizations(None).unwrap()[0].id;
    exchange::give_consent(&store, org, now()).unwrap();
    let mut n = 0u64;
    let mut ids = move || -> Result<String, ExchangeError> {
        n += 1;
        Ok(format!("{n:032x}"))
    };
    let outcome = export_anonymized_bundle(&mut store, &ExportRequest::default(), &mut ids).unwrap();
    assert_eq!(outcome.bundle.content.assessments.len(), 1);
    let text = jindan::exchange::bundle::bundle_json(&outcome.bundle);
    assert!(!text.contains(FIRM_NAME) && !text.contains(BUSINESS_NUMBER));
}

fn cli(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("jindan").unwrap();
    cmd.env_remove("JINDAN_DB")
        .env_remove("JINDAN_QUESTIONNAIRES")
        .env_remove("JINDAN_PASSPHRASE")
        .env_remove("JINDAN_NEW_PASSPHRASE")
        .env("JINDAN_NOW", "2026-11-21T09:00:00Z")
        .arg("--db")
        .arg(db);
    cmd
}

fn stdout_of(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn the_cli_reads_the_passphrase_from_a_file_or_the_environment_and_encrypts_decrypts_and_rekeys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).unwrap();
    let new_pass = dir.path().join("new-pass.txt");
    std::fs::write(&new_pass, "두번째 암호\r\n").unwrap();

    // A plain workspace, then protected.
    let org = stdout_of(&cli(&db).args(["org", "add", "--name", FIRM_NAME]).output().unwrap());
    assert_eq!(org, "1");
    let out = cli(&db).args(["workspace", "encrypt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "encrypt needs a passphrase");
    stdout_of(&cli(&db).arg("--passphrase-file").arg(&pass).args(["workspace", "encrypt"]).output().unwrap());
    assert_unreadable(&db);
    assert!(stdout_of(&cli(&db).args(["workspace", "status"]).output().unwrap()).ends_with("protected by a passphrase"));

    // Without the passphrase: exit 2 and a message that says how to give it.
    let out = cli(&db).args(["org", "list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("protected by a passphrase") && stderr.contains("--passphrase-file"), "{stderr}");
    // A wrong one: exit 2, the plain sentence.
    let out = cli(&db).env("JINDAN_PASSPHRASE", "틀린 암호").args(["org", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the passphrase does not open this workspace"));
    // From the environment, from a file and from standard input.
    assert!(stdout_of(&cli(&db).env("JINDAN_PASSPHRASE", PASSPHRASE).args(["org", "list"]).output().unwrap()).contains(FIRM_NAME));
    assert!(stdout_of(&cli(&db).arg("--passphrase-file").arg(&pass).args(["org", "list"]).output().unwrap()).contains(FIRM_NAME));
    let out = cli(&db).args(["--passphrase-file", "-", "org", "list"]).write_stdin(format!("{PASSPHRASE}\n")).output().unwrap();
    assert!(stdout_of(&out).contains(FIRM_NAME));

    // Rekey: the old passphrase stops working, the new one works.
    stdout_of(&cli(&db).arg("--passphrase-file").arg(&pass).args(["workspace", "rekey", "--new-passphrase-file"]).arg(&new_pass).output().unwrap());
    assert_eq!(cli(&db).arg("--passphrase-file").arg(&pass).args(["org", "list"]).output().unwrap().status.code(), Some(2));
    let out = cli(&db).env("JINDAN_PASSPHRASE", "두번째 암호").args(["assess", "new", "--org", "1", "--questionnaire", "kr-mfg-quick-scan"]).output().unwrap();
    let assessment = stdout_of(&out);
    let out = cli(&db).env("JINDAN_PASSPHRASE", "두번째 암호").args(["assess", "answer", &assessment, "qs-dx-plan", "list", "--note", NOTE]).output().unwrap();
    stdout_of(&out);
    assert_unreadable(&db);
    let export = dir.path().join("answers.json");
    stdout_of(&cli(&db).env("JINDAN_PASSPHRASE", "두번째 암호").args(["assess", "export", &assessment, "--out"]).arg(&export).output().unwrap());
    assert!(std::fs::read_to_string(&export).unwrap().contains(NOTE));

    // Decrypt: readable again, and no passphrase is needed (or accepted) any more.
    stdout_of(&cli(&db).env("JINDAN_PASSPHRASE", "두번째 암호").args(["workspace", "decrypt"]).output().unwrap());
    assert!(stdout_of(&cli(&db).args(["org", "list"]).output().unwrap()).contains(FIRM_NAME));
    assert!(stdout_of(&cli(&db).args(["workspace", "status"]).output().unwrap()).ends_with("not protected by a passphrase"));
    assert_eq!(cli(&db).env("JINDAN_PASSPHRASE", PASSPHRASE).args(["org", "list"]).output().unwrap().status.code(), Some(2));

    // A new workspace created with a passphrase is encrypted from the start.
    let fresh = dir.path().join("fresh.db");
    stdout_of(&cli(&fresh).arg("--passphrase-file").arg(&pass).args(["org", "add", "--name", FIRM_NAME_ASCII]).output().unwrap());
    assert_unreadable(&fresh);
    // An empty passphrase file is refused.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    assert_eq!(cli(&fresh).arg("--passphrase-file").arg(&empty).args(["org", "list"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn acknowledged_answers_in_an_encrypted_workspace_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let bin = assert_cmd::cargo::cargo_bin("jindan");
    let command = |args: &[&str]| {
        let mut cmd = std::process::Command::new(&bin);
        cmd.arg("--db").arg(&db).args(args).env_remove("JINDAN_DB").env("JINDAN_PASSPHRASE", PASSPHRASE);
        cmd
    };
    let run = |args: &[&str]| stdout_of(&command(args).output().unwrap());
    run(&["org", "add", "--name", FIRM_NAME]);
    let assessment = run(&["assess", "new", "--org", "1", "--questionnaire", "kr-mfg-ai-readiness"]);
    let outcome = common::answer_and_kill(&command, &assessment, 60, 20261122);
    let (killed, finished) = (outcome.killed, outcome.finished);
    eprintln!("encrypted crash test: {killed} processes killed, {finished} finished and acknowledged");
    assert!(killed > 5 && finished > 5, "the timing should both kill and finish runs ({killed} killed, {finished} finished)");
    let mut store = Store::open_with_passphrase(&db, Some(PASSPHRASE)).expect("the workspace opens after the crashes");
    let check: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let answers = store.answers(assessment.parse().unwrap()).unwrap();
    common::assert_acknowledged_kept(&answers, &outcome);
    drop(store);
    assert_unreadable(&db);
}

// ---- privacy of published benchmarks ----

/// One "all" or a value per attribute; `None` for a firm without the attribute.
type Key = [Option<Option<u8>>; 3];

/// Centre records of `firms` firms with attributes drawn the way Korean manufacturing is spread:
/// a few common divisions, bands and regions and a long tail of rare ones (the rare ones are the
/// unique combinations an attacker would look for), some firms without a head count or region.
fn generated_centre(seed: u64, firms: usize) -> Vec<CenterRecord> {
    let mut random = Lcg(seed);
    let ksic: Vec<u8> = (10..=34).collect();
    let ksic_weights: Vec<u64> = ksic.iter().map(|d| match d { 25 | 29 => 20, 26 | 22 | 30 | 28 => 10, 20 | 10 | 24 => 5, _ => 1 }).collect();
    let sido_weights: Vec<u64> = jindan::firm::SIDO.iter().map(|(ko, _)| match *ko { "경기" => 25, "경남" | "대구" | "경북" | "부산" => 10, "인천" | "충남" | "울산" => 6, _ => 1 }).collect();
    let band_weights = [30u64, 40, 15, 10, 5];
    let mut records = Vec::new();
    for f in 0..firms {
        let division = ksic[random.weighted(&ksic_weights)];
        let band = (random.below(20) != 0).then(|| jindan::firm::EMPLOYEE_BANDS[random.weighted(&band_weights)].2.to_string());
        let sido = (random.below(25) != 0).then(|| jindan::firm::SIDO[random.weighted(&sido_weights)].0.to_string());
        let rounds = 1 + random.below(2) as u32;
        for round in 1..=rounds {
            let score = |r: &mut Lcg| {
                let s = r.below(1000) as f64 / 10.0;
                ScoreAndLevel { level: Some((s / 20.0) as u8), score: Some(s) }
            };
            records.push(CenterRecord {
                assessment_id: format!("{:016x}{:016x}", f, round),
                firm: format!("{f:032x}"),
                questionnaire_id: "generated".into(),
                questionnaire_version: "1.0".into(),
                questionnaire_hash: "g".repeat(64),
                year: 2025 + round as i32,
                round,
                attributes: FirmAttributes { ksic_division: Some(division), employee_band: band.clone(), sido: sido.clone() },
                overall: score(&mut random),
                dimensions: BTreeMap::from([("a".to_string(), score(&mut random)), ("b".to_string(), score(&mut random))]),
            });
        }
    }
    records
}

/// Linear algebra modulo a large prime: is a vector a combination of the published rows? A
/// count an outsider can compute by adding and subtracting published cells is exactly one whose
/// indicator vector (over the true, finest cells) lies in the span of the published cells'.
struct Span {
    /// Rows in echelon form with their pivot column.
    rows: Vec<(usize, Vec<u64>)>,
}

const P: u64 = 2_147_483_647;

fn inverse(a: u64) -> u64 {
    let (mut result, mut base, mut e) = (1u64, a % P, P - 2);
    while e > 0 {
        if e & 1 == 1 {
            result = result * base % P;
        }
        base = base * base % P;
        e >>= 1;
    }
    result
}

impl Span {
    fn new() -> Span {
        Span { rows: Vec::new() }
    }

    /// Reduces `v` by the rows; what is left is zero iff `v` is in the span.
    fn reduce(&self, mut v: Vec<u64>) -> Vec<u64> {
        for (pivot, row) in &self.rows {
            let factor = v[*pivot];
            if factor != 0 {
                for (x, r) in v.iter_mut().zip(row) {
                    *x = (*x + P - factor * r % P) % P;
                }
            }
        }
        v
    }

    fn add(&mut self, v: Vec<u64>) {
        let v = self.reduce(v);
        if let Some(pivot) = v.iter().position(|&x| x != 0) {
            let scale = inverse(v[pivot]);
            let row: Vec<u64> = v.iter().map(|x| x * scale % P).collect();
            // Keep earlier rows reduced at the new pivot, so one pass of `reduce` is enough.
            for (_, other) in &mut self.rows {
                let factor = other[pivot];
                if factor != 0 {
                    for (x, r) in other.iter_mut().zip(&row) {
                        *x = (*x + P - factor * r % P) % P;
                    }
                }
            }
            self.rows.push((pivot, row));
        }
    }

    fn contains(&self, v: &[u64]) -> bool {
        self.reduce(v.to_vec()).iter().all(|&x| x == 0)
    }
}

fn key_of(r: &CenterRecord) -> Key {
    let band = r.attributes.employee_band.as_deref().and_then(|b| jindan::firm::EMPLOYEE_BANDS.iter().position(|x| x.2 == b)).map(|i| i as u8);
    let sido = r.attributes.sido.as_deref().and_then(|s| jindan::firm::SIDO.iter().position(|x| x.0 == s)).map(|i| i as u8);
    [Some(r.attributes.ksic_division), Some(band), Some(sido)]
}

/// Whether cell `cell` (None = all) holds the finest cell `base`.
fn covers(cell: &Key, base: &Key) -> bool {
    cell.iter().zip(base).all(|(c, b)| c.is_none() || c == b)
}

/// Every roll-up of a finest cell: each attribute kept or set to "all".
fn roll_ups(base: &Key) -> Vec<Key> {
    (0..8u8)
        .map(|mask| {
            let mut key = *base;
            for (a, slot) in key.iter_mut().enumerate() {
                if mask & (1 << a) != 0 {
                    *slot = None;
                }
            }
            key
        })
        .collect()
}

/// The finest cell of each firm's latest assessment (as the publisher counts firms), with counts.
fn latest_keys(records: &[CenterRecord]) -> BTreeMap<Key, usize> {
    let mut latest: BTreeMap<&str, &CenterRecord> = BTreeMap::new();
    for r in records {
        let e = latest.entry(&r.firm).or_insert(r);
        if (r.round, r.year) > (e.round, e.year) {
            *e = r;
        }
    }
    let mut finest: BTreeMap<Key, usize> = BTreeMap::new();
    for r in latest.values() {
        *finest.entry(key_of(r)).or_default() += 1;
    }
    finest
}

/// What an outsider could learn from published cells (key, stated firm count): cells below k,
/// wrong counts, and every group of 1..k−1 firms whose count the published counts determine.
fn check_publication(finest: &BTreeMap<Key, usize>, published: &[(Key, usize)], k: usize) -> Vec<String> {
    let bases: Vec<Key> = finest.keys().copied().collect();
    let count = |cell: &Key| -> usize { bases.iter().filter(|b| covers(cell, b)).map(|b| finest[b]).sum() };
    let vector = |cell: &Key| -> Vec<u64> { bases.iter().map(|b| u64::from(covers(cell, b))).collect() };
    let mut found = Vec::new();
    let mut span = Span::new();
    for (key, firms) in published {
        if *firms < k {
            found.push(format!("cell {key:?} is published with {firms} firms, fewer than k = {k}"));
        }
        if *firms != count(key) {
            found.push(format!("cell {key:?} says {firms} firms but holds {}", count(key)));
        }
        span.add(vector(key));
    }
    // Groups an outsider might single out: every cell of the lattice (each finest cell and all
    // its roll-ups), and every cell minus one of its sub-cells (e.g. "the firms of 대구 outside
    // division 29").
    let lattice: BTreeSet<Key> = bases.iter().flat_map(roll_ups).collect();
    let small = |n: usize| n >= 1 && n < k;
    for cell in &lattice {
        let n = count(cell);
        if small(n) && span.contains(&vector(cell)) {
            found.push(format!("cell {cell:?} with {n} firm(s) can be worked out from the published cells"));
        }
        for sub in lattice.iter().filter(|s| *s != cell && covers(cell, s)) {
            let rest = n - count(sub);
            if small(rest) {
                let v: Vec<u64> = vector(cell).iter().zip(vector(sub)).map(|(a, b)| (a + P - b) % P).collect();
                if span.contains(&v) {
                    found.push(format!("{cell:?} minus {sub:?} leaves {rest} firm(s) and can be worked out"));
                }
            }
        }
    }
    found
}

/// Publishes generated records and checks the file as an outsider would use it.
fn disclosures(records: &[CenterRecord], k: u32) -> (Vec<String>, usize, usize) {
    let options = PublishOptions { k, published_on: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), published_by: None };
    let (file, _) = publish_benchmarks(records, &Catalog::default(), &options).unwrap();
    let finest = latest_keys(records);
    let published: Vec<(Key, usize)> = file
        .content
        .cells
        .iter()
        .map(|c| {
            let band = c.employee_band.as_deref().and_then(|b| jindan::firm::EMPLOYEE_BANDS.iter().position(|x| x.2 == b)).map(|i| Some(i as u8));
            let sido = c.sido.as_deref().and_then(|s| jindan::firm::SIDO.iter().position(|x| x.0 == s)).map(|i| Some(i as u8));
            ([c.ksic_division.map(Some), band, sido], c.firms as usize)
        })
        .collect();
    let lattice = finest.keys().flat_map(roll_ups).collect::<BTreeSet<Key>>().len();
    (check_publication(&finest, &published, k as usize), published.len(), lattice)
}

#[test]
fn the_outsider_check_finds_a_disclosure_when_cells_are_published_naively() {
    // Publishing every cell of k or more firms, without the publisher's suppression against
    // differencing, must be caught: the check is only worth something if it can fail.
    let records = generated_centre(3, 90);
    let latest = latest_keys(&records);
    let mut naive = Vec::new();
    for cell in latest.keys().flat_map(roll_ups).collect::<BTreeSet<Key>>() {
        let n: usize = latest.iter().filter(|(b, _)| covers(&cell, b)).map(|(_, n)| n).sum();
        if n >= 5 && cell.iter().all(|slot| *slot != Some(None)) {
            naive.push((cell, n));
        }
    }
    let found = check_publication(&latest, &naive, 5);
    assert!(!found.is_empty(), "a naive publication of {} cells was not caught", naive.len());
}

#[test]
fn no_published_benchmark_cell_singles_out_a_firm_even_by_any_combination_of_cells() {
    let mut report = Vec::new();
    for (seed, firms, k) in [(1u64, 12usize, 3u32), (2, 40, 5), (3, 90, 5), (4, 150, 3), (5, 250, 5), (6, 400, 5), (7, 400, 10)] {
        let records = generated_centre(seed, firms);
        let (found, published, lattice) = disclosures(&records, k);
        eprintln!("seed {seed}: {firms} firms, k = {k}: {published} of {lattice} cells published, {} disclosures", found.len());
        report.extend(found.into_iter().map(|f| format!("seed {seed}, {firms} firms, k = {k}: {f}")));
    }
    assert!(report.is_empty(), "published benchmarks reveal small groups:\n{}", report.join("\n"));
}

#[test]
fn a_unique_firm_is_never_published_on_its_own() {
    // One firm alone in a rare division, band and region among many common ones.
    let mut records = generated_centre(11, 120);
    let mut lonely = records[0].clone();
    lonely.firm = format!("{:032x}", 999_999);
    lonely.assessment_id = format!("{:032x}", 999_999);
    lonely.attributes = FirmAttributes { ksic_division: Some(12), employee_band: Some("300+".into()), sido: Some("제주".into()) };
    records.push(lonely);
    let options = PublishOptions { k: 5, published_on: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), published_by: None };
    let (file, _) = publish_benchmarks(&records, &Catalog::default(), &options).unwrap();
    for c in &file.content.cells {
        assert!(c.firms >= 5);
        assert!(!(c.ksic_division == Some(12) && (c.employee_band.is_some() || c.sido.is_some())), "the lonely firm's combination is published: {c:?}");
    }
    let (found, _, _) = disclosures(&records, 5);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Two benchmark files published a while apart by the same centre: an outsider who has both can
/// subtract one from the other. When exactly one firm joined a cell in between, the difference of
/// the two published means is that firm's score. The publisher works on one file at a time, so
/// this is a known limit, recorded in RELIABILITY.md; the test shows it and is not run by default.
/// Two publications of a centre, the second after `joined` firms joined (each a copy of a firm
/// of KSIC division 25 under a new pseudonym); the second is published with the first in the
/// ledger, unless `naive`.
fn two_publications(joined: usize, naive: bool) -> (jindan::exchange::BenchmarkFile, jindan::exchange::BenchmarkFile, Vec<CenterRecord>, Vec<CenterRecord>) {
    let before = generated_centre(21, 200);
    let mut after = before.clone();
    let mut new_firms = Vec::new();
    for (n, template) in before.iter().filter(|r| r.attributes.ksic_division == Some(25)).take(joined).enumerate() {
        let mut firm = template.clone();
        firm.firm = format!("{:032x}", 777_777 + n);
        firm.assessment_id = format!("{:032x}", 777_777 + n);
        after.push(firm.clone());
        new_firms.push(firm);
    }
    let first_day = PublishOptions { k: 5, published_on: NaiveDate::from_ymd_opt(2026, 10, 21).unwrap(), published_by: None };
    let second_day = PublishOptions { published_on: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), ..first_day.clone() };
    let (first, _, ledger) = publish_benchmarks_after(&before, &Catalog::default(), &first_day, &[]).unwrap();
    let earlier = if naive { Vec::new() } else { vec![ledger] };
    let (second, _, _) = publish_benchmarks_after(&after, &Catalog::default(), &second_day, &earlier).unwrap();
    (first, second, new_firms, before)
}

fn cell_key(c: &jindan::exchange::BenchmarkCell) -> Key {
    let band = c.employee_band.as_deref().and_then(|b| jindan::firm::EMPLOYEE_BANDS.iter().position(|x| x.2 == b)).map(|i| Some(i as u8));
    let sido = c.sido.as_deref().and_then(|s| jindan::firm::SIDO.iter().position(|x| x.0 == s)).map(|i| Some(i as u8));
    [c.ksic_division.map(Some), band, sido]
}

/// What an outsider holding both files can work out, by any combination of additions and
/// subtractions of their cells' counts. The unknowns are the firms of each finest cell that were
/// there before and those that joined; a cell of the first file counts the former, a cell of the
/// second with its own figures both. Groups tried: in every lattice cell, its newcomers, its
/// firms before and its firms after, and each of those minus the same of any sub-cell.
fn check_two_publications(before: &[CenterRecord], joined: &[CenterRecord], first: &jindan::exchange::BenchmarkFile, second: &jindan::exchange::BenchmarkFile, k: usize) -> Vec<String> {
    let (old, new) = (latest_keys(before), latest_keys(joined));
    let bases: Vec<Key> = old.keys().chain(new.keys()).copied().collect::<BTreeSet<_>>().into_iter().collect();
    // Columns: (finest cell, was there before) then (finest cell, joined).
    let counts: Vec<usize> = bases.iter().map(|b| old.get(b).copied().unwrap_or(0)).chain(bases.iter().map(|b| new.get(b).copied().unwrap_or(0))).collect();
    let vector = |cell: &Key, before_part: bool, joined_part: bool| -> Vec<u64> {
        bases.iter().map(|b| u64::from(before_part && covers(cell, b))).chain(bases.iter().map(|b| u64::from(joined_part && covers(cell, b)))).collect()
    };
    let mut span = Span::new();
    for c in &first.content.cells {
        span.add(vector(&cell_key(c), true, false));
    }
    for c in &second.content.cells {
        // A repeated cell carries the first file's figures: nothing new.
        let fresh = c.as_of.is_none();
        span.add(vector(&cell_key(c), true, fresh));
    }
    let size = |v: &[u64]| -> usize { v.iter().zip(&counts).map(|(x, n)| if *x == 1 { *n } else { 0 }).sum() };
    let lattice: BTreeSet<Key> = bases.iter().flat_map(roll_ups).collect();
    let small = |n: usize| n >= 1 && n < k;
    let mut found = Vec::new();
    for cell in &lattice {
        for (name, b, j) in [("newcomers", false, true), ("firms before", true, false), ("firms after", true, true)] {
            let v = vector(cell, b, j);
            if small(size(&v)) && span.contains(&v) {
                found.push(format!("the {name} of {cell:?} ({}) can be worked out", size(&v)));
            }
            for sub in lattice.iter().filter(|s| *s != cell && covers(cell, s)) {
                let w: Vec<u64> = v.iter().zip(vector(sub, b, j)).map(|(a, x)| (a + P - x) % P).collect();
                if small(size(&w)) && span.contains(&w) {
                    found.push(format!("the {name} of {cell:?} minus {sub:?} ({}) can be worked out", size(&w)));
                }
            }
        }
    }
    found
}

type CellId = (Option<u8>, Option<String>, Option<String>);

/// Per cell: firms and overall mean, of the cells with figures of their own publication.
fn fresh_cells(f: &jindan::exchange::BenchmarkFile) -> HashMap<CellId, (u32, f64)> {
    f.content.cells.iter().filter(|c| c.as_of.is_none()).map(|c| ((c.ksic_division, c.employee_band.clone(), c.sido.clone()), (c.firms, c.overall.mean))).collect()
}

/// The outsider's estimates of the newcomer's overall score from every cell that grew by
/// exactly one firm: (n + 1) × new mean − n × old mean.
fn newcomer_estimates(first: &jindan::exchange::BenchmarkFile, second: &jindan::exchange::BenchmarkFile) -> Vec<(u32, CellId, f64)> {
    let (a, b) = (fresh_cells(first), fresh_cells(second));
    let mut estimates: Vec<(u32, CellId, f64)> = a
        .iter()
        .filter_map(|(key, (n, old))| b.get(key).filter(|(m, _)| *m == n + 1).map(|(_, new)| (*n, key.clone(), f64::from(n + 1) * new - f64::from(*n) * old)))
        .collect();
    estimates.sort_by_key(|x| x.0);
    estimates
}

#[test]
fn without_the_ledger_two_publications_reveal_the_firm_that_joined_in_between() {
    // The attack the ledger stops, shown to work: published naively, cells that grew by one
    // firm give the newcomer's score away.
    let (first, second, joined, before) = two_publications(1, true);
    let truth = joined[0].overall.score.unwrap();
    let estimates = newcomer_estimates(&first, &second);
    assert!(estimates.iter().any(|(_, _, e)| (e - truth).abs() < 1.0), "naive publications should reveal {truth}: {estimates:?}");
    assert!(!check_two_publications(&before, &joined, &first, &second, 5).is_empty(), "the outsider check should find the newcomer");
}

#[test]
fn two_publications_a_month_apart_do_not_reveal_the_firms_that_joined_in_between() {
    for joined in 1..=4 {
        let (first, second, new_firms, before) = two_publications(joined, false);
        let found = check_two_publications(&before, &new_firms, &first, &second, 5);
        assert!(found.is_empty(), "{joined} joined: {found:?}");
        // No cell gets new figures that differ from its earlier ones by 1 to k − 1 firms.
        let (a, b) = (fresh_cells(&first), fresh_cells(&second));
        for (key, (n, _)) in &b {
            if let Some((m, _)) = a.get(key) {
                let change = n.abs_diff(*m);
                assert!(change == 0 || change >= 5, "{joined} joined: cell {key:?} went from {m} to {n} firms with new figures");
            }
        }
        let truth = new_firms[0].overall.score.unwrap();
        let estimates = newcomer_estimates(&first, &second);
        assert!(estimates.is_empty(), "{joined} joined: the newcomer's score is {truth}; cells that grew by one firm: {estimates:?}");
        // The cells held back still serve the firms in them, with their earlier figures.
        let repeated: Vec<_> = second.content.cells.iter().filter(|c| c.as_of.is_some()).collect();
        assert!(!repeated.is_empty(), "{joined} joined: held-back cells should repeat their earlier figures");
        for cell in repeated {
            assert_eq!(cell.as_of.as_deref(), Some("2026-10-21"));
            let same = first.content.cells.iter().find(|c| (c.ksic_division, &c.employee_band, &c.sido) == (cell.ksic_division, &cell.employee_band, &cell.sido)).unwrap();
            assert_eq!((same.firms, same.overall, &same.dimensions), (cell.firms, cell.overall, &cell.dimensions));
        }
        let all = second.content.cells.iter().find(|c| c.ksic_division.is_none() && c.employee_band.is_none() && c.sido.is_none()).unwrap();
        assert_eq!(all.firms, 200, "{joined} joined: the all-firms cell keeps its earlier figures");
    }
    // Five newcomers are k firms: the cells they changed may get new figures.
    let (first, second, new_firms, before) = two_publications(5, false);
    let found = check_two_publications(&before, &new_firms, &first, &second, 5);
    assert!(found.is_empty(), "5 joined: {found:?}");
    let all = second.content.cells.iter().find(|c| c.ksic_division.is_none() && c.employee_band.is_none() && c.sido.is_none()).unwrap();
    assert_eq!((all.firms, all.as_of.as_deref()), (205, None));
}

#[test]
fn a_firm_reassessed_between_publications_keeps_its_change_to_itself() {
    let before = generated_centre(22, 200);
    let options = PublishOptions { k: 5, published_on: NaiveDate::from_ymd_opt(2026, 10, 21).unwrap(), published_by: None };
    let (first, _, ledger) = publish_benchmarks_after(&before, &Catalog::default(), &options, &[]).unwrap();
    // One firm of a well-filled division is assessed again a year later, 20 points higher.
    let firm = before.iter().filter(|r| r.attributes.ksic_division == Some(25)).max_by_key(|r| r.round).unwrap().clone();
    let mut again = firm.clone();
    again.assessment_id = format!("{:032x}", 888_888);
    again.round = firm.round + 1;
    again.year = firm.year + 1;
    again.overall.score = firm.overall.score.map(|s| (s + 20.0).min(100.0));
    for d in again.dimensions.values_mut() {
        d.score = d.score.map(|s| (s + 20.0).min(100.0));
    }
    let mut after = before.clone();
    after.push(again);
    let (second, report, _) = publish_benchmarks_after(&after, &Catalog::default(), &options, &[ledger]).unwrap();
    assert!(report.cells_held_back_since_earlier > 0);
    // Every cell the firm stands in either keeps its earlier figures or was not in the first file:
    // no two sets of figures over the same firms but this one's new scores.
    let first_cells = fresh_cells(&first);
    let key = key_of(&firm);
    for c in second.content.cells.iter().filter(|c| c.as_of.is_none()) {
        let k = cell_key(c);
        if covers(&k, &key) {
            assert!(!first_cells.contains_key(&(c.ksic_division, c.employee_band.clone(), c.sido.clone())), "cell {k:?} has new figures beside its old ones");
        }
    }
}
