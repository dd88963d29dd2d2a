//! `jindan workspace …`: protecting a workspace with a passphrase, changing it, removing it.
//!
//! The passphrase of the workspace is read from `--passphrase-file FILE` (`-` for standard
//! input) or the environment variable `JINDAN_PASSPHRASE`; a new passphrase for `rekey` from
//! `--new-passphrase-file FILE` or `JINDAN_NEW_PASSPHRASE`. Never from the command line itself,
//! where other users of the machine could read it in the process list.

use super::{bad_input, runtime, Outcome, Workspace};
use anyhow::anyhow;
use clap::Subcommand;
use jindan::store::Store;
use std::path::{Path, PathBuf};

/// Environment variable holding the workspace's passphrase.
pub const PASSPHRASE_VARIABLE: &str = "JINDAN_PASSPHRASE";

/// Environment variable holding the new passphrase for `workspace rekey`.
pub const NEW_PASSPHRASE_VARIABLE: &str = "JINDAN_NEW_PASSPHRASE";

#[derive(Subcommand)]
pub enum WorkspaceCommand {
    /// Protect the workspace with a passphrase (from --passphrase-file or JINDAN_PASSPHRASE).
    Encrypt,
    /// Remove the passphrase: the workspace is written unencrypted again.
    Decrypt,
    /// Replace the passphrase with a new one.
    Rekey {
        /// A file holding the new passphrase (`-` for standard input); or set JINDAN_NEW_PASSPHRASE.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Say where the workspace is and whether it is protected by a passphrase.
    Status,
}

/// Reads a passphrase from a file (`-` for standard input), without its final line break.
pub fn read_passphrase_file(path: &Path) -> Result<String, super::Failure> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| bad_input(anyhow!("cannot read the passphrase from standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| bad_input(anyhow!("{}: cannot read the passphrase file: {e}", path.display())))?
    };
    let passphrase = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text).to_string();
    if passphrase.is_empty() {
        return Err(bad_input(anyhow!("{}: the passphrase file is empty", path.display())));
    }
    Ok(passphrase)
}

/// A passphrase from a file if one is named, else from an environment variable, else none.
pub fn passphrase_from(file: Option<&Path>, variable: &str) -> Result<Option<String>, super::Failure> {
    match file {
        Some(path) => read_passphrase_file(path).map(Some),
        None => Ok(std::env::var(variable).ok().filter(|p| !p.is_empty())),
    }
}

pub fn workspace(ctx: &Workspace, cmd: WorkspaceCommand) -> Outcome {
    let path = ctx.db_path()?;
    match cmd {
        WorkspaceCommand::Encrypt => {
            let passphrase = ctx.passphrase()?.ok_or_else(|| {
                bad_input(anyhow!("give the new passphrase with --passphrase-file FILE or the environment variable {PASSPHRASE_VARIABLE}"))
            })?;
            let mut store = Store::open_with_passphrase(&path, None)?;
            store.set_passphrase(&passphrase)?;
            println!("{} is now protected by a passphrase", store.path());
            warn_about_unprotected_copies(&path);
            Ok(())
        }
        WorkspaceCommand::Decrypt => {
            let mut store = ctx.store()?;
            store.remove_passphrase()?;
            println!("{} is no longer protected by a passphrase", store.path());
            Ok(())
        }
        WorkspaceCommand::Rekey { new_passphrase_file } => {
            let new = passphrase_from(new_passphrase_file.as_deref(), NEW_PASSPHRASE_VARIABLE)?.ok_or_else(|| {
                bad_input(anyhow!("give the new passphrase with --new-passphrase-file FILE or the environment variable {NEW_PASSPHRASE_VARIABLE}"))
            })?;
            let mut store = ctx.store()?;
            if !store.is_encrypted() {
                return Err(bad_input(anyhow!("{} is not protected by a passphrase; use `jindan workspace encrypt`", store.path())));
            }
            store.set_passphrase(&new)?;
            println!("the passphrase of {} was changed", store.path());
            Ok(())
        }
        WorkspaceCommand::Status => {
            let kind = jindan::store::workspace_file_kind(&path).map_err(|e| runtime(anyhow!("{}: cannot read the file: {e}", path.display())))?;
            let state = match kind {
                jindan::store::WorkspaceFileKind::Missing => "does not exist yet",
                jindan::store::WorkspaceFileKind::Plain => "not protected by a passphrase",
                jindan::store::WorkspaceFileKind::Encrypted => "protected by a passphrase",
                jindan::store::WorkspaceFileKind::Truncated { .. } => "damaged (cut short)",
                jindan::store::WorkspaceFileKind::Unknown => "not a Jindan workspace",
            };
            println!("{}: {state}", path.display());
            Ok(())
        }
    }
}

/// Copies made before encryption (migration backups `NAME.vN.bak`) are still unencrypted.
fn warn_about_unprotected_copies(path: &Path) {
    let (Some(folder), Some(stem)) = (path.parent(), path.file_stem().and_then(|s| s.to_str())) else { return };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut copies: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bak"))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{stem}.v"))))
        .filter(|p| matches!(jindan::store::workspace_file_kind(p), Ok(jindan::store::WorkspaceFileKind::Plain)))
        .map(|p| p.display().to_string())
        .collect();
    copies.sort();
    if !copies.is_empty() {
        eprintln!("warning: these earlier copies are not protected; delete them or keep them somewhere safe: {}", copies.join(", "));
    }
}
