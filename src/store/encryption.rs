//! Encryption at rest: a workspace protected by a passphrase (SQLCipher).
//!
//! A consultant carries many firms' confidential data on one laptop; a lost laptop should not
//! give that data away. With a passphrase, every page of the workspace file and of its
//! write-ahead log is encrypted (AES-256, key derived from the passphrase by SQLCipher's
//! PBKDF2-HMAC-SHA512); without it the file is random bytes.
//!
//! Adding, changing or removing the passphrase writes a complete new copy of the workspace with
//! the new key beside the old file (`sqlcipher_export`), checks the copy, and only then moves it
//! over the old file in one rename. A crash at any moment leaves either the old file or the new
//! one, never half of each. The copy is made while no other program has the workspace open: the
//! store leaves WAL mode first, which SQLite allows only to the last connection.

use super::{Result, Store, StoreError};
use rusqlite::{params, Connection};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The first 16 bytes of every unencrypted SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a workspace file is, judged from its first bytes before SQLite opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceFileKind {
    /// No file, or an empty one: opening creates a new workspace.
    Missing,
    /// An unencrypted SQLite database.
    Plain,
    /// An unencrypted SQLite database cut short: its header counts more bytes than the file has
    /// (an interrupted copy or download).
    Truncated { expected_bytes: u64, actual_bytes: u64 },
    /// Whole pages of random-looking bytes: a database encrypted with a passphrase.
    Encrypted,
    /// Anything else (a text file, a damaged download, …).
    Unknown,
}

/// Looks at a workspace file without opening it as a database.
///
/// An encrypted SQLCipher file starts with a random salt instead of the SQLite header and is
/// made of whole pages (512 to 65,536 bytes, powers of two), so a file that lacks the header but
/// is a whole number of 512-byte blocks, at least two, is taken to be encrypted.
///
/// An unencrypted file is checked against the database size its header records (valid when the
/// header's change counter matches its version-valid-for number, as SQLite itself decides). The
/// check is skipped while a write-ahead log lies beside the file, because pages waiting in the
/// log may legitimately be missing from the main file after a crash during a checkpoint.
pub fn workspace_file_kind(path: &Path) -> std::io::Result<WorkspaceFileKind> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(WorkspaceFileKind::Missing),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(WorkspaceFileKind::Missing);
    }
    let mut head = [0u8; 100];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read >= SQLITE_HEADER.len() && head.starts_with(SQLITE_HEADER) {
        let wal_waiting = std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0);
        if read == head.len() && !wal_waiting {
            let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
            let page_size = match u16::from_be_bytes([head[16], head[17]]) {
                1 => 65_536,
                n => u64::from(n),
            };
            let pages = u64::from(be32(28));
            if be32(24) == be32(92) && pages > 0 && page_size >= 512 && pages * page_size > len {
                return Ok(WorkspaceFileKind::Truncated { expected_bytes: pages * page_size, actual_bytes: len });
            }
        }
        return Ok(if read == head.len() { WorkspaceFileKind::Plain } else { WorkspaceFileKind::Truncated { expected_bytes: 512, actual_bytes: len } });
    }
    Ok(if len >= 1024 && len % 512 == 0 { WorkspaceFileKind::Encrypted } else { WorkspaceFileKind::Unknown })
}

/// Whether the workspace file at `path` needs a passphrase to open (for a UI that asks first).
pub fn workspace_needs_passphrase(path: &Path) -> bool {
    matches!(workspace_file_kind(path), Ok(WorkspaceFileKind::Encrypted))
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.is_empty() {
        return Err(StoreError::BadInput("an empty passphrase protects nothing; choose a passphrase or leave the workspace unprotected".into()));
    }
    Ok(())
}

/// Gives the connection its key. SQLCipher requires this before anything else touches the file.
fn apply_key(conn: &Connection, path: &str, passphrase: Option<&str>) -> Result<()> {
    if let Some(p) = passphrase {
        // SQLCipher logs a failed page check to standard error by itself; a wrong passphrase is
        // reported as `WrongPassphrase` instead, in the user's words.
        conn.execute_batch("PRAGMA cipher_log_level = NONE").map_err(|e| super::sqlite_error(path, e))?;
        conn.pragma_update(None, "key", p).map_err(|e| super::sqlite_error(path, e))?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating if needed) a workspace, protected by `passphrase` when one is given. A new
    /// workspace opened with a passphrase is encrypted from its first byte.
    ///
    /// Errors: an encrypted file without a passphrase is `PassphraseRequired`; a passphrase that
    /// does not decrypt it is `WrongPassphrase`; a passphrase for an unencrypted workspace is
    /// refused as bad input (it would not protect anything, and silently ignoring it would let
    /// the user believe the file is encrypted).
    pub fn open_with_passphrase(path: &Path, passphrase: Option<&str>) -> Result<Store> {
        let display = path.display().to_string();
        if let Some(p) = passphrase {
            check_passphrase(p)?;
        }
        let kind = workspace_file_kind(path).map_err(|e| super::io_error(&display, "cannot read the file", e))?;
        match (kind, passphrase) {
            (WorkspaceFileKind::Encrypted, None) => return Err(StoreError::PassphraseRequired { path: display }),
            (WorkspaceFileKind::Plain, Some(_)) => {
                return Err(StoreError::BadInput(format!("{display} is not protected by a passphrase, so it opens without one")));
            }
            (WorkspaceFileKind::Truncated { expected_bytes, actual_bytes }, _) => {
                return Err(StoreError::NotAWorkspace {
                    path: display,
                    reason: format!(
                        "the file is cut short: it has {actual_bytes} bytes where its header records {expected_bytes} (an interrupted copy?); it was not changed — use a complete copy or a backup"
                    ),
                });
            }
            _ => {}
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| super::io_error(&display, "cannot create its folder", e))?;
        }
        let conn = Connection::open(path).map_err(|e| super::sqlite_error(&display, e))?;
        apply_key(&conn, &display, passphrase)?;
        if kind == WorkspaceFileKind::Encrypted {
            // The first read decrypts page 1: a wrong key fails here and nowhere later.
            if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
                return Err(match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::NotADatabase) => StoreError::WrongPassphrase { path: display },
                    _ => super::sqlite_error(&display, e),
                });
            }
        }
        Store::init(conn, display, Some(path), passphrase.map(String::from))
    }

    /// Whether this workspace is protected by a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Protects the workspace with `passphrase`, or replaces its passphrase (rekey). The whole
    /// file is rewritten; see the module doc for why a crash cannot lose it.
    pub fn set_passphrase(&mut self, passphrase: &str) -> Result<()> {
        check_passphrase(passphrase)?;
        self.rewrite_with_key(Some(passphrase))
    }

    /// Removes the passphrase: the workspace is written unencrypted again.
    pub fn remove_passphrase(&mut self) -> Result<()> {
        if self.key.is_none() {
            return Err(StoreError::BadInput(format!("{} is not protected by a passphrase", self.path)));
        }
        self.rewrite_with_key(None)
    }

    /// Copies the whole database into `target` (which must not exist) under `key` (None for an
    /// unencrypted copy), with the same schema version.
    pub(super) fn export_with_key(&self, target: &Path, key: Option<&str>) -> Result<()> {
        let target_text = target.display().to_string();
        let failed = |e: rusqlite::Error| StoreError::Backup { path: target_text.clone(), reason: super::describe_sqlite_error(&e) };
        let version = self.schema_version()?;
        self.conn.execute("ATTACH DATABASE ?1 AS jindan_copy KEY ?2", params![target_text, key.unwrap_or("")]).map_err(failed)?;
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('jindan_copy')", [], |_| Ok(()))
            .and_then(|()| self.conn.execute_batch(&format!("PRAGMA jindan_copy.user_version = {version}")));
        let detached = self.conn.execute_batch("DETACH DATABASE jindan_copy");
        exported.map_err(failed)?;
        detached.map_err(failed)?;
        Ok(())
    }

    fn rewrite_with_key(&mut self, new_key: Option<&str>) -> Result<()> {
        let Some(file) = self.file.clone() else {
            return Err(StoreError::BadInput("a workspace in memory has no file to protect".into()));
        };
        let temporary = with_suffix(&file, ".rekey-tmp");
        remove_if_present(&temporary).map_err(|e| super::io_error(&self.path, "cannot remove an unfinished copy from an earlier attempt", e))?;
        // Leaving WAL mode needs every other connection gone: this is the check that no other
        // program (the app, another command) still has the workspace open and could go on
        // writing to the old file after it is replaced.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| super::sqlite_error(&self.path, e))?;
        if !mode.eq_ignore_ascii_case("delete") {
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
            return Err(StoreError::BadInput(format!(
                "another program has {} open; close it (the app or another command) and try again",
                self.path
            )));
        }
        let copied = self.export_with_key(&temporary, new_key).and_then(|()| verify_copy(&temporary, new_key, self.schema_version()?));
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&temporary);
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
            return Err(e);
        }
        // Close this connection (on Windows an open file cannot be replaced), swap, reopen.
        let old_key = self.key.take();
        let placeholder = Connection::open_in_memory().map_err(|e| super::sqlite_error(":memory:", e))?;
        let old = std::mem::replace(&mut self.conn, placeholder);
        if let Err((_, e)) = old.close() {
            let _ = std::fs::remove_file(&temporary);
            *self = Store::open_with_passphrase(&file, old_key.as_deref())?;
            return Err(super::sqlite_error(&self.path, e));
        }
        let swapped = std::fs::rename(&temporary, &file).and_then(|()| sync_folder(&file));
        match swapped {
            Ok(()) => {
                // A leftover shared-memory index of the old file must not meet the new one.
                let _ = remove_if_present(&with_suffix(&file, "-shm"));
                *self = Store::open_with_passphrase(&file, new_key)?;
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&temporary);
                *self = Store::open_with_passphrase(&file, old_key.as_deref())?;
                Err(super::io_error(&self.path, "cannot replace the workspace file with the re-encrypted copy", e))
            }
        }
    }
}

/// Opens the fresh copy on its own and checks it completely before it replaces anything.
fn verify_copy(path: &Path, key: Option<&str>, version: i64) -> Result<()> {
    let text = path.display().to_string();
    let failed = |reason: String| StoreError::Backup { path: text.clone(), reason };
    let conn = Connection::open(path).map_err(|e| failed(super::describe_sqlite_error(&e)))?;
    apply_key(&conn, &text, key)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| failed(super::describe_sqlite_error(&e)))?;
    let copied_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| failed(super::describe_sqlite_error(&e)))?;
    if check != "ok" || copied_version != version {
        return Err(failed(format!("the new copy does not check out (integrity: {check}, schema {copied_version} instead of {version})")));
    }
    drop(conn);
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| failed(e.to_string()))
}

/// The file's name with `suffix` appended: `workspace.db` → `workspace.db-shm`.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a rename durable: on Unix the folder entry itself must reach the disk.
fn sync_folder(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::File::open(parent)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}
