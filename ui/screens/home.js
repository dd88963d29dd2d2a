// Home: the firms in this workspace and their assessments (progress, status, overall level),
// search, starting, resuming, re-assessing and deleting assessments. When the workspace cannot
// be opened, it says why and offers another one; when it is empty, it offers a first firm or
// the demo workspace.

import * as api from '../api.js';
import { emptyState, levelBadge, modeLabel, pageHeader, progressBar, statusBadge } from '../components.js';
import { confirmDialog, showDialog } from '../dialog.js';
import { append, element, icon } from '../dom.js';
import { formatDate, formatScore } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate, renderCurrentScreen } from '../router.js';
import { chooseWorkspaceToCreate, chooseWorkspaceToOpen, workspaceProblemText } from '../workspace.js';

const ICON_DOCUMENT = 'M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5zM8 13h8v-2H8zm0 4h8v-2H8z';
const ICON_FACTORY = 'M3 21V10l5 3V10l5 3V6l8-3v18zm4-2h3v-3H7zm5 0h3v-3h-3zm5 0h2v-3h-2z';
const ICON_PLUS = 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z';
const ICON_SEARCH = 'M10 4a6 6 0 0 1 4.8 9.6l4.3 4.3-1.4 1.4-4.3-4.3A6 6 0 1 1 10 4zm0 2a4 4 0 1 0 0 8 4 4 0 0 0 0-8z';
const ICON_SPARK = 'M12 2l2.2 6.3L20 10l-5.8 1.7L12 18l-2.2-6.3L4 10l5.8-1.7z';
const ICON_TRASH = 'M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7zm4 2v8h2v-8zm4 0v8h2v-8z';
const ICON_LOCK = 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0zm2 4v4h2v-4z';
const ICON_WARNING = 'M12 3 2 21h20zm-1 6h2v6h-2zm0 8h2v2h-2z';

let lastSearch = '';

export async function render(container) {
  const status = await api.workspaceStatus().catch(() => null);
  if (status && !status.open) {
    append(container, workspaceProblem(status));
    return;
  }

  const search = element('input', {
    type: 'search', class: 'input search-input', id: 'firm-search', value: lastSearch,
    placeholder: t('home.search.placeholder'), 'aria-label': t('home.search.label'),
  });
  const list = element('div', { class: 'firm-list', id: 'firm-list', 'aria-busy': 'true' });
  const summary = element('p', { class: 'page-subtitle', id: 'home-summary' }, t('home.subtitle'));

  append(container,
    element('header', { class: 'page-header page-header-row' },
      element('div', { class: 'page-header-text' },
        element('h1', { class: 'page-title' }, t('home.title')),
        summary,
      ),
      element('div', { class: 'page-actions' },
        element('label', { class: 'search' }, icon(ICON_SEARCH, 'search-icon'), search),
        element('a', { class: 'button button-primary', href: '#/firm/new', id: 'add-firm' }, icon(ICON_PLUS, 'button-icon'), t('home.add_firm')),
      ),
    ),
    status?.notice ? notice(status.notice) : null,
    list,
  );

  let searchTimer = null;
  const refresh = async () => {
    const firms = await api.workspaceOverview(lastSearch);
    list.replaceChildren(...firmCards(firms, refresh));
    list.removeAttribute('aria-busy');
    const assessments = firms.reduce((sum, firm) => sum + firm.assessments.length, 0);
    summary.textContent = firms.length || lastSearch ? format('home.summary', { firms: firms.length, assessments }) : t('home.subtitle');
  };
  const onSearch = () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      if (search.value.trim() === lastSearch) return;
      lastSearch = search.value.trim();
      refresh();
    }, 200);
  };
  search.addEventListener('input', onSearch);
  search.addEventListener('change', onSearch);
  await refresh().catch(() => list.replaceChildren());
  return () => clearTimeout(searchTimer);
}

function notice(notice) {
  return element('div', { class: 'notice', role: 'status' }, format('workspace.notice.remembered_missing', { path: notice.path }));
}

function workspaceProblem(status) {
  const locked = ['passphrase_required', 'wrong_passphrase'].includes(status.problem?.reason);
  return element('section', { class: 'card problem-card', id: 'workspace-problem', dataset: { reason: status.problem?.reason ?? '' } },
    element('div', { class: `problem-mark${locked ? ' problem-mark-locked' : ''}` }, icon(locked ? ICON_LOCK : ICON_WARNING, 'empty-state-icon')),
    element('h1', { class: 'page-title' }, t(locked ? 'workspace.locked.title' : 'workspace.problem.title')),
    element('p', { class: 'problem-plain' }, workspaceProblemText(status.problem)),
    status.path ? element('p', { class: 'muted' }, t('workspace.file'), ' ', element('code', { class: 'path' }, status.path)) : null,
    locked ? unlockForm() : null,
    element('details', { class: 'problem-detail' },
      element('summary', {}, t('workspace.problem.detail')),
      element('p', { class: 'path' }, status.problem?.message ?? ''),
    ),
    element('div', { class: 'empty-state-actions' },
      element('button', { type: 'button', class: `button${locked ? '' : ' button-primary'}`, id: 'problem-open', on: { click: () => chooseWorkspaceToOpen() } }, t('workspace.open')),
      element('button', { type: 'button', class: 'button', id: 'problem-create', on: { click: () => chooseWorkspaceToCreate() } }, t('workspace.create')),
    ),
  );
}

function unlockForm() {
  const input = element('input', { type: 'password', class: 'input', id: 'unlock-passphrase', autocomplete: 'current-password', 'aria-label': t('workspace.unlock.label') });
  const problem = element('p', { class: 'field-problem', id: 'unlock-problem', role: 'alert', hidden: true });
  const form = element('form', { class: 'unlock-form', id: 'unlock-form' },
    element('label', { class: 'field-label', for: 'unlock-passphrase' }, t('workspace.unlock.label')),
    element('div', { class: 'unlock-row' }, input,
      element('button', { type: 'submit', class: 'button button-primary', id: 'unlock-open' }, t('workspace.unlock.open'))),
    problem,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.unlockWorkspace(input.value);
      await renderCurrentScreen();
    } catch (error) {
      problem.textContent = error.kind === 'bad_input' ? t('workspace.problem.wrong_passphrase') : error.message;
      problem.hidden = false;
      input.select();
    }
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

function firmCards(firms, refresh) {
  if (firms.length === 0 && lastSearch) {
    return [element('section', { class: 'card empty-search', id: 'search-empty' }, format('home.search.none', { search: lastSearch }))];
  }
  if (firms.length === 0) {
    const questionnaireList = element('ul', { class: 'questionnaire-list', id: 'questionnaire-list' },
      element('li', { class: 'muted' }, t('common.loading')));
    api.listQuestionnaires().then(
      (questionnaires) => questionnaireList.replaceChildren(...questionnaireItems(questionnaires)),
      () => questionnaireList.replaceChildren(element('li', { class: 'muted' }, '—')),
    );
    return [element('div', { class: 'home-columns' },
      element('div', { class: 'home-column home-column-main' },
        emptyState({
          id: 'assessments-empty',
          iconPath: ICON_FACTORY,
          title: t('home.empty.title'),
          body: t('home.empty.body'),
          actions: [
            element('a', { class: 'button button-primary', href: '#/firm/new', id: 'empty-add-firm' }, icon(ICON_PLUS, 'button-icon'), t('home.add_firm')),
            element('button', { type: 'button', class: 'button', id: 'load-demo', on: { click: (event) => loadDemo(event.currentTarget, refresh) } },
              icon(ICON_SPARK, 'button-icon'), t('home.demo')),
          ],
        }),
        element('p', { class: 'muted empty-note' }, t('home.demo.note')),
      ),
      element('div', { class: 'home-column' },
        element('section', { class: 'card steps' },
          element('h2', { class: 'card-title' }, t('home.steps.title')),
          element('ol', { class: 'step-list' }, step(1, 'home.steps.company'), step(2, 'home.steps.answer'), step(3, 'home.steps.result')),
        ),
        element('section', { class: 'card' },
          element('h2', { class: 'card-title' }, t('home.questionnaires.title')),
          questionnaireList,
        ),
      ),
    )];
  }
  return firms.map((firm) => firmCard(firm, refresh));
}

async function loadDemo(button, refresh) {
  button.disabled = true;
  try {
    await api.loadDemoWorkspace();
    await refresh();
  } finally {
    button.disabled = false;
  }
}

function step(number, key) {
  return element('li', { class: 'step' },
    element('span', { class: 'step-number', 'aria-hidden': 'true' }, String(number)),
    element('div', { class: 'step-text' },
      element('strong', { class: 'step-title' }, t(key)),
      element('p', { class: 'step-body' }, t(`${key}.body`)),
    ),
  );
}

function questionnaireItems(questionnaires) {
  if (questionnaires.length === 0) return [element('li', { class: 'muted' }, t('home.questionnaires.none'))];
  return questionnaires.map((questionnaire) =>
    element('li', { class: 'questionnaire-item', dataset: { id: questionnaire.id } },
      element('span', { class: 'questionnaire-icon' }, icon(ICON_DOCUMENT, 'icon')),
      element('div', { class: 'questionnaire-text' },
        element('strong', { class: 'questionnaire-title' }, localized(questionnaire.title)),
        element('p', { class: 'questionnaire-meta' },
          format('home.questionnaires.count', { dimensions: questionnaire.dimension_count, questions: questionnaire.question_count }),
          ` · v${questionnaire.version}`,
        ),
      ),
    ),
  );
}

function firmCard(firm, refresh) {
  const o = firm.organization;
  const facts = [
    o.business_number_display,
    o.ksic_name ? `${o.ksic_division} ${localized(o.ksic_name)}` : null,
    [o.sido, o.industrial_complex].filter(Boolean).join(' · ') || null,
    o.employees != null ? format('firm.employees.count', { count: o.employees }) : null,
  ].filter(Boolean);
  return element('section', { class: 'card firm-card', dataset: { organization: String(o.id) } },
    element('header', { class: 'firm-card-header' },
      element('div', { class: 'firm-card-title' },
        element('h2', { class: 'firm-name' }, element('a', { href: `#/firm/${o.id}`, class: 'firm-link', title: t('home.edit_firm') }, o.name)),
        element('p', { class: 'firm-facts' }, facts.join('  ·  ') || t('home.no_details')),
      ),
      element('div', { class: 'firm-card-actions' },
        firm.assessments.length > 0
          ? element('a', { class: 'button button-quiet', href: `#/history/${o.id}`, dataset: { action: 'history' } }, t('home.history'))
          : null,
        element('button', {
          type: 'button', class: 'button', dataset: { action: 'new-assessment' },
          on: { click: () => startAssessment(o) },
        }, icon(ICON_PLUS, 'button-icon'), t('home.new_assessment')),
      ),
    ),
    firm.assessments.length === 0
      ? element('p', { class: 'muted firm-no-assessments' }, t('home.no_assessments'))
      : element('table', { class: 'assessment-table' },
        element('thead', {}, element('tr', {},
          element('th', { scope: 'col' }, t('home.col.questionnaire')),
          element('th', { scope: 'col', class: 'col-started' }, t('home.col.started')),
          element('th', { scope: 'col', class: 'col-progress' }, t('home.col.progress')),
          element('th', { scope: 'col', class: 'col-status' }, t('home.col.status')),
          element('th', { scope: 'col', class: 'col-level' }, t('home.col.level')),
          element('th', { scope: 'col', class: 'col-actions' }, element('span', { class: 'visually-hidden' }, t('home.col.actions'))),
        )),
        element('tbody', {}, firm.assessments.map((a) => assessmentRow(o, a, refresh))),
      ),
  );
}

function assessmentRow(organization, a, refresh) {
  const draft = a.status === 'draft';
  const actions = [
    draft
      ? element('a', { class: 'button button-small button-primary', href: `#/answer/${a.id}`, dataset: { action: 'resume' } }, t('home.resume'))
      : element('a', { class: 'button button-small', href: `#/answer/${a.id}`, dataset: { action: 'answers' } }, t('home.answers')),
    element('a', { class: 'button button-small', href: `#/results/${a.id}`, dataset: { action: 'results' } }, t('home.results')),
    draft ? null : element('button', {
      type: 'button', class: 'button button-small', dataset: { action: 'reassess' },
      on: { click: () => startReassessment(organization, a) },
    }, t('home.reassess')),
    element('button', {
      type: 'button', class: 'icon-button', dataset: { action: 'delete' }, title: t('home.delete'), 'aria-label': t('home.delete'),
      on: { click: () => deleteAssessment(organization, a, refresh) },
    }, icon(ICON_TRASH, 'button-icon')),
  ];
  return element('tr', { dataset: { assessment: String(a.id), status: a.status } },
    element('td', {},
      element('strong', { class: 'assessment-title' }, localized(a.questionnaire_title)),
      element('span', { class: 'assessment-meta' }, [modeLabel(a.mode), a.assessor].filter(Boolean).join(' · '),
        a.previous_id ? element('span', { class: 'tag' }, t('home.reassessment')) : null),
    ),
    element('td', { class: 'nowrap' }, formatDate(a.started_at)),
    element('td', { class: 'col-progress' }, progressBar(a.progress.percent, { compact: true })),
    element('td', {}, statusBadge(a.status)),
    element('td', { class: 'nowrap' }, levelBadge(a.overall.level, a.overall.level_name),
      element('span', { class: 'score-small' }, formatScore(a.overall.score))),
    element('td', { class: 'col-actions' }, element('div', { class: 'row-actions' }, actions)),
  );
}

function modeChoice(name, selected) {
  return element('fieldset', { class: 'field' },
    element('legend', { class: 'field-label' }, t('assessment.mode')),
    element('div', { class: 'choice-row' },
      ['self', 'consultant'].map((mode) => element('label', { class: 'choice-card' },
        element('input', { type: 'radio', name, value: mode, checked: mode === selected, id: `${name}-${mode}` }),
        element('span', { class: 'choice-text' },
          element('strong', {}, t(`mode.${mode}`)),
          element('span', { class: 'muted' }, t(`mode.${mode}.body`)),
        ),
      )),
    ),
  );
}

function assessorField(id, value = '') {
  return element('label', { class: 'field' },
    element('span', { class: 'field-label' }, t('assessment.assessor')),
    element('input', { type: 'text', class: 'input', id, value, placeholder: t('assessment.assessor.placeholder') }),
  );
}

async function startAssessment(organization) {
  const questionnaires = await api.listQuestionnaires();
  const choices = element('fieldset', { class: 'field' },
    element('legend', { class: 'field-label' }, t('assessment.questionnaire')),
    element('div', { class: 'choice-column' },
      questionnaires.map((q, index) => element('label', { class: 'choice-card' },
        element('input', { type: 'radio', name: 'new-questionnaire', value: q.id, checked: index === 0, id: `new-questionnaire-${q.id}` }),
        element('span', { class: 'choice-text' },
          element('strong', {}, localized(q.title)),
          element('span', { class: 'muted' }, format('home.questionnaires.count', { dimensions: q.dimension_count, questions: q.question_count })),
          element('span', { class: 'choice-description' }, localized(q.description)),
        ),
      )),
    ),
  );
  const assessor = assessorField('new-assessor');
  const chosen = await showDialog({
    id: 'new-assessment-dialog',
    title: format('assessment.new.title', { firm: organization.name }),
    body: [choices, modeChoice('new-mode', 'self'), assessor],
    confirmLabel: t('assessment.new.start'),
    collect: () => ({
      questionnaire: document.querySelector('input[name="new-questionnaire"]:checked')?.value,
      mode: document.querySelector('input[name="new-mode"]:checked')?.value ?? 'self',
      assessor: document.getElementById('new-assessor').value.trim(),
    }),
    validate: () => (document.querySelector('input[name="new-questionnaire"]:checked') ? null : t('assessment.new.pick')),
  });
  if (!chosen) return;
  const id = await api.createAssessment({ organizationId: organization.id, ...chosen });
  navigate('answer', id);
}

async function startReassessment(organization, previous) {
  const chosen = await showDialog({
    id: 'reassess-dialog',
    title: format('reassess.title', { firm: organization.name }),
    body: [
      element('p', {}, format('reassess.body', { questionnaire: localized(previous.questionnaire_title), date: formatDate(previous.started_at) })),
      element('p', { class: 'explain-box' }, t('reassess.why_empty')),
      modeChoice('reassess-mode', previous.mode),
      assessorField('reassess-assessor', previous.assessor ?? ''),
    ],
    confirmLabel: t('reassess.start'),
    collect: () => ({
      mode: document.querySelector('input[name="reassess-mode"]:checked')?.value ?? previous.mode,
      assessor: document.getElementById('reassess-assessor').value.trim(),
    }),
  });
  if (!chosen) return;
  const id = await api.createReassessment({ previousId: previous.id, ...chosen });
  navigate('answer', id);
}

async function deleteAssessment(organization, a, refresh) {
  const confirmed = await confirmDialog({
    id: 'delete-dialog',
    title: t('delete.title'),
    message: [
      format('delete.body', { firm: organization.name, questionnaire: localized(a.questionnaire_title), date: formatDate(a.started_at) }),
      t('delete.irreversible'),
    ],
    confirmLabel: t('delete.confirm'),
    danger: true,
  });
  if (!confirmed) return;
  await api.deleteAssessment(a.id);
  await refresh();
}
