// The UI's words in Korean (the default) and English, and the current language.
//
// Texts that come from the core (questionnaires, reports) carry their own translations; this
// dictionary only holds the app's own labels.

const STORAGE_KEY = 'jindan.language';
const LANGUAGES = ['ko', 'en'];

const dictionary = {
  'app.tagline': { ko: '제조 디지털·AI 성숙도 진단', en: 'Digital and AI maturity for manufacturers' },
  'language.label': { ko: '언어', en: 'Language' },
  'nav.label': { ko: '주 메뉴', en: 'Main menu' },
  'nav.home': { ko: '홈', en: 'Home' },
  'nav.settings': { ko: '설정', en: 'Settings' },
  'common.loading': { ko: '불러오는 중…', en: 'Loading…' },
  'common.version': { ko: '버전', en: 'Version' },
  'common.coming_soon': { ko: '준비 중', en: 'Coming soon' },

  'home.title': { ko: '홈', en: 'Home' },
  'home.subtitle': {
    ko: '우리 공장의 디지털·AI 수준을 진단하고, 다음에 할 일을 정리합니다.',
    en: 'Find where your factory stands in digital and AI use, and what to do next.',
  },
  'home.empty.title': { ko: '아직 평가가 없습니다', en: 'No assessments yet' },
  'home.empty.body': {
    ko: '첫 평가를 시작하면 진행 상황과 결과, 개선 계획이 이곳에 모입니다.',
    en: 'Once you start your first assessment, its progress, results and improvement plan appear here.',
  },
  'home.empty.action': { ko: '새 평가 시작', en: 'Start a new assessment' },
  'home.steps.title': { ko: '진단은 이렇게 진행됩니다', en: 'How a diagnosis works' },
  'home.steps.company': { ko: '기업 정보 입력', en: 'Enter company details' },
  'home.steps.company.body': {
    ko: '업종, 규모, 지역을 적어 두면 비슷한 기업과 비교할 수 있습니다.',
    en: 'Industry, size and region let you compare with similar firms.',
  },
  'home.steps.answer': { ko: '문항 응답', en: 'Answer the questions' },
  'home.steps.answer.body': {
    ko: '영역별 문항에 답하고, 근거 자료와 메모를 함께 남깁니다.',
    en: 'Answer each area’s questions and keep evidence and notes with them.',
  },
  'home.steps.result': { ko: '결과와 개선 계획', en: 'Results and plan' },
  'home.steps.result.body': {
    ko: '영역별 수준과 점수의 근거를 보고, 우선순위에 따라 개선 과제를 정합니다.',
    en: 'See each area’s level and why, then pick improvements in order of priority.',
  },
  'home.questionnaires.title': { ko: '진단 설문', en: 'Questionnaires' },
  'home.questionnaires.count': { ko: '{dimensions}개 영역 · {questions}문항', en: '{dimensions} areas · {questions} questions' },
  'home.questionnaires.builtin': { ko: '기본 제공', en: 'Built in' },
  'home.questionnaires.file': { ko: '추가 파일', en: 'From a file' },
  'home.questionnaires.none': { ko: '사용할 수 있는 설문이 없습니다.', en: 'No questionnaires are available.' },
  'home.install.title': { ko: '설치 정보', en: 'Installation' },
  'home.install.database': { ko: '데이터 파일', en: 'Data file' },

  'settings.title': { ko: '설정', en: 'Settings' },
  'settings.subtitle': { ko: '화면 언어와 데이터 위치를 확인합니다.', en: 'Display language and where your data is kept.' },
  'settings.language.title': { ko: '화면 언어', en: 'Display language' },
  'settings.language.body': {
    ko: '문항과 보고서도 이 언어로 표시됩니다.',
    en: 'Questions and reports are shown in this language too.',
  },
  'settings.data.title': { ko: '데이터 위치', en: 'Data location' },
  'settings.data.body': {
    ko: '모든 평가는 이 컴퓨터의 파일 하나에 저장됩니다. 백업하려면 이 파일을 복사하세요.',
    en: 'All assessments are kept in one file on this computer. Copy it to make a backup.',
  },
  'settings.more': { ko: '더 많은 설정이 곧 추가됩니다.', en: 'More settings are on the way.' },

  'error.bad_input': { ko: '입력한 내용을 확인해 주세요.', en: 'Please check what you entered.' },
  'error.not_found': { ko: '찾는 항목이 없습니다.', en: 'The item could not be found.' },
  'error.storage': { ko: '데이터를 읽거나 저장하지 못했습니다.', en: 'The data could not be read or saved.' },
  'error.internal': { ko: '예상하지 못한 문제가 생겼습니다.', en: 'Something unexpected went wrong.' },
  'error.no_tauri': {
    ko: '이 화면은 Jindan 앱 안에서만 동작합니다.',
    en: 'This screen only works inside the Jindan app.',
  },
  'error.dismiss': { ko: '닫기', en: 'Dismiss' },
};

const listeners = new Set();
let currentLanguage = readSavedLanguage();

function readSavedLanguage() {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // Storage can be unavailable (private mode, locked-down profile); Korean is the default.
  }
  return 'ko';
}

/** The current language code, "ko" or "en". */
export function language() {
  return currentLanguage;
}

/** The text for `key` in the current language; the key itself when it is missing, so gaps show. */
export function t(key) {
  const entry = dictionary[key];
  if (!entry) {
    console.warn(`i18n: no text for "${key}"`);
    return key;
  }
  return entry[currentLanguage] ?? entry.ko;
}

/** The text for `key` with `{name}` placeholders filled from `values`. */
export function format(key, values) {
  return t(key).replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

/** Picks the current language from a `{ ko, en }` text that came from the core. */
export function localized(text) {
  if (!text || typeof text !== 'object') return String(text ?? '');
  return text[currentLanguage] || text.ko || '';
}

/** Switches the language, remembers it and tells every listener. */
export function setLanguage(code) {
  if (!LANGUAGES.includes(code) || code === currentLanguage) return;
  currentLanguage = code;
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembering the choice is acceptable.
  }
  for (const listener of listeners) listener(code);
}

/** Calls `listener(code)` after every language change. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills the static page: `data-i18n` sets the text, `data-i18n-aria-label` the accessible name. */
export function translateStaticText(root = document) {
  document.documentElement.lang = currentLanguage;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  }
}
