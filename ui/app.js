// Entry point: translates the frame, wires the language switch and the error banner, and starts
// the router.

import { appInfo, clearError, firstScreenReady, showError } from './api.js';
import { language, onLanguageChange, setLanguage, translateStaticText } from './i18n.js';
import { renderCurrentScreen, startRouter } from './router.js';

function updateLanguageButtons() {
  for (const button of document.querySelectorAll('.language-option')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
}

/** Resolves once the browser has painted the current state of the page. */
function afterNextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

function start() {
  // Where a cold start spends its time (printed by the shell for scripts/app-bench.sh): page load
  // started, this script started, first screen drawn with its data, fonts ready.
  const marks = [performance.timeOrigin, performance.timeOrigin + performance.now()];
  const mark = () => marks.push(performance.timeOrigin + performance.now());
  translateStaticText();
  updateLanguageButtons();

  for (const button of document.querySelectorAll('.language-option')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  onLanguageChange(() => {
    translateStaticText();
    updateLanguageButtons();
    clearError();
    renderCurrentScreen();
  });

  document.getElementById('error-banner-close').addEventListener('click', clearError);
  appInfo().then((info) => {
    document.getElementById('sidebar-version').textContent = `v${info.version}`;
  }, () => {});
  window.addEventListener('hashchange', clearError);
  window.addEventListener('unhandledrejection', (event) => showError(event.reason));
  window.addEventListener('error', (event) => showError(event.error ?? event.message));

  // Tests and screenshots wait for this mark: the first screen has drawn with its data and
  // its fonts.
  startRouter(document.getElementById('screen'))
    .then(mark)
    .then(() => document.fonts.ready)
    .then(mark)
    .then(afterNextPaint)
    .finally(() => {
      document.body.dataset.ready = 'true';
      firstScreenReady(marks).catch(() => {});
    });
}

start();
