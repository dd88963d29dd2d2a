// Home: the list of assessments (empty for now), the questionnaires on offer, how a diagnosis
// works, and where the data lives.

import { appInfo, listQuestionnaires } from '../api.js';
import { element, icon } from '../dom.js';
import { format, localized, t } from '../i18n.js';

const ICON_CLIPBOARD =
  'M9 3h6a1 1 0 0 1 1 1v1h2a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h2V4a1 1 0 0 1 1-1zm0 2v2h6V5zm-1 7h8v-2H8zm0 4h5v-2H8z';
const ICON_PLUS = 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z';
const ICON_DOCUMENT = 'M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5zM8 13h8v-2H8zm0 4h8v-2H8z';

export async function render(container) {
  const versionValue = element('dd', { id: 'app-version' }, t('common.loading'));
  const databaseValue = element('dd', { id: 'db-path', class: 'path' }, t('common.loading'));
  const questionnaireList = element('ul', { class: 'questionnaire-list', id: 'questionnaire-list' },
    element('li', { class: 'muted' }, t('common.loading')));

  container.append(
    element('header', { class: 'page-header' },
      element('h1', { class: 'page-title' }, t('home.title')),
      element('p', { class: 'page-subtitle' }, t('home.subtitle')),
    ),
    element('div', { class: 'home-columns' },
      element('div', { class: 'home-column home-column-main' },
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
        element('section', { class: 'card' },
          element('h2', { class: 'card-title' }, t('home.questionnaires.title')),
          questionnaireList,
        ),
      ),
      element('div', { class: 'home-column' },
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
    ),
  );

  // Both requests run at once; a failure in one leaves the other's result on screen.
  await Promise.allSettled([
    appInfo().then(
      (info) => {
        versionValue.textContent = info.version;
        databaseValue.textContent = info.db_path;
        databaseValue.title = info.db_path;
        const footer = document.getElementById('sidebar-version');
        if (footer) footer.textContent = `v${info.version}`;
      },
      () => {
        versionValue.textContent = '—';
        databaseValue.textContent = '—';
      },
    ),
    listQuestionnaires().then(
      (questionnaires) => questionnaireList.replaceChildren(...questionnaireItems(questionnaires)),
      () => questionnaireList.replaceChildren(element('li', { class: 'muted' }, '—')),
    ),
  ]);
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
        element('div', { class: 'questionnaire-heading' },
          element('strong', { class: 'questionnaire-title' }, localized(questionnaire.title)),
          element('span', { class: 'badge' },
            t(questionnaire.origin.kind === 'builtin' ? 'home.questionnaires.builtin' : 'home.questionnaires.file')),
        ),
        element('p', { class: 'questionnaire-meta' },
          format('home.questionnaires.count', {
            dimensions: questionnaire.dimension_count,
            questions: questionnaire.question_count,
          }),
          ` · v${questionnaire.version}`,
        ),
      ),
    ),
  );
}
