//! What the shell keeps for the lifetime of the window: the open workspace (or why it could not
//! be opened) and the questionnaire catalogue.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use jindan::questionnaire::Catalog;
use jindan::store::{Store, StoreError};

use crate::error::AppError;
use crate::transport::{WorkspaceProblem, WorkspaceStatus};
use crate::workspace;

/// The workspace the app works on: where it is, and the open store or why it is not open.
pub struct Workspace {
    /// The workspace file, or why there is none (no user-data folder).
    pub path: Result<PathBuf, AppError>,
    /// The open store, or the reason opening failed.
    pub store: Result<Store, WorkspaceProblem>,
    /// Something the user should know about how this workspace was chosen.
    pub notice: Option<workspace::StartNotice>,
}

impl Workspace {
    /// Opens the workspace at `path`; a failure is kept, in plain words, for the UI to show.
    pub fn open(path: Result<PathBuf, AppError>, notice: Option<workspace::StartNotice>) -> Workspace {
        let store = match &path {
            Ok(path) => Store::open(path).map_err(|error| WorkspaceProblem::from_store_error(&error)),
            Err(error) => Err(WorkspaceProblem::no_location(error)),
        };
        Workspace { path, store, notice }
    }
}

/// Shared state handed to commands through `tauri::State`.
pub struct AppState {
    workspace: Mutex<Workspace>,
    /// The questionnaires an assessment can be started with, loaded once.
    catalog: Result<Catalog, AppError>,
}

impl AppState {
    /// Opens the workspace chosen by `workspace::start_location` and loads the catalogue.
    pub fn start() -> AppState {
        let (path, notice) = workspace::start_location();
        AppState {
            workspace: Mutex::new(Workspace::open(path, notice)),
            catalog: workspace::questionnaire_catalog(workspace::questionnaire_folder().as_deref()),
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Workspace>, AppError> {
        // A panic while the lock was held leaves the store as SQLite left it: every write is its
        // own transaction, so carrying on is safe.
        Ok(self.workspace.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// Runs `action` on the open store, or says why there is none.
    pub fn with_store<T>(&self, action: impl FnOnce(&mut Store) -> Result<T, AppError>) -> Result<T, AppError> {
        let mut workspace = self.lock()?;
        match &mut workspace.store {
            Ok(store) => action(store),
            Err(problem) => Err(AppError::storage(problem.message.clone())),
        }
    }

    /// Runs `action` on the store with the catalogue beside it.
    pub fn with_store_and_catalog<T>(&self, action: impl FnOnce(&mut Store, &Catalog) -> Result<T, AppError>) -> Result<T, AppError> {
        let catalog = self.catalog()?;
        self.with_store(|store| action(store, catalog))
    }

    /// The questionnaire catalogue, or why it could not be loaded.
    pub fn catalog(&self) -> Result<&Catalog, AppError> {
        self.catalog.as_ref().map_err(Clone::clone)
    }

    /// Where the workspace is and whether it is open.
    pub fn workspace_status(&self) -> Result<WorkspaceStatus, AppError> {
        Ok(WorkspaceStatus::of(&*self.lock()?))
    }

    /// Opens the current workspace with its passphrase. A wrong passphrase leaves it locked.
    pub fn unlock(&self, passphrase: &str) -> Result<WorkspaceStatus, AppError> {
        let mut workspace = self.lock()?;
        let path = workspace.path.clone()?;
        let store = Store::open_with_passphrase(&path, Some(passphrase))?;
        workspace.store = Ok(store);
        Ok(WorkspaceStatus::of(&workspace))
    }

    /// Replaces the open workspace with the one at `path` once `check` accepts the path, and
    /// remembers it for the next start. On failure the current workspace stays open.
    pub fn switch_workspace(&self, path: &Path, check: impl FnOnce(&Path) -> Result<(), StoreError>) -> Result<WorkspaceStatus, AppError> {
        // A workspace protected by a passphrase cannot be read until it is given: it becomes the
        // workspace, locked, and the window asks for the passphrase.
        if jindan::store::workspace_needs_passphrase(path) {
            let locked = StoreError::PassphraseRequired { path: path.display().to_string() };
            let mut workspace = self.lock()?;
            *workspace = Workspace { path: Ok(path.to_path_buf()), store: Err(WorkspaceProblem::from_store_error(&locked)), notice: None };
            workspace::remember_location(path);
            return Ok(WorkspaceStatus::of(&workspace));
        }
        check(path)?;
        let store = Store::open(path)?;
        let mut workspace = self.lock()?;
        *workspace = Workspace { path: Ok(path.to_path_buf()), store: Ok(store), notice: None };
        workspace::remember_location(path);
        Ok(WorkspaceStatus::of(&workspace))
    }
}
