// History ("#/history/3"): a firm's assessments over time and how it moved between two of them
// (T0 → T1), per dimension and overall, as computed by the core's `plan::compare`. Without a
// firm ("#/history"), it lists the firms to choose from.

import * as api from '../api.js';
import { emptyState, levelBadge, modeLabel, pageHeader, radarChart, statusBadge } from '../components.js';
import { append, element } from '../dom.js';
import { formatChange, formatDate, formatLevelChange, formatScore } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate } from '../router.js';

const ICON_CHART = 'M4 20V4h2v14h14v2zm4-4v-5h3v5zm5 0V8h3v8zm5 0v-3h3v3z';

export async function render(container, params) {
  if (!params[0]) return renderFirmChoice(container);
  const organizationId = Number(params[0]);
  const before = params[1] ? Number(params[1]) : null;
  const after = params[2] ? Number(params[2]) : null;
  const view = await api.firmHistory(organizationId, before, after);
  const o = view.organization;

  append(container,
    pageHeader({
      eyebrow: t('history.eyebrow'),
      title: o.name,
      subtitle: [o.business_number_display, o.sido, o.industrial_complex].filter(Boolean).join(' · ') || null,
      actions: [element('a', { class: 'button', href: `#/firm/${o.id}` }, t('home.edit_firm'))],
    }),
    timeline(view),
    view.comparison ? comparison(view) : emptyState({
      id: 'comparison-empty',
      iconPath: ICON_CHART,
      title: t('history.no_comparison.title'),
      body: t('history.no_comparison.body'),
    }),
  );
}

async function renderFirmChoice(container) {
  const firms = (await api.workspaceOverview('')).filter((f) => f.assessments.length > 0);
  append(container, pageHeader({ title: t('history.title'), subtitle: t('history.choose') }));
  if (!firms.length) {
    append(container, emptyState({ id: 'history-empty', iconPath: ICON_CHART, title: t('history.none.title'), body: t('history.none.body'),
      actions: [element('a', { class: 'button button-primary', href: '#/home' }, t('nav.home'))] }));
    return;
  }
  append(container, element('ul', { class: 'card link-list', id: 'history-firms' }, firms.map((f) => element('li', {},
    element('a', { href: `#/history/${f.organization.id}` },
      element('strong', {}, f.organization.name),
      element('span', { class: 'muted' }, format('history.count', { count: f.assessments.length }))),
  ))));
}

function timeline(view) {
  const pair = view.comparison ? [view.comparison.before.id, view.comparison.after.id] : [];
  return element('section', { class: 'card', id: 'history-timeline' },
    element('h2', { class: 'card-title' }, t('history.timeline')),
    element('ol', { class: 'timeline' }, view.assessments.map((a) => element('li', {
      class: `timeline-item${pair.includes(a.id) ? ' timeline-item-compared' : ''}`,
      dataset: { assessment: String(a.id) },
    },
    element('span', { class: 'timeline-date' }, formatDate(a.started_at)),
    element('div', { class: 'timeline-body' },
      element('strong', {}, localized(a.questionnaire_title)),
      element('span', { class: 'muted' }, [modeLabel(a.mode), a.assessor].filter(Boolean).join(' · ')),
    ),
    statusBadge(a.status),
    levelBadge(a.overall.level, a.overall.level_name),
    element('span', { class: 'score-small' }, formatScore(a.overall.score)),
    pair[0] === a.id ? element('span', { class: 'tag tag-strong' }, 'T0') : null,
    pair[1] === a.id ? element('span', { class: 'tag tag-strong' }, 'T1') : null,
    element('a', { class: 'button button-small', href: `#/results/${a.id}` }, t('home.results')),
    ))),
    view.assessments.length > 2 ? pairChooser(view) : null,
  );
}

function pairChooser(view) {
  const option = (a, selected) => element('option', { value: String(a.id), selected }, `${formatDate(a.started_at)} · ${localized(a.questionnaire_title)}`);
  const before = element('select', { class: 'input', id: 'compare-before' }, view.assessments.map((a) => option(a, a.id === view.comparison?.before.id)));
  const after = element('select', { class: 'input', id: 'compare-after' }, view.assessments.map((a) => option(a, a.id === view.comparison?.after.id)));
  const go = () => navigate('history', view.organization.id, before.value, after.value);
  before.addEventListener('change', go);
  after.addEventListener('change', go);
  return element('div', { class: 'pair-chooser' },
    element('label', { class: 'field-inline' }, element('span', {}, t('history.before')), before),
    element('span', { 'aria-hidden': 'true' }, '→'),
    element('label', { class: 'field-inline' }, element('span', {}, t('history.after')), after),
  );
}

/** Which way a change goes, for colouring: up, down, same or none. */
function sign(change) {
  if (change == null) return 'none';
  if (change > 0.05) return 'up';
  if (change < -0.05) return 'down';
  return 'same';
}

function deltaCell(change, formatter) {
  return element('td', { class: 'number delta', dataset: { sign: sign(change) } }, formatter(change));
}

/** One dimension's T0 and T1 scores as two dots on a 0–100 line. */
function dumbbell(d) {
  const at = (score) => `${Math.max(0, Math.min(100, score ?? 0))}%`;
  const track = element('span', { class: 'dumbbell-track', 'aria-hidden': 'true' });
  track.style.setProperty('--from', at(d.before_score));
  track.style.setProperty('--to', at(d.after_score));
  const span = element('span', { class: 'dumbbell-span', dataset: { sign: sign(d.score_change) } });
  const before = element('span', { class: 'dumbbell-dot dumbbell-dot-before' });
  before.style.setProperty('--at', at(d.before_score));
  const after = element('span', { class: 'dumbbell-dot dumbbell-dot-after' });
  after.style.setProperty('--at', at(d.after_score));
  track.append(span, before, after);
  return element('li', { class: 'dumbbell', dataset: { dimension: d.id } },
    element('span', { class: 'dumbbell-name', title: localized(d.name) }, localized(d.name)),
    track,
    element('span', { class: 'dumbbell-change', dataset: { sign: sign(d.score_change) } }, formatChange(d.score_change)),
  );
}

function comparison(view) {
  const c = view.comparison;
  const p = c.progress;
  const before = format('history.series.before', { date: formatDate(c.before.started_at) });
  const after = format('history.series.after', { date: formatDate(c.after.started_at) });
  return element('section', { class: 'comparison', id: 'comparison' },
    element('h2', { class: 'section-title' }, format('history.comparison.title', { before: formatDate(c.before.started_at), after: formatDate(c.after.started_at) })),
    p.note ? element('div', { class: 'notice' }, localized(p.note)) : null,
    element('div', { class: 'results-top' },
      element('section', { class: 'card overall-delta', id: 'overall-delta' },
        element('h3', { class: 'card-title' }, t('history.overall')),
        element('div', { class: 'delta-row' },
          element('div', { class: 'delta-side' }, element('span', { class: 'muted' }, 'T0'), levelBadge(p.overall.before_level), element('strong', {}, formatScore(p.overall.before_score))),
          element('span', { class: 'delta-arrow', 'aria-hidden': 'true' }, '→'),
          element('div', { class: 'delta-side' }, element('span', { class: 'muted' }, 'T1'), levelBadge(p.overall.after_level), element('strong', {}, formatScore(p.overall.after_score))),
        ),
        element('p', { class: 'delta-summary', id: 'overall-change', dataset: { sign: sign(p.overall.score_change) } },
          format('history.overall.change', { score: formatChange(p.overall.score_change), level: formatLevelChange(p.overall.level_change) })),
        element('h4', { class: 'contributions-title' }, t('history.per_dimension')),
        element('ul', { class: 'dumbbells', id: 'dumbbells' }, p.dimensions.map(dumbbell)),
      ),
      element('section', { class: 'card radar-card' },
        element('h3', { class: 'card-title' }, t('results.radar.title')),
        radarChart(c.radar, [after, before], { id: 'history-radar' }),
      ),
    ),
    element('section', { class: 'card' },
      element('table', { class: 'data-table', id: 'comparison-table' },
        element('thead', {}, element('tr', {},
          element('th', {}, t('history.dimension')),
          element('th', { class: 'number' }, 'T0'),
          element('th', { class: 'number' }, 'T1'),
          element('th', { class: 'number' }, t('history.score_change')),
          element('th', { class: 'number' }, t('history.level_change')),
        )),
        element('tbody', {}, p.dimensions.map((d) => element('tr', { dataset: { dimension: d.id } },
          element('th', { scope: 'row' }, localized(d.name)),
          element('td', { class: 'number' }, levelBadge(d.before_level), ' ', formatScore(d.before_score)),
          element('td', { class: 'number' }, levelBadge(d.after_level), ' ', formatScore(d.after_score)),
          deltaCell(d.score_change, formatChange),
          deltaCell(d.level_change, formatLevelChange),
        ))),
      ),
    ),
  );
}
