// A list of the workspace's assessments to choose from, for screens that work on one assessment
// (plan, report) when the address names none. Each entry links to `#/SCREEN/ID`.

import * as api from '../api.js';
import { emptyState, levelBadge, statusBadge } from '../components.js';
import { element } from '../dom.js';
import { formatDate } from '../format.js';
import { localized, t } from '../i18n.js';

const ICON = 'M4 4h16v2H4zm0 5h10v2H4zm0 5h16v2H4zm0 5h10v2H4z';

/** The firms with their assessments, newest first, each linking to `#/screen/ID`. */
export async function assessmentPicker(screen, { id }) {
  const firms = (await api.workspaceOverview('')).filter((f) => f.assessments.length);
  if (!firms.length) {
    return emptyState({
      id: `${id}-empty`, iconPath: ICON, title: t('picker.empty.title'), body: t('picker.empty.body'),
      actions: [element('a', { class: 'button button-primary', href: '#/home' }, t('picker.empty.action'))],
    });
  }
  return element('section', { class: 'card picker', id },
    element('h2', { class: 'card-title' }, t('picker.title')),
    element('table', { class: 'data-table' },
      element('thead', {}, element('tr', {},
        element('th', {}, t('picker.col.firm')), element('th', {}, t('home.col.questionnaire')),
        element('th', {}, t('home.col.started')), element('th', {}, t('home.col.status')),
        element('th', {}, t('home.col.level')), element('th', {}))),
      element('tbody', {}, firms.flatMap((f) => f.assessments.map((a) =>
        element('tr', { dataset: { assessment: String(a.id) } },
          element('th', { scope: 'row' }, f.organization.name),
          element('td', {}, localized(a.questionnaire_title)),
          element('td', {}, formatDate(a.started_at)),
          element('td', {}, statusBadge(a.status)),
          element('td', {}, levelBadge(a.overall.level)),
          element('td', { class: 'col-actions' },
            element('a', { class: 'button button-small', href: `#/${screen}/${a.id}`, dataset: { action: 'open' } }, t(`picker.open.${screen}`)))))))),
  );
}
