// Home: the list of assessments (empty for now), how a diagnosis works, and where data lives.

import { appInfo } from '../api.js';
import { element, icon } from '../dom.js';
import { t } from '../i18n.js';

const ICON_CLIPBOARD =
  'M9 3h6a1 1 0 0 1 1 1v1h2a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h2V4a1 1 0 0 1 1-1zm0 2v2h6V5zm-1 7h8v-2H8zm0 4h5v-2H8z';
const ICON_PLUS = 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z';

export async function render(container) {
  const versionValue = element('dd', { id: 'app-version' }, t('common.loading'));
  const databaseValue = element('dd', { id: 'db-path', class: 'path' }, t('common.loading'));

  container.append(
    element('header', { class: 'page-header' },
      element('h1', { class: 'page-title' }, t('home.title')),
      element('p', { class: 'page-subtitle' }, t('home.subtitle')),
    ),
    element('div', { class: 'home-grid' },
      element('section', { class: 'card empty-state', id: 'assessments-empty' },
        element('div', { class: 'empty-state-mark' }, icon(ICON_CLIPBOARD, 'empty-state-icon')),
        element('h2', { class: 'empty-state-title' }, t('home.empty.title')),
        element('p', { class: 'empty-state-body' }, t('home.empty.body')),
        element('div', { class: 'empty-state-actions' },
          element('button', { type: 'button', class: 'button button-primary', id: 'new-assessment', disabled: true },
            icon(ICON_PLUS, 'button-icon'), t('home.empty.action')),
          element('span', { class: 'badge' }, t('common.coming_soon')),
        ),
      ),
      element('section', { class: 'card steps' },
        element('h2', { class: 'card-title' }, t('home.steps.title')),
        element('ol', { class: 'step-list' },
          step(1, 'home.steps.company'),
          step(2, 'home.steps.answer'),
          step(3, 'home.steps.result'),
        ),
      ),
      element('section', { class: 'card install' },
        element('h2', { class: 'card-title' }, t('home.install.title')),
        element('dl', { class: 'facts' },
          element('dt', {}, t('common.version')), versionValue,
          element('dt', {}, t('home.install.database')), databaseValue,
        ),
      ),
    ),
  );

  try {
    const info = await appInfo();
    versionValue.textContent = info.version;
    databaseValue.textContent = info.db_path;
    databaseValue.title = info.db_path;
    const footer = document.getElementById('sidebar-version');
    if (footer) footer.textContent = `v${info.version}`;
  } catch {
    // The banner already explains the failure; leave the placeholders as they are.
    versionValue.textContent = '—';
    databaseValue.textContent = '—';
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
