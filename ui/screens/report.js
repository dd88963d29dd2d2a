// Report ("#/report/12"): makes the assessment's PDF report in Korean or English, saves it where
// the user chooses (the system's save dialog; the path is checked and the file written in Rust)
// and opens it in the system's viewer. Shows the data fingerprint and page count afterwards.

import * as api from '../api.js';
import { pageHeader, statusBadge } from '../components.js';
import { assessmentPicker } from '../components/assessment-picker.js';
import { append, element } from '../dom.js';
import { formatDate } from '../format.js';
import { format, language, localized, t } from '../i18n.js';
import { savedPeers, savedTargets } from './plan.js';

/** "20260301" for suggested file names. */
function today() {
  const now = new Date();
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
}

/** A file name without characters file systems refuse. */
function fileSafe(text) {
  return text.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'jindan';
}


export async function render(container, params) {
  if (!params[0]) {
    append(container,
      pageHeader({ title: t('nav.report'), subtitle: t('report.subtitle') }),
      await assessmentPicker('report', { id: 'report-picker' }));
    return;
  }
  const id = Number(params[0]);
  const results = await api.resultsView(id);
  const a = results.assessment;
  let reportLanguage = language();

  const languageButtons = ['ko', 'en'].map((code) => element('button', {
    type: 'button', class: 'segmented-option', id: `report-lang-${code}`, 'aria-pressed': String(code === reportLanguage),
    on: {
      click: () => {
        reportLanguage = code;
        for (const b of languageButtons) b.setAttribute('aria-pressed', String(b.id === `report-lang-${code}`));
      },
    },
  }, code === 'ko' ? '한국어' : 'English'));

  const outcome = element('section', { class: 'card report-outcome', id: 'report-outcome', hidden: true });
  const status = element('p', { class: 'report-status muted', id: 'report-status', role: 'status' });
  const generate = element('button', { type: 'button', class: 'button button-primary', id: 'report-generate' }, t('report.generate'));
  generate.addEventListener('click', async () => {
    const name = `${fileSafe(a.organization_name)}-${reportLanguage === 'ko' ? '진단보고서' : 'report'}-${today()}.pdf`;
    const path = await window.__TAURI__?.dialog?.save({
      title: t('report.save.title'), defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!path) return;
    generate.disabled = true;
    status.textContent = t('report.working');
    try {
      const written = await api.writeReport(id, reportLanguage, path, savedTargets(id), savedPeers(id));
      status.textContent = '';
      showOutcome(outcome, written);
      openReport(outcome, written.path);
    } catch {
      status.textContent = t('report.failed');
    } finally {
      generate.disabled = false;
    }
  });

  const incomplete = a.status !== 'completed';
  append(container,
    pageHeader({
      eyebrow: a.organization_name,
      title: format('report.title', { questionnaire: localized(results.questionnaire.title) }),
      subtitle: format('answer.started', { date: formatDate(a.started_at) }),
      actions: [statusBadge(a.status), element('a', { class: 'button', href: `#/plan/${id}`, id: 'report-to-plan' }, t('report.to_plan'))],
    }),
    element('div', { class: 'report-layout' },
      element('section', { class: 'card report-card', id: 'report-card' },
        element('h2', { class: 'card-title' }, t('report.make.title')),
        element('p', {}, t('report.make.body')),
        incomplete ? element('p', { class: 'notice', id: 'report-draft-note' }, t('report.draft')) : null,
        element('div', { class: 'setting' },
          element('span', { class: 'field-label' }, t('report.language')),
          element('div', { class: 'segmented', role: 'group', 'aria-label': t('report.language') }, languageButtons)),
        element('ul', { class: 'report-contents' }, ['cover', 'summary', 'results', 'details', 'roadmap', 'progress', 'method'].map((part) =>
          element('li', {}, t(`report.part.${part}`)))),
        element('div', { class: 'button-row' }, generate),
        status,
      ),
      outcome,
    ),
  );
}

function showOutcome(card, written) {
  const open = element('button', { type: 'button', class: 'button', id: 'report-open', on: { click: () => openReport(card, written.path) } }, t('report.open'));
  card.replaceChildren(
    element('h2', { class: 'card-title' }, t('report.done.title')),
    element('dl', { class: 'facts' },
      element('dt', {}, t('report.done.file')), element('dd', {}, element('code', { class: 'path', id: 'report-path' }, written.path)),
      element('dt', {}, t('report.done.pages')), element('dd', { id: 'report-pages' }, format('report.pages', { pages: written.pages, kb: Math.ceil(written.bytes / 1024) })),
      element('dt', {}, t('report.done.fingerprint')), element('dd', {},
        element('code', { class: 'path fingerprint', id: 'report-fingerprint', title: written.fingerprint }, written.fingerprint_short),
        element('span', { class: 'field-hint block' }, t('report.done.fingerprint_note')))),
    element('p', { class: 'report-open-note muted', id: 'report-open-note', hidden: true }),
    element('div', { class: 'button-row' }, open),
  );
  card.dataset.pages = String(written.pages);
  card.hidden = false;
}

async function openReport(card, path) {
  const note = card.querySelector('#report-open-note');
  try {
    await window.__TAURI__.opener.openPath(path);
    note.hidden = true;
  } catch {
    // The viewer may be missing, or the folder outside the places the app may open.
    note.textContent = t('report.open.failed');
    note.hidden = false;
  }
}

