// Calls into the Rust shell. Every failure arrives as { kind, message }; this module turns it
// into the error banner, in plain words, and rethrows it so a screen can react too.

import { t } from './i18n.js';

const KNOWN_KINDS = ['bad_input', 'not_found', 'storage', 'internal'];

/** An error from a command, with the same shape as the Rust `AppError`. */
export class AppError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'AppError';
    this.kind = KNOWN_KINDS.includes(kind) ? kind : 'internal';
  }
}

/** Converts whatever a rejected invoke gives (an object, a string, an Error) into an AppError. */
export function toAppError(reason) {
  if (reason instanceof AppError) return reason;
  if (reason && typeof reason === 'object' && typeof reason.kind === 'string') {
    return new AppError(reason.kind, String(reason.message ?? ''));
  }
  if (reason instanceof Error) return new AppError('internal', reason.message);
  return new AppError('internal', String(reason ?? ''));
}

/** Invokes a Rust command; shows the error banner and rethrows on failure. */
export async function call(command, args = {}) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (!invoke) {
    const error = new AppError('internal', t('error.no_tauri'));
    showError(error);
    throw error;
  }
  try {
    return await invoke(command, args);
  } catch (reason) {
    const error = toAppError(reason);
    showError(error);
    throw error;
  }
}

/** Shows an error in the banner at the top of the content area. */
export function showError(error) {
  const appError = toAppError(error);
  const banner = document.getElementById('error-banner');
  if (!banner) return;
  banner.dataset.kind = appError.kind;
  document.getElementById('error-banner-title').textContent = t(`error.${appError.kind}`);
  document.getElementById('error-banner-message').textContent = appError.message;
  banner.hidden = false;
}

/** Hides the error banner. */
export function clearError() {
  const banner = document.getElementById('error-banner');
  if (banner) banner.hidden = true;
}

/** The app's version and database location: `{ version, db_path }`. */
export function appInfo() {
  return call('app_info');
}

/** The questionnaires an assessment can be started with, without their questions. */
export function listQuestionnaires() {
  return call('list_questionnaires');
}
