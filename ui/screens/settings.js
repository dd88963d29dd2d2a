// Settings: the display language; the workspace file (open another, make a new one); backup
// and restore. Paths come from the system's file dialogs and are checked in Rust.

import * as api from '../api.js';
import { pageHeader } from '../components.js';
import { confirmDialog } from '../dialog.js';
import { append, element } from '../dom.js';
import { format, language, setLanguage, t } from '../i18n.js';
import { chooseBackupSource, chooseBackupTarget, chooseWorkspaceToCreate, chooseWorkspaceToOpen, workspaceProblemText } from '../workspace.js';

export async function render(container) {
  const status = await api.workspaceStatus().catch(() => null);
  const databaseValue = element('code', { id: 'settings-db-path', class: 'path' }, status?.path ?? '—');
  const message = element('p', { class: 'settings-message', id: 'settings-message', role: 'status', hidden: true });
  const say = (text) => {
    message.textContent = text;
    message.hidden = false;
  };

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

  const button = (id, label, action, primary = false) => element('button', {
    type: 'button', class: `button${primary ? ' button-primary' : ''}`, id,
    on: {
      click: async (event) => {
        const target = event.currentTarget;
        target.disabled = true;
        try {
          await action();
        } finally {
          target.disabled = false;
        }
      },
    },
  }, label);

  const backup = async () => {
    const path = await chooseBackupTarget();
    if (path) say(format('settings.backup.done', { path }));
  };
  const restore = async () => {
    const path = await chooseBackupSource();
    if (!path) return;
    const confirmed = await confirmDialog({
      id: 'restore-dialog',
      title: t('settings.restore.title'),
      message: [format('settings.restore.body', { path }), t('settings.restore.safe')],
      confirmLabel: t('settings.restore.confirm'),
      danger: true,
    });
    if (!confirmed) return;
    const outcome = await api.restoreWorkspace(path);
    say(format('settings.restore.done', { firms: outcome.organizations, assessments: outcome.assessments, copy: outcome.kept_copy }));
  };

  append(container,
    pageHeader({ title: t('settings.title'), subtitle: t('settings.subtitle') }),
    element('div', { class: 'settings-list' },
      message,
      element('section', { class: 'card setting' },
        element('div', { class: 'setting-text' },
          element('h2', { class: 'card-title' }, t('settings.language.title')),
          element('p', { class: 'muted' }, t('settings.language.body')),
        ),
        languageOptions,
      ),
      element('section', { class: 'card setting setting-stacked', id: 'settings-workspace' },
        element('div', { class: 'setting-text' },
          element('h2', { class: 'card-title' }, t('settings.data.title')),
          element('p', { class: 'muted' }, t('settings.data.body')),
        ),
        databaseValue,
        status && !status.open ? element('p', { class: 'field-problem' }, workspaceProblemText(status.problem)) : null,
        element('div', { class: 'button-row' },
          button('settings-open-workspace', t('workspace.open'), chooseWorkspaceToOpen),
          button('settings-create-workspace', t('workspace.create'), chooseWorkspaceToCreate),
        ),
      ),
      element('section', { class: 'card setting setting-stacked', id: 'settings-backup' },
        element('div', { class: 'setting-text' },
          element('h2', { class: 'card-title' }, t('settings.backup.title')),
          element('p', { class: 'muted' }, t('settings.backup.body')),
        ),
        element('div', { class: 'button-row' },
          button('settings-backup', t('settings.backup.action'), backup, true),
          button('settings-restore', t('settings.restore.action'), restore),
        ),
      ),
    ),
  );
}
