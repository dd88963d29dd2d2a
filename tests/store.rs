//! The workspace database: migrations, refusal of foreign files, autosave, frozen questionnaires.

mod common;

use chrono::{TimeZone, Utc};
use jindan::answers::Rater;
use jindan::store::{migrations, AnswerChange, Mode, NewAssessment, OrganizationInput, Store, StoreError};
use serde_json::json;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn firm() -> OrganizationInput {
    OrganizationInput { name: "시험공업".into(), business_number: Some("220-81-62517".into()), ksic_division: Some(25), employees: Some(40), sido: Some("Busan".into()), ..Default::default() }
}

#[test]
fn a_new_workspace_is_at_the_latest_schema_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/w.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    let mode: String = store.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.connection().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    drop(store);
    // Opening again changes nothing.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
}

#[test]
fn every_migration_applies_in_order_from_every_earlier_version() {
    for start in 0..migrations::latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for (i, step) in migrations::MIGRATIONS.iter().enumerate().take(start as usize) {
                conn.execute_batch(step).unwrap();
                conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
        if start > 0 {
            assert!(dir.path().join(format!("w.v{start}.bak")).exists(), "a backup is kept before migrating from {start}");
        }
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 999, .. }), "{err}");
    assert!(err.to_string().contains("newer version"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn garbage_and_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database, just some text that is long enough to look like a header.......").unwrap();
    let before = std::fs::read(&garbage).unwrap();
    let err = Store::open(&garbage).err().expect("refused");
    assert!(matches!(err, StoreError::NotAWorkspace { .. }), "{err}");
    assert_eq!(std::fs::read(&garbage).unwrap(), before);

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE customers (id INTEGER);").unwrap();
    let err = Store::open(&foreign).err().expect("refused");
    assert!(err.to_string().contains("not a Jindan workspace"), "{err}");
}

#[test]
fn each_answer_is_durable_and_visible_to_another_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let catalog = common::catalog();
    let q = catalog.find("tiny").unwrap();
    let mut store = Store::open(&path).unwrap();
    let org = store.add_organization(&firm(), now()).unwrap();
    let id = store
        .create_assessment(&NewAssessment { organization_id: org, questionnaire: q, mode: Mode::Consultant, assessor: None, previous_id: None }, now())
        .unwrap();
    store.save_answer(id, "collect", Rater::Firm, &AnswerChange { value: Some(json!("auto")), note: Some("메모".into()), ..Default::default() }, now()).unwrap();
    // A second, independent connection (as after a crash and restart) sees it at once.
    let mut other = Store::open(&path).unwrap();
    let answers = other.answers(id).unwrap();
    assert_eq!(answers.value("collect").map(|v| v.to_json()), Some(json!("auto")));
    assert_eq!(answers.answers["collect"].note.as_deref(), Some("메모"));

    // A refused value changes nothing.
    let err = store.save_answer(id, "collect", Rater::Firm, &AnswerChange { value: Some(json!("robot")), ..Default::default() }, now()).unwrap_err();
    assert!(err.is_bad_input());
    assert_eq!(other.answers(id).unwrap().value("collect").map(|v| v.to_json()), Some(json!("auto")));

    // A note alone keeps the value; clearing keeps the note.
    store.save_answer(id, "collect", Rater::Firm, &AnswerChange { note: Some("새 메모".into()), ..Default::default() }, now()).unwrap();
    assert_eq!(other.answers(id).unwrap().value("collect").map(|v| v.to_json()), Some(json!("auto")));
    store.save_answer(id, "collect", Rater::Firm, &AnswerChange { clear_value: true, ..Default::default() }, now()).unwrap();
    let a = other.answers(id).unwrap();
    assert!(a.value("collect").is_none());
    assert_eq!(a.answers["collect"].note.as_deref(), Some("새 메모"));
}

#[test]
fn an_assessment_keeps_its_frozen_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let catalog = common::catalog();
    let q = catalog.find("tiny").unwrap();
    let mut store = Store::open(&path).unwrap();
    let org = store.add_organization(&firm(), now()).unwrap();
    let id = store
        .create_assessment(&NewAssessment { organization_id: org, questionnaire: q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, now())
        .unwrap();
    let frozen = store.questionnaire_of(id).unwrap();
    assert_eq!(frozen.content_hash, q.content_hash);
    assert_eq!(frozen.source, q.source);
    let a = store.assessment(id).unwrap();
    assert_eq!((a.questionnaire_id.as_str(), a.questionnaire_version.as_str()), ("tiny", "1.0.0"));
}

#[test]
fn firms_are_validated_and_searchable() {
    let store = Store::open_in_memory().unwrap();
    let id = store.add_organization(&firm(), now()).unwrap();
    let o = store.organization(id).unwrap();
    assert_eq!(o.sido.as_deref(), Some("부산"));
    assert_eq!(o.business_number.as_deref(), Some("2208162517"));
    assert_eq!(store.organizations(Some("220-81")).unwrap().len(), 1);
    assert_eq!(store.organizations(Some("부산")).unwrap().len(), 1);
    assert!(store.organizations(Some("nothing")).unwrap().is_empty());
    let blank = OrganizationInput { name: "  ".into(), ..Default::default() };
    assert!(store.add_organization(&blank, now()).unwrap_err().is_bad_input());
}

#[test]
fn backup_writes_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("w.db")).unwrap();
    store.add_organization(&firm(), now()).unwrap();
    let copy = dir.path().join("copy.db");
    store.backup_to(&copy).unwrap();
    assert_eq!(Store::open(&copy).unwrap().organizations(None).unwrap().len(), 1);
    assert!(store.backup_to(&copy).is_err(), "an existing file is never overwritten");
}
