// Choosing, making, backing up and restoring workspace files through the system's file dialogs.
// The paths are checked in Rust; this module only asks the user for them.

import * as api from './api.js';
import { t } from './i18n.js';
import { renderCurrentScreen } from './router.js';

const FILTERS = () => [{ name: t('workspace.filter'), extensions: ['db', 'jindan', 'sqlite'] }];

function dialogs() {
  return window.__TAURI__?.dialog;
}

/** "20260301" for file names suggested in save dialogs. */
function today() {
  const now = new Date();
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
}

/** The plain-words reason a workspace could not be opened. */
export function workspaceProblemText(problem) {
  const reason = problem?.reason ?? 'cannot_open';
  return t(`workspace.problem.${reason}`);
}

/** Asks for an existing workspace file and opens it; resolves with the new status or null. */
export async function chooseWorkspaceToOpen() {
  const path = await dialogs()?.open({ multiple: false, directory: false, filters: FILTERS(), title: t('workspace.open') });
  if (!path) return null;
  const status = await api.openWorkspace(path);
  await renderCurrentScreen();
  return status;
}

/** Asks where to make a new workspace file and opens it; resolves with the new status or null. */
export async function chooseWorkspaceToCreate() {
  const path = await dialogs()?.save({ defaultPath: 'jindan-workspace.db', filters: FILTERS(), title: t('workspace.create') });
  if (!path) return null;
  const status = await api.createWorkspace(path);
  await renderCurrentScreen();
  return status;
}

/** Asks where to save a backup and writes it; resolves with the path or null. */
export async function chooseBackupTarget() {
  const path = await dialogs()?.save({ defaultPath: `jindan-backup-${today()}.db`, filters: FILTERS(), title: t('settings.backup.action') });
  if (!path) return null;
  await api.backupWorkspace(path);
  return path;
}

/** Asks for a backup file to restore from; resolves with the path or null. */
export async function chooseBackupSource() {
  const path = await dialogs()?.open({ multiple: false, directory: false, filters: FILTERS(), title: t('settings.restore.action') });
  return path || null;
}
