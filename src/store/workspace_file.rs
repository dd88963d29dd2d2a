//! Workspace files as files: checking that one is a Jindan workspace without changing it, checking
//! where a new one may be made, and replacing the open workspace with a backup (restore) while
//! keeping a copy of what it held.

use super::{migrations, Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::Path;

/// What a workspace file holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceFileSummary {
    pub schema_version: i64,
    pub organizations: i64,
    pub assessments: i64,
}

fn not_a_workspace(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::NotAWorkspace { path: path.display().to_string(), reason: reason.into() }
}

/// Reads a workspace file read-only and says what it holds. A missing file, a file that is not
/// SQLite, a SQLite file of another program and one written by a newer Jindan are refused; the
/// file is never changed.
pub fn inspect_workspace_file(path: &Path) -> Result<WorkspaceFileSummary> {
    if !path.is_file() {
        return Err(not_a_workspace(path, "there is no such file"));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| not_a_workspace(path, e.to_string()))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| not_a_workspace(path, e.to_string()))?;
    let known = migrations::latest_version();
    if version > known {
        return Err(StoreError::TooNew { path: path.display().to_string(), found: version, known });
    }
    if version == 0 {
        return Err(not_a_workspace(path, "it has no Jindan schema version"));
    }
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| not_a_workspace(path, format!("it has no readable {table} table ({e})")))
    };
    Ok(WorkspaceFileSummary { schema_version: version, organizations: count("organizations")?, assessments: count("assessments")? })
}

/// Checks that a new workspace may be made at `path`: nothing is there yet and its folder exists.
pub fn check_new_workspace_path(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(StoreError::BadInput("no file name was given for the new workspace".into()));
    }
    if path.exists() {
        return Err(StoreError::BadInput(format!("{} already exists; open it instead, or choose a new file name", path.display())));
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) if !folder.is_dir() => Err(StoreError::BadInput(format!("the folder {} does not exist", folder.display()))),
        _ => Ok(()),
    }
}

impl Store {
    /// Replaces this workspace's contents with those of the workspace file `source` (a backup),
    /// after writing a copy of the current contents to `keep_copy_at` (which must not exist).
    ///
    /// `source` is checked first and only read; if anything fails after the copy is kept, the
    /// current file is opened again, so that the store is never left closed. The replacement is
    /// written beside the current file and renamed over it, so the file is either the old or
    /// the new workspace, never half of each. An older backup is migrated on opening, as usual.
    pub fn replace_with_backup(&mut self, source: &Path, keep_copy_at: &Path) -> Result<WorkspaceFileSummary> {
        let summary = inspect_workspace_file(source)?;
        let current = Path::new(&self.path).to_path_buf();
        if self.path == ":memory:" {
            return Err(StoreError::BadInput("a workspace in memory cannot be restored into".into()));
        }
        if source.canonicalize().ok() == current.canonicalize().ok() {
            return Err(StoreError::BadInput("that file is the workspace already open".into()));
        }
        self.backup_to(keep_copy_at)?;
        let incoming = current.with_extension("restoring");
        let _ = std::fs::remove_file(&incoming);
        // VACUUM INTO writes a consistent, self-contained copy even when the backup still has
        // a write-ahead log beside it.
        let copy = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.execute("VACUUM INTO ?1", [incoming.display().to_string()]).map(drop))
            .map_err(|e| StoreError::Backup { path: incoming.display().to_string(), reason: e.to_string() });
        if let Err(e) = copy {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
        // Close the current connection (which checkpoints its log) before the file is replaced.
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory().map_err(super::sql(":memory:"))?);
        let closing = closed.close().map_err(|(_, e)| super::sql(&self.path)(e));
        let replaced = closing.and_then(|()| {
            for suffix in ["-wal", "-shm"] {
                let mut side = current.clone().into_os_string();
                side.push(suffix);
                let _ = std::fs::remove_file(side);
            }
            std::fs::rename(&incoming, &current).map_err(|e| StoreError::Backup { path: current.display().to_string(), reason: e.to_string() })
        });
        let _ = std::fs::remove_file(&incoming);
        *self = Store::open(&current)?;
        replaced.map(|()| summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OrganizationInput;
    use chrono::{TimeZone, Utc};

    fn firm(name: &str) -> OrganizationInput {
        OrganizationInput { name: name.into(), ..Default::default() }
    }

    #[test]
    fn inspecting_refuses_what_is_not_a_workspace_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(inspect_workspace_file(&dir.path().join("missing.db")), Err(StoreError::NotAWorkspace { .. })));
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just some words in a file").unwrap();
        assert!(matches!(inspect_workspace_file(&text), Err(StoreError::NotAWorkspace { .. })));
        assert_eq!(std::fs::read_to_string(&text).unwrap(), "not a database at all, just some words in a file");
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(inspect_workspace_file(&foreign), Err(StoreError::NotAWorkspace { .. })));
        let newer = dir.path().join("newer.db");
        Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 999").unwrap();
        assert!(matches!(inspect_workspace_file(&newer), Err(StoreError::TooNew { .. })));

        let good = dir.path().join("good.db");
        let store = Store::open(&good).unwrap();
        store.add_organization(&firm("한빛"), Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()).unwrap();
        let summary = inspect_workspace_file(&good).unwrap();
        assert_eq!((summary.organizations, summary.assessments), (1, 0));
        assert_eq!(summary.schema_version, migrations::latest_version());
    }

    #[test]
    fn new_workspace_paths() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_new_workspace_path(&dir.path().join("new.db")).is_ok());
        assert!(check_new_workspace_path(&dir.path().join("no-such-folder").join("new.db")).is_err());
        let existing = dir.path().join("existing.db");
        std::fs::write(&existing, b"x").unwrap();
        assert!(check_new_workspace_path(&existing).is_err());
        assert!(check_new_workspace_path(Path::new("")).is_err());
    }

    #[test]
    fn restoring_a_backup_keeps_a_copy_of_the_current_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut store = Store::open(&dir.path().join("workspace.db")).unwrap();
        store.add_organization(&firm("백업 전 기업"), now).unwrap();
        let backup = dir.path().join("backup.db");
        store.backup_to(&backup).unwrap();
        store.add_organization(&firm("백업 후 기업"), now).unwrap();

        let kept = dir.path().join("workspace.before-restore.db");
        let summary = store.replace_with_backup(&backup, &kept).unwrap();
        assert_eq!(summary.organizations, 1);
        let names: Vec<String> = store.organizations(None).unwrap().into_iter().map(|o| o.name).collect();
        assert_eq!(names, ["백업 전 기업"]);
        // The workspace stays usable, and what it held before is in the kept copy.
        store.add_organization(&firm("복원 후 기업"), now).unwrap();
        assert_eq!(inspect_workspace_file(&kept).unwrap().organizations, 2);
        assert!(!dir.path().join("workspace.restoring").exists());
    }

    #[test]
    fn a_bad_backup_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut store = Store::open(&dir.path().join("workspace.db")).unwrap();
        store.add_organization(&firm("그대로"), now).unwrap();
        let garbage = dir.path().join("garbage.db");
        std::fs::write(&garbage, vec![7u8; 4096]).unwrap();
        let kept = dir.path().join("kept.db");
        assert!(store.replace_with_backup(&garbage, &kept).is_err());
        assert!(!kept.exists(), "nothing is written before the backup is checked");
        assert_eq!(store.organizations(None).unwrap().len(), 1);
        let itself = dir.path().join("workspace.db");
        assert!(store.replace_with_backup(&itself, &kept).is_err());
    }
}
