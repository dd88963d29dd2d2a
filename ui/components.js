// Pieces several screens share: level badges, progress bars, status labels, empty states and the
// radar chart drawn from the core's geometry.

import { element, icon } from './dom.js';
import { format, language, localized, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A maturity level badge, "수준 2", coloured by level; "—" when there is no level. */
export function levelBadge(level, levelName = null, { large = false } = {}) {
  const known = level !== null && level !== undefined;
  return element('span', {
    class: `level-badge${large ? ' level-badge-large' : ''}`,
    dataset: { level: known ? String(level) : 'none' },
    title: levelName ? localized(levelName) : null,
  },
  element('span', { class: 'level-badge-number' }, known ? format('level.short', { level }) : t('level.none')),
  levelName && large ? element('span', { class: 'level-badge-name' }, localized(levelName)) : null,
  );
}

/** A horizontal progress bar with its percent written beside it. */
export function progressBar(percent, { label = null, id = null, compact = false } = {}) {
  const value = Math.max(0, Math.min(100, Number(percent) || 0));
  const fill = element('span', { class: 'progress-fill', dataset: { percent: String(value) } });
  // Widths go through a CSS custom property set from script; the CSP forbids style attributes.
  fill.style.setProperty('--percent', `${value}%`);
  return element('div', { class: `progress${compact ? ' progress-compact' : ''}`, id },
    element('span', {
      class: 'progress-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(value), 'aria-label': label ?? t('progress.label'),
    }, fill),
    element('span', { class: 'progress-text' }, `${value}%`),
  );
}

/** "Draft" / "Completed" as a badge. */
export function statusBadge(status) {
  return element('span', { class: `status-badge status-${status}` }, t(`status.${status}`));
}

/** "Self-assessment" / "Consultant" for an assessment's mode. */
export function modeLabel(mode) {
  return t(`mode.${mode}`);
}

/** A centred empty state with an icon, a title, a text and actions. */
export function emptyState({ id = null, iconPath, title, body, actions = [] }) {
  return element('section', { class: 'card empty-state', id },
    element('div', { class: 'empty-state-mark' }, icon(iconPath, 'empty-state-icon')),
    element('h2', { class: 'empty-state-title' }, title),
    element('p', { class: 'empty-state-body' }, body),
    actions.length ? element('div', { class: 'empty-state-actions' }, actions) : null,
  );
}

/** A page header with a title, an optional line above it, a subtitle and actions on the right. */
export function pageHeader({ title, eyebrow = null, subtitle = null, actions = [] }) {
  return element('header', { class: 'page-header page-header-row' },
    element('div', { class: 'page-header-text' },
      eyebrow ? element('p', { class: 'page-eyebrow' }, eyebrow) : null,
      element('h1', { class: 'page-title' }, title),
      subtitle ? element('p', { class: 'page-subtitle' }, subtitle) : null,
    ),
    actions.length ? element('div', { class: 'page-actions' }, actions) : null,
  );
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function pointList(points) {
  return points.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' ');
}

/**
 * The radar chart from the core's `RadarChartView`: the same rings, spokes, label places and
 * polygons as the PDF report. `seriesNames` label the series in order (current first).
 */
export function radarChart(view, seriesNames, { id = 'radar-chart' } = {}) {
  const g = view.geometry;
  const lineHeight = view.label_size * 1.3;
  // Room for label lines that stand above the top axis or below the bottom one.
  const margin = lineHeight * 2;
  const box = g.view_box;
  const root = svg('svg', {
    id,
    class: 'radar',
    viewBox: `${box.min_x} ${box.min_y - margin} ${box.width} ${box.height + margin * 2}`,
    role: 'img',
    'aria-label': t('radar.label'),
  });
  const grid = svg('g', { class: 'radar-grid' });
  for (const ring of g.rings) grid.append(svg('polygon', { points: pointList(ring.points), class: 'radar-ring' }));
  for (const axis of g.axes) {
    grid.append(svg('line', { x1: g.center.x, y1: g.center.y, x2: axis.end.x, y2: axis.end.y, class: 'radar-spoke' }));
  }
  root.append(grid);

  // The earlier series first, so that the current shape is drawn on top.
  const order = g.series.map((_, index) => index).reverse();
  for (const index of order) {
    const series = g.series[index];
    const role = index === 0 ? 'current' : 'previous';
    const group = svg('g', { class: `radar-series radar-series-${role}`, 'data-series': String(index) });
    group.append(svg('polygon', { points: pointList(series.points), class: 'radar-area' }));
    for (const p of series.points) group.append(svg('circle', { cx: p.x, cy: p.y, r: 3.2, class: 'radar-dot' }));
    root.append(group);
  }

  for (const label of g.level_labels) {
    const text = svg('text', { x: label.anchor.x, y: label.anchor.y, class: 'radar-level', 'dominant-baseline': 'middle' });
    text.textContent = String(label.level);
    root.append(text);
  }

  g.axes.forEach((axis, index) => {
    const lines = view.labels[index]?.[language()] ?? [];
    const height = lines.length * lineHeight;
    const top = axis.label_vertical_alignment === 'top' ? axis.label_anchor.y
      : axis.label_vertical_alignment === 'bottom' ? axis.label_anchor.y - height
        : axis.label_anchor.y - height / 2;
    const text = svg('text', { class: 'radar-label', 'text-anchor': axis.label_horizontal_alignment, 'font-size': view.label_size });
    lines.forEach((line, lineIndex) => {
      const span = svg('tspan', { x: axis.label_anchor.x, y: (top + lineIndex * lineHeight + lineHeight * 0.78).toFixed(2) });
      span.textContent = line;
      text.append(span);
    });
    root.append(text);
  });

  const legend = element('ul', { class: 'radar-legend' },
    seriesNames.slice(0, g.series.length).map((name, index) =>
      element('li', { class: `radar-legend-item radar-legend-${index === 0 ? 'current' : 'previous'}` },
        element('span', { class: 'radar-swatch', 'aria-hidden': 'true' }), name)),
  );
  return element('figure', { class: 'radar-figure' }, root, seriesNames.length > 1 ? legend : null);
}
