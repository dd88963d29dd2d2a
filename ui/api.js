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

/**
 * Invokes a Rust command; shows the error banner and rethrows on failure. With `quiet`, the
 * banner stays hidden: the screen shows the problem itself (e.g. beside a form field).
 */
export async function call(command, args = {}, { quiet = false } = {}) {
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
    if (!quiet) showError(error);
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

/** The app's version, database location and process id: `{ version, db_path, process_id }`. */
export function appInfo() {
  return call('app_info');
}

/**
 * Tells the shell the first screen has painted (used to time a cold start), with the page's marks
 * in ms since the Unix epoch.
 */
export function firstScreenReady(marks) {
  return call('first_screen_ready', { marks }, { quiet: true });
}

// ---- workspace ----

/** `{ path, open, problem: { reason, message } | null, notice }`. */
export function workspaceStatus() {
  return call('workspace_status');
}

export function openWorkspace(path) {
  return call('open_workspace', { path });
}

/** Opens the workspace that needs a passphrase; a wrong one is reported to the caller only. */
export function unlockWorkspace(passphrase) {
  return call('unlock_workspace', { passphrase }, { quiet: true });
}

export function createWorkspace(path) {
  return call('create_workspace', { path });
}

export function backupWorkspace(path) {
  return call('backup_workspace', { path });
}

/** Replaces the workspace with a backup; `{ kept_copy, organizations, assessments }`. */
export function restoreWorkspace(path) {
  return call('restore_workspace', { path });
}

export function loadDemoWorkspace() {
  return call('load_demo_workspace');
}

// ---- firms ----

/** Firms matching `search` (all when empty), each with its assessments. */
export function workspaceOverview(search) {
  return call('workspace_overview_list', { search: search || null });
}

export function firmReferenceLists() {
  return call('firm_reference_lists');
}

/** `{ valid, formatted, problem: { ko, en } | null }`. */
export function checkBusinessNumber(input) {
  return call('check_business_number', { input }, { quiet: true });
}

export function getOrganization(id) {
  return call('get_organization', { id: Number(id) });
}

/** Problems per field: `[{ field, message: { ko, en } }]`. */
export function checkOrganization(input, id) {
  return call('check_organization', { input, id: id == null ? null : Number(id) });
}

export function saveOrganization(input, id) {
  return call('save_organization', { input, id: id == null ? null : Number(id) });
}

export function deleteOrganization(id) {
  return call('delete_organization', { id: Number(id) });
}

export function setConsent(id, consent) {
  return call('set_consent', { id: Number(id), consent });
}

// ---- assessments ----

export function createAssessment({ organizationId, questionnaire, mode, assessor }) {
  return call('create_assessment', { organizationId: Number(organizationId), questionnaire, mode, assessor: assessor || null });
}

export function createReassessment({ previousId, mode, assessor }) {
  return call('create_reassessment', { previousId: Number(previousId), mode, assessor: assessor || null });
}

export function deleteAssessment(id) {
  return call('delete_assessment', { id: Number(id) });
}

export function answeringView(id) {
  return call('answering_view', { id: Number(id) });
}

/** Saves one change; `{ saved_at, state }`. The caller shows failures beside the question. */
export function saveAnswer(id, question, rater, change) {
  return call('save_answer', { id: Number(id), question, rater, change }, { quiet: true });
}

export function resultsView(id) {
  return call('results_view', { id: Number(id) });
}

export function completeAssessment(id) {
  return call('complete_assessment', { id: Number(id) });
}

export function reopenAssessment(id) {
  return call('reopen_assessment', { id: Number(id) });
}

export function firmHistory(organizationId, before, after) {
  return call('firm_history', {
    organizationId: Number(organizationId),
    before: before == null ? null : Number(before),
    after: after == null ? null : Number(after),
  });
}

/** The questionnaires an assessment can be started with, without their questions. */
export function listQuestionnaires() {
  return call('list_questionnaires');
}

// ---- plan, report, peers and the regional centre ----

/**
 * The improvement plan of an assessment for `targets` ({ dimension: level }), with its actions.
 * `peers` ('median' | 'upper_quartile' | null) first raises every target to similar firms' level.
 */
export function planView(assessmentId, targets = {}, peers = null) {
  return call('plan_view', { assessmentId: Number(assessmentId), targets, peers });
}

/** Scores before → after once `steps` are done. */
export function whatIfView(assessmentId, steps) {
  return call('what_if_view', { assessmentId: Number(assessmentId), steps });
}

/** Makes an action per plan step (existing ones stay); all the assessment's actions. */
export function createPlanActions(assessmentId, targets = {}, peers = null) {
  return call('create_plan_actions', { assessmentId: Number(assessmentId), targets, peers });
}

/** Changes an action: `{ owner?, due_date?, status?, note? }`. The row shows failures itself. */
export function updateAction(id, change) {
  return call('update_action', { id: Number(id), change }, { quiet: true });
}

/** Renders the report and writes it to `path`; `{ path, fingerprint, fingerprint_short, pages, bytes }`. */
export function writeReport(assessmentId, lang, path, targets = {}, peers = null) {
  return call('write_report', { assessmentId: Number(assessmentId), lang, path, targets, peers });
}

/** "You vs firms like you", or null when no benchmark is installed for it. */
export function peerComparison(assessmentId) {
  return call('peer_comparison', { assessmentId: Number(assessmentId) }, { quiet: true });
}

/** The workspace's firms with their consent: `{ firms: [{ organization_id, name, consented }] }`. */
export function exportChoices() {
  return call('export_choices');
}

/** Writes an anonymized bundle of the chosen consenting firms to `path`; sealed with `passphrase` when given. */
export function exportAnonymized(path, organizations, passphrase = '') {
  return call('export_anonymized', { path, organizations: organizations.map(Number), passphrase: passphrase || null });
}

/**
 * Imports bundle files or folders; sealed ones open with `passphrase`. Progress arrives as the
 * event `centre-import-progress`.
 */
export function centreImport(paths, passphrase = '') {
  return call('centre_import', { paths, passphrase: passphrase || null });
}

export function centreDashboard() {
  return call('centre_dashboard');
}

/** Publishes benchmarks; `[files written, report]`. */
export function centrePublish(path, k, by) {
  return call('centre_publish', { path, k: Number(k), by: by || null });
}

export function installBenchmarkFile(path) {
  return call('install_benchmark_file', { path });
}
