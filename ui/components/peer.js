// "You vs firms like you": an assessment's scores beside the nearest published cell of the
// installed peer benchmark, named in words. Draws nothing when no benchmark covers the
// assessment. The comparison and the cell's name come from the core (`peer_comparison`).

import * as api from '../api.js';
import { element } from '../dom.js';
import { formatChange, formatScore } from '../format.js';
import { format, localized, t } from '../i18n.js';

/** A card that fills itself once the comparison has loaded; hidden when there is none. */
export function peerCard(assessmentId, { id = 'peer-card' } = {}) {
  const card = element('section', { class: 'card peer-card', id, hidden: true });
  api.peerComparison(assessmentId).then((comparison) => {
    if (!comparison) return;
    fill(card, comparison);
    card.hidden = false;
  }, () => {});
  return card;
}

function fill(card, c) {
  const row = (m, overall = false) => {
    const you = m.you;
    const peers = m.peers;
    const shareOf = (value) => `${Math.max(0, Math.min(100, value ?? 0))}%`;
    const bar = element('span', { class: 'peer-bar', 'aria-hidden': 'true' },
      peers ? element('span', { class: 'peer-spread' }) : null,
      peers ? element('span', { class: 'peer-median' }) : null,
      you != null ? element('span', { class: 'peer-you' }) : null);
    // Positions go through custom properties; the CSP forbids style attributes.
    if (peers) {
      bar.style.setProperty('--p25', shareOf(peers.p25));
      bar.style.setProperty('--p75', shareOf(peers.p75));
      bar.style.setProperty('--median', shareOf(peers.median));
    }
    if (you != null) bar.style.setProperty('--you', shareOf(you));
    return element('tr', { class: overall ? 'peer-overall' : null, dataset: { measure: m.id, position: m.position ?? 'none' } },
      element('th', { scope: 'row' }, localized(m.name)),
      element('td', { class: 'cell-number' }, formatScore(you)),
      element('td', { class: 'cell-number' }, formatScore(peers?.median)),
      element('td', { class: 'peer-bar-cell' }, bar),
      element('td', { class: 'nowrap' }, m.position ? t(`peer.position.${m.position}`) : '—',
        m.difference_from_median != null ? element('span', { class: 'muted' }, ` (${formatChange(m.difference_from_median)})`) : null));
  };
  card.replaceChildren(
    element('h2', { class: 'card-title' }, t('peer.title')),
    element('p', { class: 'peer-group', id: `${card.id}-group` },
      format('peer.group', { group: localized(c.peers), firms: c.firms })),
    element('p', { class: 'muted' }, format('peer.published', { date: c.published_on, by: c.published_by ?? t('peer.centre') })),
    element('table', { class: 'data-table peer-table' },
      element('thead', {}, element('tr', {},
        element('th', {}), element('th', { class: 'cell-number' }, t('peer.col.you')), element('th', { class: 'cell-number' }, t('peer.col.median')),
        element('th', {}, t('peer.col.spread')), element('th', {}, t('peer.col.where')))),
      element('tbody', {}, row(c.overall, true), c.dimensions.map((m) => row(m)))),
    element('p', { class: 'field-hint' }, t('peer.legend')),
  );
}
