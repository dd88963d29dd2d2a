// Plan ("#/plan/12"): the improvement roadmap of an assessment by phase, editable targets per
// dimension, the investment package, what-if (tick steps, see levels move) and the follow-up
// actions with autosave. Every figure and amount comes from the core (`plan_view`,
// `what_if_view`); this module only lays them out.

import * as api from '../api.js';
import { levelBadge, pageHeader } from '../components.js';
import { assessmentPicker } from '../components/assessment-picker.js';
import { peerCard } from '../components/peer.js';
import { append, element } from '../dom.js';
import { breakableName, formatDate, formatScore, formatTime } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate } from '../router.js';

const STATUSES = ['todo', 'doing', 'done', 'dropped'];
const SAVE_DELAY_MS = 600;

/** The targets chosen for an assessment in this window (the report uses them too). */
export function savedTargets(id) {
  try {
    return JSON.parse(sessionStorage.getItem(`jindan.targets.${id}`) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

function saveTargets(id, targets) {
  sessionStorage.setItem(`jindan.targets.${id}`, JSON.stringify(targets));
}

/** The peer mark ('median' or 'upper_quartile') the targets were raised to, or null. */
export function savedPeers(id) {
  const mark = sessionStorage.getItem(`jindan.peers.${id}`);
  return mark === 'median' || mark === 'upper_quartile' ? mark : null;
}

function savePeers(id, mark) {
  if (mark) sessionStorage.setItem(`jindan.peers.${id}`, mark);
  else sessionStorage.removeItem(`jindan.peers.${id}`);
}

export async function render(container, params) {
  if (!params[0]) {
    append(container,
      pageHeader({ title: t('nav.plan'), subtitle: t('plan.subtitle') }),
      await assessmentPicker('plan', { id: 'plan-picker' }));
    return;
  }
  const id = Number(params[0]);
  const view = await api.planView(id, savedTargets(id), savedPeers(id));
  const a = view.assessment;
  const ticked = new Set();
  const whatIf = element('section', { class: 'card whatif-card', id: 'whatif' });
  const refreshWhatIf = () => drawWhatIf(whatIf, id, [...ticked], view);

  append(container,
    pageHeader({
      eyebrow: a.organization_name,
      title: format('plan.title', { questionnaire: localized(view.questionnaire_title) }),
      subtitle: format('plan.header.subtitle', { date: view.today, checked: view.programmes_checked_on }),
      actions: [
        element('a', { class: 'button', href: `#/results/${id}`, id: 'plan-to-results' }, t('plan.to_results')),
        element('a', { class: 'button button-primary', href: `#/report/${id}`, id: 'plan-to-report' }, t('plan.to_report')),
      ],
    }),
    element('div', { class: 'plan-top' },
      targetsCard(view, id),
      investmentCard(view),
    ),
    element('div', { class: 'plan-columns' },
      element('div', { class: 'plan-roadmap', id: 'roadmap' },
        element('h2', { class: 'section-title' }, format('plan.roadmap.title', { count: view.step_count })),
        view.step_count === 0
          ? element('section', { class: 'card empty-note', id: 'roadmap-empty' }, t('plan.roadmap.empty'))
          : view.phases.map((phase) => phaseSection(phase, ticked, refreshWhatIf)),
      ),
      element('aside', { class: 'plan-side' }, whatIf, peerCard(id, { id: 'plan-peer' })),
    ),
    actionsSection(view, id),
  );
  drawWhatIf(whatIf, id, [], view);
}

function targetsCard(view, id) {
  const change = (dimension, value) => {
    const targets = savedTargets(id);
    targets[dimension] = Number(value);
    saveTargets(id, targets);
    navigate('plan', id);
  };
  const reset = () => {
    saveTargets(id, {});
    savePeers(id, null);
    navigate('plan', id);
  };
  // Aim every dimension at similar firms; hand-set targets are cleared so the preset shows whole.
  const aim = (mark) => {
    saveTargets(id, {});
    savePeers(id, mark);
    navigate('plan', id);
  };
  const peerButton = (mark, key) => element('button', {
    type: 'button', class: `button button-small${view.peers === mark ? ' button-primary' : ''}`,
    id: `targets-peers-${mark}`, 'aria-pressed': String(view.peers === mark), on: { click: () => aim(mark) },
  }, t(key));
  const peers = view.peer_group
    ? element('div', { class: 'targets-peers', id: 'targets-peers' },
      element('p', { class: 'field-hint' }, format(view.peers ? `plan.peers.active.${view.peers}` : 'plan.peers.offer', { group: localized(view.peer_group) })),
      element('div', { class: 'button-row' },
        peerButton('median', 'plan.peers.median'),
        peerButton('upper_quartile', 'plan.peers.upper_quartile')))
    : null;
  return element('section', { class: 'card targets-card', id: 'targets' },
    element('div', { class: 'card-title-row' },
      element('h2', { class: 'card-title' }, t('plan.targets.title')),
      element('button', { type: 'button', class: 'button button-small button-quiet', id: 'targets-reset', on: { click: reset } }, t('plan.targets.reset'))),
    peers,
    element('table', { class: 'data-table targets-table' },
      element('thead', {}, element('tr', {},
        element('th', {}, t('plan.col.dimension')), element('th', {}, t('plan.col.current')),
        element('th', {}, t('plan.col.target')), element('th', { class: 'cell-number' }, t('plan.col.steps')),
        element('th', {}, t('plan.col.cost')))),
      element('tbody', {}, view.dimensions.map((d) => {
        const from = d.current_level ?? 0;
        const select = element('select', {
          class: 'input input-short', id: `target-${d.id}`, 'aria-label': format('plan.target.label', { dimension: localized(d.name) }),
          on: { change: (event) => change(d.id, event.target.value) },
        }, [...Array(6 - from).keys()].map((n) => {
          const level = from + n;
          return element('option', { value: String(level), selected: level === d.target_level }, format('level.short', { level }));
        }));
        return element('tr', { dataset: { dimension: d.id } },
          element('th', { scope: 'row' }, breakableName(localized(d.name)),
            d.source === 'user' ? element('span', { class: 'tag' }, t('plan.target.user')) : null,
            d.source === 'peers' ? element('span', { class: 'tag tag-peers' }, t('plan.target.peers')) : null),
          element('td', {}, levelBadge(d.current_level), element('span', { class: 'muted score-small' }, ` ${formatScore(d.score)}`)),
          element('td', {}, select,
            d.levels_without_steps.length ? element('p', { class: 'field-hint warning-text' }, t('plan.target.no_steps')) : null),
          element('td', { class: 'cell-number' }, String(d.steps)),
          element('td', { class: 'nowrap' }, d.cost_text ? localized(d.cost_text) : '—'));
      })),
    ),
  );
}

function investmentCard(view) {
  return element('section', { class: 'card investment-card', id: 'investment' },
    element('h2', { class: 'card-title' }, t('plan.investment.title')),
    element('p', { class: 'investment-total' }, element('span', { class: 'muted' }, t('plan.investment.total')),
      element('strong', { id: 'investment-total' }, localized(view.investment.total_text))),
    view.investment.has_support
      ? element('p', { class: 'investment-support' }, element('span', { class: 'muted' }, t('plan.investment.support')),
        element('strong', {}, localized(view.investment.support_text)))
      : null,
    element('dl', { class: 'facts investment-phases' }, view.phases.flatMap((p) => [
      element('dt', {}, localized(p.name), ' ', element('span', { class: 'badge' }, format('plan.steps.count', { count: p.steps.length }))),
      element('dd', {}, localized(p.cost_text)),
    ])),
    view.investment.has_support ? element('p', { class: 'field-hint' }, t('plan.investment.support_note')) : null,
  );
}

function phaseSection(phase, ticked, refreshWhatIf) {
  return element('section', { class: 'phase', id: `phase-${phase.phase}`, dataset: { phase: phase.phase } },
    element('header', { class: 'phase-header' },
      element('h3', { class: 'phase-title' }, localized(phase.name)),
      element('span', { class: 'muted' }, format('plan.phase.summary', { count: phase.steps.length, cost: localized(phase.cost_text) }))),
    phase.steps.length
      ? element('ol', { class: 'step-cards' }, phase.steps.map((s) => stepCard(s, ticked, refreshWhatIf)))
      : element('p', { class: 'muted phase-empty' }, t('plan.phase.empty')),
  );
}

function stepCard(s, ticked, refreshWhatIf) {
  const p = s.priority;
  const checkbox = element('input', {
    type: 'checkbox', id: `whatif-${s.id}`, dataset: { step: s.id },
    on: {
      change: (event) => {
        if (event.target.checked) ticked.add(s.id);
        else ticked.delete(s.id);
        refreshWhatIf();
      },
    },
  });
  return element('li', { class: 'card step-card', id: `step-${s.id}`, dataset: { step: s.id } },
    element('div', { class: 'step-card-header' },
      element('span', { class: 'step-order' }, String(s.order)),
      element('div', { class: 'step-card-heading' },
        element('h4', { class: 'step-card-title' }, localized(s.title)),
        element('p', { class: 'step-card-meta' },
          element('span', { class: 'tag' }, localized(s.dimension_name)),
          element('span', {}, format('plan.step.levels', { from: s.from_level, to: s.to_level })),
          element('span', {}, format('plan.step.effort', { effort: t(`plan.effort.${s.effort}`) })),
          element('span', { class: 'nowrap' }, localized(s.cost_text)),
          element('span', {}, format('plan.step.duration', { duration: localized(s.duration_text), start: s.start_month, finish: s.finish_month })))),
      element('label', { class: 'checkbox whatif-toggle', for: `whatif-${s.id}` }, checkbox, t('plan.step.whatif'))),
    element('p', { class: 'step-card-impact' }, localized(s.impact_text)),
    element('p', { class: 'step-card-priority', title: t('plan.priority.help') },
      format('plan.step.priority', { value: p.value.toFixed(2), gap: p.gap, weight: p.dimension_weight, impact: p.impact, effort: p.effort_divisor }),
      s.ordering_priority > p.value + 1e-9 ? element('span', { class: 'muted' }, ' · ', format('plan.step.ordering', { value: s.ordering_priority.toFixed(2) })) : null),
    s.inclusion.kind === 'pulled_in' ? element('p', { class: 'step-card-note' }, t('plan.step.pulled_in')) : null,
    s.waits_for_titles.length
      ? element('p', { class: 'step-card-line' }, element('span', { class: 'muted' }, t('plan.step.after')), ' ', s.waits_for_titles.map(localized).join(', '))
      : null,
    s.programme_list.length
      ? element('p', { class: 'step-card-line step-programmes' }, element('span', { class: 'muted' }, t('plan.step.programmes')), ' ',
        s.programme_list.map((m) => element('span', { class: `programme${m.expired ? ' programme-expired' : ''}`, dataset: { expired: String(m.expired) } },
          localized(m.name), m.expired ? element('span', { class: 'tag tag-expired' }, t('plan.programme.expired')) : null)),
        s.support_text ? element('span', { class: 'muted' }, ' · ', format('plan.step.support', { amount: localized(s.support_text) })) : null)
      : null,
    element('p', { class: 'step-card-line step-evidence' }, element('span', { class: 'muted' }, t('plan.step.evidence')), ' ', localized(s.evidence)),
  );
}

async function drawWhatIf(card, id, steps, view) {
  const title = element('h2', { class: 'card-title' }, t('plan.whatif.title'));
  if (!steps.length) {
    card.dataset.request = String(Number(card.dataset.request ?? '0') + 1);
  card.replaceChildren(title, element('p', { class: 'muted', id: 'whatif-empty' }, view.step_count ? t('plan.whatif.empty') : t('plan.whatif.nothing')));
    card.dataset.steps = '0';
    return;
  }
  const request = String(Number(card.dataset.request ?? '0') + 1);
  card.dataset.request = request;
  card.dataset.busy = 'true';
  const result = await api.whatIfView(id, steps);
  // A later tick may have been answered first; only the latest one draws.
  if (card.dataset.request !== request) return;
  const row = (r, overall = false) => {
    const moved = r.after_level != null && r.before_level != null && r.after_level > r.before_level;
    const gained = r.after_score != null && r.before_score != null ? r.after_score - r.before_score : 0;
    return element('tr', { class: `${moved ? 'whatif-moved' : ''}${overall ? ' whatif-overall' : ''}`, dataset: { dimension: r.id, levelMoved: String(moved) } },
      element('th', { scope: 'row' }, localized(r.name)),
      element('td', {},
        element('span', { class: 'nowrap' }, levelBadge(r.before_level), element('span', { class: 'whatif-arrow', 'aria-hidden': 'true' }, '→'), levelBadge(r.after_level)),
        element('span', { class: 'whatif-score' }, formatScore(r.before_score), ' → ', element('strong', {}, formatScore(r.after_score)),
          gained > 0.05 ? element('span', { class: 'whatif-gain' }, ` +${gained.toFixed(1)}`) : null)));
  };
  card.replaceChildren(title,
    element('p', { class: 'muted' }, format('plan.whatif.summary', { steps: result.steps.length, answers: result.answers_changed })),
    element('table', { class: 'data-table whatif-table', id: 'whatif-table' },
      element('tbody', {}, result.dimensions.map((r) => row(r)), row(result.overall, true))),
  );
  card.dataset.steps = String(result.steps.length);
  card.dataset.busy = 'false';
}

function actionsSection(view, id) {
  const body = element('div', { id: 'actions-body' });
  const create = async (event) => {
    event.currentTarget.disabled = true;
    try {
      const actions = await api.createPlanActions(id, savedTargets(id), savedPeers(id));
      drawActions(body, actions, view);
    } finally {
      event.target.disabled = false;
    }
  };
  drawActions(body, view.actions, view);
  return element('section', { class: 'actions-section', id: 'actions' },
    element('div', { class: 'section-title-row' },
      element('h2', { class: 'section-title' }, t('plan.actions.title')),
      view.step_count
        ? element('button', { type: 'button', class: 'button', id: 'create-actions', on: { click: create } }, view.actions.length ? t('plan.actions.add_missing') : t('plan.actions.create'))
        : null),
    element('p', { class: 'muted' }, t('plan.actions.body')),
    body,
  );
}

function drawActions(body, actions, view) {
  if (!actions.length) {
    body.replaceChildren(element('section', { class: 'card empty-note', id: 'actions-empty' }, t('plan.actions.empty')));
    return;
  }
  const stepTitle = new Map(view.phases.flatMap((p) => p.steps.map((s) => [s.id, s])));
  body.replaceChildren(element('div', { class: 'card table-card' },
    element('table', { class: 'data-table actions-table', id: 'actions-table' },
      element('thead', {}, element('tr', {},
        element('th', {}, t('plan.actions.col.action')), element('th', {}, t('plan.actions.col.owner')),
        element('th', {}, t('plan.actions.col.due')), element('th', {}, t('plan.actions.col.status')),
        element('th', {}, t('plan.actions.col.note')), element('th', {}, t('plan.actions.col.saved')))),
      element('tbody', {}, actions.map((a) => actionRow(a, stepTitle.get(a.step_id)))))));
}

function actionRow(action, step) {
  const state = element('span', { class: 'save-status', role: 'status' }, '');
  const row = element('tr', { id: `action-${action.id}`, dataset: { action: String(action.id), status: action.status, saveState: 'saved' } });
  let timer = null;
  let pending = {};
  const setState = (name, text) => {
    row.dataset.saveState = name;
    state.dataset.state = name;
    state.textContent = text;
  };
  const flush = async () => {
    clearTimeout(timer);
    const change = pending;
    pending = {};
    if (!Object.keys(change).length) return;
    setState('saving', t('plan.actions.saving'));
    try {
      const saved = await api.updateAction(action.id, change);
      row.dataset.status = saved.status;
      for (const input of row.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
      setState('saved', format('plan.actions.saved', { time: formatTime(saved.updated_at) }));
    } catch (error) {
      const field = Object.keys(change)[0];
      row.querySelector(`[data-field="${field}"]`)?.setAttribute('aria-invalid', 'true');
      setState('error', error.kind === 'bad_input' ? format('plan.actions.invalid', { message: error.message }) : t('plan.actions.failed'));
    }
  };
  const edit = (field, value, delay) => {
    pending[field] = value;
    setState('pending', t('plan.actions.pending'));
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  const textInput = (field, value, placeholder, extra = {}) => element('input', {
    class: 'input', type: 'text', value: value ?? '', placeholder, dataset: { field }, id: `action-${action.id}-${field}`,
    'aria-label': t(`plan.actions.col.${field === 'due_date' ? 'due' : field}`), ...extra,
    on: { input: (e) => edit(field, e.target.value, SAVE_DELAY_MS), change: (e) => { edit(field, e.target.value, 0); } },
  });
  const status = element('select', {
    class: 'input', id: `action-${action.id}-status`, dataset: { field: 'status' }, 'aria-label': t('plan.actions.col.status'),
    on: { change: (e) => edit('status', e.target.value, 0) },
  }, STATUSES.map((s) => element('option', { value: s, selected: s === action.status }, t(`plan.action.status.${s}`))));
  append(row,
    element('th', { scope: 'row' }, localized(action.title),
      step ? element('span', { class: 'muted block' }, localized(step.dimension_name)) : null),
    element('td', {}, textInput('owner', action.owner, t('plan.actions.owner.placeholder'))),
    element('td', {}, textInput('due_date', action.due_date, 'YYYY-MM-DD', { class: 'input input-date' })),
    element('td', {}, status),
    element('td', {}, textInput('note', action.note, t('plan.actions.note.placeholder'))),
    element('td', { class: 'action-saved' }, state),
  );
  setState('saved', '');
  state.dataset.state = 'idle';
  state.textContent = format('plan.actions.saved_on', { date: formatDate(action.updated_at) });
  return row;
}
