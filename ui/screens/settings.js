// Settings: the display language and where the data file is. More settings come later.

import { appInfo } from '../api.js';
import { element } from '../dom.js';
import { language, setLanguage, t } from '../i18n.js';

export async function render(container) {
  const databaseValue = element('code', { id: 'settings-db-path', class: 'path' }, t('common.loading'));

  const languageOptions = element('div', { class: 'segmented', role: 'group', 'aria-label': t('settings.language.title') },
    ...[['ko', '한국어'], ['en', 'English']].map(([code, label]) =>
      element('button', {
        type: 'button',
        class: 'segmented-option',
        id: `settings-lang-${code}`,
        'aria-pressed': String(language() === code),
        on: { click: () => setLanguage(code) },
      }, label),
    ),
  );

  container.append(
    element('header', { class: 'page-header' },
      element('h1', { class: 'page-title' }, t('settings.title')),
      element('p', { class: 'page-subtitle' }, t('settings.subtitle')),
    ),
    element('div', { class: 'settings-list' },
      element('section', { class: 'card setting' },
        element('div', { class: 'setting-text' },
          element('h2', { class: 'card-title' }, t('settings.language.title')),
          element('p', { class: 'muted' }, t('settings.language.body')),
        ),
        languageOptions,
      ),
      element('section', { class: 'card setting setting-stacked' },
        element('div', { class: 'setting-text' },
          element('h2', { class: 'card-title' }, t('settings.data.title')),
          element('p', { class: 'muted' }, t('settings.data.body')),
        ),
        databaseValue,
      ),
      element('p', { class: 'muted settings-more' }, t('settings.more')),
    ),
  );

  try {
    const info = await appInfo();
    databaseValue.textContent = info.db_path;
  } catch {
    databaseValue.textContent = '—';
  }
}
