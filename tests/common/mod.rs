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
