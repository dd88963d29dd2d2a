// Results ("#/results/12"): the overall level and score, the radar chart (the core's geometry,
// the same as the PDF report's), one card per dimension that explains itself, the places where
// the firm and the consultant disagree, and what the reader should know. The assessment is
// marked completed (or reopened) here.

import * as api from '../api.js';
import { levelBadge, pageHeader, progressBar, radarChart, statusBadge } from '../components.js';
import { confirmDialog } from '../dialog.js';
import { append, element } from '../dom.js';
import { formatDate, formatScore, formatShare } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate } from '../router.js';
import { peerCard } from '../components/peer.js';

export async function render(container, params) {
  const id = Number(params[0]);
  const view = await api.resultsView(id);
  const a = view.assessment;
  const completed = a.status === 'completed';

  const completeButton = completed
    ? element('button', { type: 'button', class: 'button', id: 'reopen-assessment', on: { click: () => reopen(id) } }, t('results.reopen'))
    : element('button', { type: 'button', class: 'button button-primary', id: 'complete-assessment', on: { click: () => complete(view) } }, t('results.complete'));

  append(container,
    pageHeader({
      eyebrow: a.organization_name,
      title: format('results.title', { questionnaire: localized(view.questionnaire.title) }),
      subtitle: [t(`mode.${a.mode}`), a.assessor, format('answer.started', { date: formatDate(a.started_at) }),
        completed ? format('results.completed_on', { date: formatDate(a.completed_at) }) : null].filter(Boolean).join(' · '),
      actions: [
        statusBadge(a.status),
        element('a', { class: 'button', href: `#/answer/${id}`, id: 'back-to-answers' }, completed ? t('results.view_answers') : t('results.back_to_answers')),
        element('a', { class: 'button', href: `#/history/${a.organization_id}`, id: 'to-history' }, t('results.history')),
        completeButton,
      ],
    }),
    element('div', { class: 'results-top' },
      overallCard(view),
      element('section', { class: 'card radar-card', id: 'radar-card' },
        element('h2', { class: 'card-title' }, t('results.radar.title')),
        radarChart(view.radar, [t('radar.current'), view.previous_started_at ? format('radar.previous', { date: formatDate(view.previous_started_at) }) : null].filter(Boolean)),
      ),
    ),
    view.warnings.length || view.disagreements.length
      ? element('div', { class: 'results-notes' },
        view.disagreements.length ? disagreements(view) : null,
        view.warnings.length ? warnings(view) : null)
      : null,
    peerCard(id, { id: 'results-peer' }),
    element('h2', { class: 'section-title' }, t('results.dimensions.title')),
    element('div', { class: 'dimension-cards', id: 'dimension-cards' }, view.dimensions.map((d) => dimensionCard(d, view))),
  );
}

function overallCard(view) {
  const o = view.overall;
  const level = o.level == null ? null : view.questionnaire.levels[o.level];
  return element('section', { class: 'card overall-card', id: 'overall-card' },
    element('h2', { class: 'card-title' }, t('results.overall')),
    element('div', { class: 'overall-main' },
      element('div', { class: 'overall-level', id: 'overall-level', dataset: { level: o.level == null ? 'none' : String(o.level) } },
        element('span', { class: 'overall-level-number' }, o.level == null ? '—' : String(o.level)),
        element('span', { class: 'overall-level-caption' }, t('results.level')),
      ),
      element('div', { class: 'overall-text' },
        element('p', { class: 'overall-level-name' }, level ? localized(level.name) : t('results.no_level')),
        element('p', { class: 'overall-score' }, element('strong', { id: 'overall-score' }, formatScore(o.score)), ' / 100'),
      ),
    ),
    level ? element('p', { class: 'overall-description' }, localized(level.description)) : element('p', { class: 'muted' }, t('results.no_level.body')),
    element('ol', { class: 'level-scale', id: 'level-scale', 'aria-label': t('results.scale') }, view.questionnaire.levels.map((l) =>
      element('li', { 'aria-current': String(l.level === o.level), title: localized(l.description) },
        element('strong', {}, String(l.level)), localized(l.name)))),
    element('dl', { class: 'facts' },
      element('dt', {}, t('results.coverage')), element('dd', {}, formatShare(o.coverage)),
      element('dt', {}, t('results.answered')), element('dd', {}, progressBar(view.progress.percent, { compact: true })),
      element('dt', {}, t('results.rule')), element('dd', {}, t(`results.rule.${o.rule}`)),
    ),
  );
}

function questionText(view, id) {
  return localized(view.questions[id]?.text) || id;
}

function dimensionCard(d, view) {
  const r = d.result;
  const levelText = r.level == null ? null : d.level_descriptions[r.level];
  const card = element('article', { class: 'card dimension-card', dataset: { dimension: d.id, level: r.level == null ? 'none' : String(r.level) } },
    element('header', { class: 'dimension-card-header' },
      element('h3', { class: 'dimension-card-title' }, localized(d.name)),
      levelBadge(r.level, r.level_name),
    ),
    element('div', { class: 'dimension-score' },
      element('span', { class: 'dimension-score-number' }, formatScore(r.score)),
      element('span', { class: 'muted' }, ' / 100'),
      element('span', { class: 'score-bar' }, scoreFill(r.score)),
    ),
    element('p', { class: 'dimension-meta' },
      format('results.dimension.meta', { coverage: formatShare(r.coverage), answered: r.answered, skipped: r.skipped, na: r.not_applicable, open: r.unanswered })),
    r.level_name ? element('p', { class: 'dimension-level-text' }, element('strong', {}, localized(r.level_name)), ' — ', localized(levelText)) : element('p', { class: 'muted' }, t('results.dimension.none')),
    r.capped_by ? gate(r.capped_by, view) : null,
    contributions(t('results.strongest'), d.explanation.strongest, view, 'strongest'),
    contributions(t('results.weakest'), d.explanation.weakest, view, 'weakest'),
  );
  return card;
}

function scoreFill(score) {
  const fill = element('span', { class: 'score-bar-fill' });
  fill.style.setProperty('--percent', `${Math.max(0, Math.min(100, score ?? 0))}%`);
  return fill;
}

function gate(cap, view) {
  const actual = cap.actual == null ? t(`results.gate.status.${cap.status}`) : formatShare(cap.actual);
  return element('div', { class: 'gate', role: 'note', dataset: { gate: cap.question } },
    element('strong', {}, format('results.gate.title', { level: cap.gate_level })),
    element('p', {}, format('results.gate.body', {
      question: questionText(view, cap.question),
      required: formatShare(cap.min_score),
      actual,
      by_score: cap.level_by_score,
      capped: cap.capped_at,
    })),
  );
}

function contributions(title, items, view, kind) {
  if (!items.length) return null;
  return element('div', { class: `contributions contributions-${kind}` },
    element('h4', { class: 'contributions-title' }, title),
    element('ul', {}, items.map((c) => element('li', { dataset: { question: c.question } },
      element('span', { class: 'contribution-text' }, questionText(view, c.question),
        c.status === 'skipped' ? element('span', { class: 'tag' }, t('results.skipped')) : null),
      element('span', { class: 'contribution-points' }, kind === 'strongest'
        ? format('results.points.gained', { points: c.points.toFixed(1), max: c.max_points.toFixed(1) })
        : format('results.points.lost', { points: (c.max_points - c.points).toFixed(1) })),
    ))),
  );
}

function disagreements(view) {
  return element('section', { class: 'card', id: 'disagreements' },
    element('h2', { class: 'card-title' }, t('results.disagreements.title')),
    element('p', { class: 'muted' }, t('results.disagreements.body')),
    element('table', { class: 'data-table' },
      element('thead', {}, element('tr', {},
        element('th', {}, t('results.disagreements.question')),
        element('th', { class: 'number' }, t('answer.rater.self')),
        element('th', { class: 'number' }, t('answer.rater.consultant')),
      )),
      element('tbody', {}, view.disagreements.map((d) => element('tr', {},
        element('td', {}, questionText(view, d.question)),
        element('td', { class: 'number' }, formatShare(d.firm_score)),
        element('td', { class: 'number' }, formatShare(d.consultant_score)),
      ))),
    ),
  );
}

function warnings(view) {
  return element('section', { class: 'card', id: 'warnings' },
    element('h2', { class: 'card-title' }, t('results.warnings.title')),
    element('ul', { class: 'warning-list' }, view.warnings.map((w) => element('li', { dataset: { code: w.code } }, localized(w.message)))),
  );
}

async function complete(view) {
  const open = view.progress.total - view.progress.answered;
  const confirmed = await confirmDialog({
    id: 'complete-dialog',
    title: t('results.complete.title'),
    message: [open > 0 ? format('results.complete.open', { count: open }) : t('results.complete.all'), t('results.complete.body')],
    confirmLabel: t('results.complete'),
  });
  if (!confirmed) return;
  await api.completeAssessment(view.assessment.id);
  navigate('results', view.assessment.id);
}

async function reopen(id) {
  await api.reopenAssessment(id);
  navigate('answer', id);
}
