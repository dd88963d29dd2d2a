// Modal dialogs built on <dialog>: a confirmation and a small form. They resolve with the user's
// choice; Escape and the cancel button resolve with null.

import { element } from './dom.js';
import { t } from './i18n.js';

/**
 * Shows a dialog with `body` (nodes) and two buttons. Resolves with `collect()` when confirmed
 * (or true without it), null when cancelled. `validate()` may return a message that keeps the
 * dialog open.
 */
export function showDialog({ id, title, body = [], confirmLabel, danger = false, collect = null, validate = null }) {
  return new Promise((resolve) => {
    const problem = element('p', { class: 'dialog-problem', role: 'alert', hidden: true });
    const confirm = element('button', { type: 'submit', class: `button ${danger ? 'button-danger' : 'button-primary'}`, id: `${id}-confirm` }, confirmLabel);
    const cancel = element('button', { type: 'button', class: 'button', id: `${id}-cancel` }, t('common.cancel'));
    const form = element('form', { class: 'dialog-form', method: 'dialog' },
      element('h2', { class: 'dialog-title' }, title),
      element('div', { class: 'dialog-body' }, body),
      problem,
      element('div', { class: 'dialog-actions' }, cancel, confirm),
    );
    const dialog = element('dialog', { class: 'dialog', id, 'aria-label': title }, form);
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const message = validate ? validate() : null;
      if (message) {
        problem.textContent = message;
        problem.hidden = false;
        return;
      }
      finish(collect ? collect() : true);
    });
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = dialog.querySelector('[autofocus]') ?? (danger ? cancel : confirm);
    first.focus();
  });
}

/** Asks a yes/no question; resolves with true or null. */
export function confirmDialog({ id, title, message, confirmLabel, danger = false }) {
  const paragraphs = (Array.isArray(message) ? message : [message]).map((text) => element('p', {}, text));
  return showDialog({ id, title, body: paragraphs, confirmLabel, danger });
}
