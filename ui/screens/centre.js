// Centre ("#/centre"): the regional centre imports anonymized bundles (files or a folder), looks at
// its dashboard and publishes peer benchmarks; a firm's installation exports its own anonymized
// results and installs a benchmark file. Files come from the system's dialogs; every check,
// count and mean is the core's (`jindan::exchange`).

import * as api from '../api.js';
import { emptyState, pageHeader, progressBar } from '../components.js';
import { append, element } from '../dom.js';
import { formatChange, formatScore } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { renderCurrentScreen } from '../router.js';

const ICON = 'M12 2 3 7v2h18V7zM5 10v7h3v-7zm5.5 0v7h3v-7zM16 10v7h3v-7zM3 19v2h18v-2z';
const JSON_FILTER = () => [{ name: t('centre.filter'), extensions: ['json'] }];
const BUNDLE_FILTER = () => [{ name: t('centre.filter'), extensions: ['json', 'sealed'] }];
const SEALED_FILTER = () => [{ name: t('centre.filter.sealed'), extensions: ['sealed'] }];

/** A passphrase field for sealed bundles (never stored). */
function passphraseField(id, label, hint) {
  const input = element('input', { class: 'input', type: 'password', id, autocomplete: 'off' });
  return { input, field: element('label', { class: 'field centre-passphrase' }, element('span', { class: 'field-label' }, label), input, element('span', { class: 'field-hint' }, hint)) };
}

function dialogs() {
  return window.__TAURI__?.dialog;
}

export async function render(container) {
  const dashboard = await api.centreDashboard();
  append(container,
    pageHeader({ title: t('centre.title'), subtitle: t('centre.subtitle') }),
    element('div', { class: 'centre-tools' }, importCard(), publishCard(dashboard), firmCard()),
    dashboardSection(dashboard),
  );
}

function button(id, label, action, primary = false) {
  return element('button', {
    type: 'button', class: `button${primary ? ' button-primary' : ''}`, id,
    on: {
      click: async (event) => {
        const target = event.currentTarget;
        target.disabled = true;
        try {
          await action();
        } catch {
          // The banner already says what went wrong.
        } finally {
          target.disabled = false;
        }
      },
    },
  }, label);
}

function importCard() {
  const progress = element('div', { class: 'centre-progress', id: 'import-progress', hidden: true });
  const outcome = element('div', { class: 'centre-outcome', id: 'import-outcome' });
  const secret = passphraseField('import-passphrase', t('centre.import.passphrase'), t('centre.import.passphrase.hint'));
  const run = async (paths) => {
    if (!paths || !paths.length) return;
    progress.hidden = false;
    progress.replaceChildren(progressBar(0, { label: t('centre.import.progress') }));
    const unlisten = await window.__TAURI__?.event?.listen('centre-import-progress', (event) => {
      const p = event.payload;
      progress.replaceChildren(progressBar(Math.round((p.files_done / Math.max(1, p.files_total)) * 100), { label: t('centre.import.progress') }),
        element('p', { class: 'muted' }, format('centre.import.progress.text', { done: p.files_done, total: p.files_total, records: p.records_done })));
    }).catch(() => null);
    try {
      const summary = await api.centreImport(paths, secret.input.value);
      progress.hidden = true;
      showImport(outcome, summary);
    } finally {
      progress.hidden = true;
      if (unlisten) unlisten();
    }
  };
  return element('section', { class: 'card centre-card', id: 'centre-import' },
    element('h2', { class: 'card-title' }, t('centre.import.title')),
    element('p', { class: 'muted' }, t('centre.import.body')),
    element('div', { class: 'button-row' },
      button('import-files', t('centre.import.files'), async () => {
        const chosen = await dialogs()?.open({ multiple: true, directory: false, filters: BUNDLE_FILTER(), title: t('centre.import.files') });
        await run(Array.isArray(chosen) ? chosen : chosen ? [chosen] : []);
      }, true),
      button('import-folder', t('centre.import.folder'), async () => {
        const chosen = await dialogs()?.open({ multiple: false, directory: true, title: t('centre.import.folder') });
        await run(chosen ? [chosen] : []);
      })),
    secret.field,
    progress, outcome,
  );
}

function showImport(outcome, summary) {
  outcome.replaceChildren(
    element('p', { class: 'centre-summary', id: 'import-summary', dataset: { imported: String(summary.imported), rejected: String(summary.rejected) } },
      format('centre.import.summary', { imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected })),
    element('ul', { class: 'centre-files' }, summary.files.map((f) => element('li', { dataset: { result: f.result } },
      element('code', { class: 'path' }, f.file.split(/[\\/]/).pop()), ' — ',
      f.result === 'imported'
        ? format('centre.import.file.imported', { new: f.new, duplicates: f.duplicates })
        : element('span', { class: 'danger-text' }, format('centre.import.file.rejected', { reason: f.reason }))))),
    element('button', { type: 'button', class: 'button button-small', id: 'import-refresh', on: { click: () => renderCurrentScreen() } }, t('centre.import.refresh')),
  );
}

function publishCard(dashboard) {
  const k = element('input', { class: 'input input-short', type: 'number', min: '2', value: '5', id: 'publish-k' });
  const by = element('input', { class: 'input', type: 'text', id: 'publish-by', placeholder: t('centre.publish.by.placeholder') });
  const outcome = element('div', { class: 'centre-outcome', id: 'publish-outcome' });
  const publish = async () => {
    const path = await dialogs()?.save({ defaultPath: 'jindan-benchmark.json', filters: JSON_FILTER(), title: t('centre.publish.action') });
    if (!path) return;
    const [files, report] = await api.centrePublish(path, Number(k.value), by.value);
    outcome.replaceChildren(...[
      element('p', { class: 'centre-summary' }, format('centre.publish.done', { published: report.cells_published, cells: report.cells, firms: report.firms, small: report.cells_too_small, differencing: report.cells_suppressed_against_differencing })),
      report.cells_held_back_since_earlier > 0
        ? element('p', { class: 'centre-summary', id: 'publish-held-back' }, format('centre.publish.held', { held: report.cells_held_back_since_earlier, repeated: report.cells_repeated_from_earlier }))
        : null,
      element('ul', { class: 'centre-files' }, files.map((f) => element('li', {}, element('code', { class: 'path' }, f)))),
    ].filter(Boolean));
  };
  return element('section', { class: 'card centre-card', id: 'centre-publish' },
    element('h2', { class: 'card-title' }, t('centre.publish.title')),
    element('p', { class: 'muted' }, t('centre.publish.body')),
    element('div', { class: 'centre-form' },
      element('label', { class: 'field' }, element('span', { class: 'field-label' }, t('centre.publish.k')), k),
      element('label', { class: 'field' }, element('span', { class: 'field-label' }, t('centre.publish.by')), by)),
    element('div', { class: 'button-row' }, dashboard.assessments
      ? button('publish', t('centre.publish.action'), publish, true)
      : element('p', { class: 'muted' }, t('centre.publish.nothing'))),
    outcome,
  );
}

function firmCard() {
  const outcome = element('div', { class: 'centre-outcome', id: 'firm-outcome' });
  const say = (text) => outcome.replaceChildren(element('p', { class: 'centre-summary' }, text));
  const exportBundle = async () => {
    const choices = await api.exportChoices();
    const consenting = choices.firms.filter((f) => f.consented);
    if (!consenting.length) {
      say(t('centre.export.none'));
      return;
    }
    const boxes = consenting.map((f) => element('label', { class: 'checkbox' },
      element('input', { type: 'checkbox', checked: true, value: String(f.organization_id) }), f.name));
    const secret = passphraseField('export-passphrase', t('centre.export.passphrase'), t('centre.export.passphrase.hint'));
    const apply = async () => {
      const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => Number(i.value));
      if (!chosen.length) return;
      const sealed = secret.input.value.length > 0;
      const path = await dialogs()?.save(sealed
        ? { defaultPath: 'jindan-anonymized.sealed', filters: SEALED_FILTER(), title: t('centre.export.action') }
        : { defaultPath: 'jindan-anonymized.json', filters: JSON_FILTER(), title: t('centre.export.action') });
      if (!path) return;
      const written = await api.exportAnonymized(path, chosen, secret.input.value);
      say(format(sealed ? 'centre.export.done.sealed' : 'centre.export.done', { assessments: written.assessments, firms: written.firms, path: written.path }));
    };
    const others = choices.firms.length - consenting.length;
    outcome.replaceChildren(
      element('p', { class: 'field-label' }, t('centre.export.choose')),
      element('div', { class: 'centre-choices', id: 'export-choices' }, boxes),
      others ? element('p', { class: 'field-hint' }, format('centre.export.others', { count: others })) : null,
      secret.field,
      element('div', { class: 'button-row' }, button('export-save', t('centre.export.save'), apply, true)),
    );
  };
  const install = async () => {
    const path = await dialogs()?.open({ multiple: false, directory: false, filters: JSON_FILTER(), title: t('centre.install.action') });
    if (!path) return;
    const done = await api.installBenchmarkFile(path);
    say(format(done.newly_installed ? 'centre.install.done' : 'centre.install.again', { cells: done.cells, date: done.published_on }));
  };
  return element('section', { class: 'card centre-card', id: 'centre-firm' },
    element('h2', { class: 'card-title' }, t('centre.firm.title')),
    element('p', { class: 'muted' }, t('centre.firm.body')),
    element('div', { class: 'button-row' },
      button('export-anonymized', t('centre.export.action'), exportBundle),
      button('install-benchmark', t('centre.install.action'), install)),
    outcome,
  );
}

function dashboardSection(d) {
  if (!d.assessments) {
    return emptyState({ id: 'centre-empty', iconPath: ICON, title: t('centre.empty.title'), body: t('centre.empty.body') });
  }
  const label = (map, code) => (map[code] ? localized(map[code]) : code === 'unknown' ? t('centre.unknown') : code);
  return element('section', { class: 'centre-dashboard', id: 'centre-dashboard' },
    element('h2', { class: 'section-title' }, t('centre.dashboard.title')),
    element('div', { class: 'centre-stats' },
      stat('centre-firms', d.firms, t('centre.stat.firms')),
      stat('centre-assessments', d.assessments, t('centre.stat.assessments')),
      element('section', { class: 'card centre-years' },
        element('h3', { class: 'card-title' }, t('centre.years.title')),
        table([t('centre.col.year'), t('centre.col.firms'), t('centre.col.assessments')],
          d.by_year.map((y) => [String(y.year), String(y.firms), String(y.assessments)])))),
    d.questionnaires.map((q) => {
      const names = d.dimensions[q.questionnaire_id] ?? {};
      const dimension = (id) => (id === 'overall' ? t('centre.overall') : names[id] ? localized(names[id]) : id);
      const groups = (title, list, map) => element('section', { class: 'card' },
        element('h4', { class: 'card-title' }, title),
        table([t('centre.col.group'), t('centre.col.firms'), t('centre.col.mean')],
          list.map((g) => [label(map, g.group), String(g.firms), formatScore(g.mean_overall)])));
      const r = q.reassessed;
      const w = q.without_follow_up;
      return element('section', { class: 'centre-questionnaire', dataset: { questionnaire: q.questionnaire_id } },
        element('h3', { class: 'centre-questionnaire-title' },
          d.questionnaire_titles[q.questionnaire_id] ? localized(d.questionnaire_titles[q.questionnaire_id]) : q.questionnaire_id,
          element('span', { class: 'muted' }, ` · ${format('centre.questionnaire.counts', { firms: q.firms, assessments: q.assessments })}`)),
        element('section', { class: 'card table-card' },
          element('h4', { class: 'card-title' }, t('centre.levels.title')),
          table([t('centre.col.dimension'), 'L0', 'L1', 'L2', 'L3', 'L4', 'L5', t('centre.col.not_scored')],
            q.level_distribution.map((l) => [dimension(l.dimension), ...l.firms_at_level.map(String), String(l.not_scored)]), 'centre-levels')),
        element('div', { class: 'centre-groups' },
          groups(t('centre.by.ksic'), q.by_ksic_division, d.ksic),
          groups(t('centre.by.band'), q.by_employee_band, d.bands),
          groups(t('centre.by.sido'), q.by_sido, d.sido)),
        element('div', { class: 'centre-groups centre-groups-2' },
          element('section', { class: 'card', id: 'centre-reassessed' },
            element('h4', { class: 'card-title' }, format('centre.reassessed.title', { firms: r.firms, change: formatChange(r.mean_overall_change) })),
            r.changes.length
              ? table([t('centre.col.firm'), t('centre.col.years'), t('centre.col.before'), t('centre.col.after'), t('centre.col.change')],
                r.changes.slice(0, 20).map((c) => [c.firm.slice(0, 8), `${c.from_year}→${c.to_year}`, formatScore(c.overall_before), formatScore(c.overall_after), formatChange(c.overall_change)]))
              : element('p', { class: 'muted' }, t('centre.reassessed.none'))),
          element('section', { class: 'card', id: 'centre-no-follow-up' },
            element('h4', { class: 'card-title' }, format('centre.follow_up.title', { firms: w.firms })),
            w.by_year.length
              ? table([t('centre.col.year'), t('centre.col.firms')], w.by_year.map((y) => [String(y.year), String(y.firms)]))
              : element('p', { class: 'muted' }, t('centre.follow_up.none')))),
      );
    }),
  );
}

function stat(id, value, label) {
  return element('section', { class: 'card centre-stat', id },
    element('strong', { class: 'centre-stat-value' }, String(value)), element('span', { class: 'muted' }, label));
}

function table(headers, rows, id = null) {
  return element('table', { class: 'data-table', id },
    element('thead', {}, element('tr', {}, headers.map((h, i) => element('th', { class: i ? 'cell-number' : null }, h)))),
    element('tbody', {}, rows.map((cells) => element('tr', {}, cells.map((c, i) => (i ? element('td', { class: 'cell-number' }, c) : element('th', { scope: 'row' }, c)))))));
}
