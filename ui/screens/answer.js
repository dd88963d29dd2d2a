// Answering ("#/answer/12"): dimension by dimension, every answer saved the moment it is given.
//
// The core decides everything that counts: which questions show (skip logic), how far each
// dimension is, where to resume, whether a value is acceptable. This screen draws, takes clicks
// and keys, and sends each change to `save_answer` in order, showing "saving…", "saved 10:42:05"
// or the problem.
//
// Keys (on a question): 1–9 choose an option (Shift for the consultant's rating), 0 or N for
// N/A, ↑/↓ (or K/J) move between questions, ←/→ between dimensions, Enter goes to the answer
// field or the note, Escape comes back to the question.

import * as api from '../api.js';
import { pageHeader, progressBar } from '../components.js';
import { append, element, icon } from '../dom.js';
import { formatDate, formatTime } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate } from '../router.js';

const NA = 'n/a';
const TEXT_DEBOUNCE_MS = 800;
const ICON_CHECK = 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7z';
const ICON_KEYBOARD = 'M3 6h18a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1zm2 3v2h2V9zm4 0v2h2V9zm4 0v2h2V9zm4 0v2h2V9zM7 13v2h10v-2z';

export async function render(container, params) {
  const id = Number(params[0]);
  const view = await api.answeringView(id);
  const screen = new AnsweringScreen(container, view);
  screen.draw();
  return () => screen.leave();
}

class AnsweringScreen {
  constructor(container, view) {
    this.container = container;
    this.view = view;
    this.id = view.assessment.id;
    this.readOnly = view.assessment.status === 'completed';
    this.raters = view.assessment.mode === 'consultant' ? ['self', 'consultant'] : ['self'];
    // Notes and evidence are written by whoever runs the assessment.
    this.writer = view.assessment.mode === 'consultant' ? 'consultant' : 'self';
    this.questions = new Map(view.questions.map((q, index) => [q.id, { ...q, number: index + 1 }]));
    this.values = new Map(view.questions.map((q) => [q.id, { self: q.self?.value ?? null, consultant: q.consultant?.value ?? null }]));
    this.savedValues = new Map([...this.values].map(([k, v]) => [k, { ...v }]));
    this.state = view.state;
    this.cards = new Map();
    this.gridCursor = new Map();
    this.timers = new Map();
    this.saveChain = Promise.resolve();
    this.pendingSaves = 0;
    this.savedCount = 0;
    this.currentDimension = null;
    this.activeCard = null;
    this.onKey = (event) => this.handleKey(event);
  }

  // ---- drawing ----

  draw() {
    const a = this.view.assessment;
    this.status = element('p', { class: 'save-status', id: 'save-status', role: 'status', 'aria-live': 'polite', dataset: { state: 'idle', savedCount: '0' } },
      t('answer.save.idle'));
    this.progress = element('div', { class: 'answer-progress', id: 'answer-progress' });
    this.nav = element('ol', { class: 'dimension-nav', id: 'dimension-nav' });
    this.page = element('section', { class: 'dimension-page', id: 'dimension-page' });
    const meta = [t(`mode.${a.mode}`), a.assessor, format('answer.started', { date: formatDate(a.started_at) })].filter(Boolean);
    if (this.view.previous_started_at) meta.push(format('answer.reassessment_of', { date: formatDate(this.view.previous_started_at) }));

    append(this.container,
      pageHeader({
        eyebrow: a.organization_name,
        title: localized(this.view.questionnaire.title),
        subtitle: meta.join(' · '),
        actions: [
          this.status,
          element('a', { class: 'button', href: `#/results/${this.id}`, id: 'to-results-top' }, t('answer.to_results')),
        ],
      }),
      this.readOnly ? this.completedBanner() : null,
      element('div', { class: 'card answer-progress-card' }, this.progress, this.keyboardHelp()),
      element('div', { class: 'answer-layout' },
        element('nav', { class: 'dimension-sidebar', 'aria-label': t('answer.dimensions') }, this.nav),
        this.page,
      ),
    );

    for (const dimension of this.view.dimensions) {
      const questions = this.view.questions.filter((q) => q.dimension === dimension.id);
      const section = element('div', { class: 'dimension-questions', dataset: { dimension: dimension.id }, hidden: true },
        element('header', { class: 'dimension-header' },
          element('p', { class: 'page-eyebrow' }, format('answer.dimension_of', {
            index: this.view.dimensions.indexOf(dimension) + 1, count: this.view.dimensions.length,
          })),
          element('h2', { class: 'dimension-title' }, localized(dimension.name)),
          element('p', { class: 'muted' }, localized(dimension.description)),
        ),
        questions.map((q) => this.questionCard(this.questions.get(q.id))),
        this.pageFooter(dimension),
      );
      this.page.append(section);
    }
    this.drawNav();
    this.applyState(this.state, { animate: false });

    const resume = this.view.resume_question ? this.questions.get(this.view.resume_question) : null;
    this.showDimension(resume?.dimension ?? this.view.dimensions[0]?.id, { focus: resume?.id ?? 'first' });
    document.addEventListener('keydown', this.onKey);
  }

  completedBanner() {
    const reopen = element('button', { type: 'button', class: 'button', id: 'reopen-assessment' }, t('answer.reopen'));
    reopen.addEventListener('click', async () => {
      await api.reopenAssessment(this.id);
      navigate('answer', this.id);
    });
    return element('div', { class: 'notice notice-row', id: 'completed-banner' }, element('span', {}, t('answer.completed')), reopen);
  }

  keyboardHelp() {
    const consultant = this.raters.length > 1;
    const keys = [
      ['1–9', t('answer.keys.choose')],
      consultant ? ['Shift + 1–9', t('answer.keys.consultant')] : null,
      ['0 / N', t('answer.keys.na')],
      ['↑ ↓', t('answer.keys.questions')],
      ['← →', t('answer.keys.dimensions')],
      ['Enter', t('answer.keys.notes')],
    ].filter(Boolean);
    return element('details', { class: 'keyboard-help', id: 'keyboard-help' },
      element('summary', {}, icon(ICON_KEYBOARD, 'inline-icon'), t('answer.keys.title')),
      element('ul', { class: 'key-list' }, keys.map(([key, text]) => element('li', {}, element('kbd', {}, key), text))),
    );
  }

  drawNav() {
    this.navItems = new Map();
    this.nav.replaceChildren(...this.view.dimensions.map((dimension, index) => {
      const count = element('span', { class: 'dimension-count' });
      const bar = element('span', { class: 'dimension-bar' }, element('span', { class: 'dimension-bar-fill' }));
      const button = element('button', {
        type: 'button', class: 'dimension-link', dataset: { dimension: dimension.id },
        on: { click: () => this.showDimension(dimension.id, { focus: 'first' }) },
      },
      element('span', { class: 'dimension-index' }, String(index + 1)),
      element('span', { class: 'dimension-name' }, localized(dimension.name), bar),
      count,
      );
      this.navItems.set(dimension.id, { button, count, bar });
      return element('li', {}, button);
    }));
  }

  pageFooter(dimension) {
    const index = this.view.dimensions.indexOf(dimension);
    const previous = this.view.dimensions[index - 1];
    const next = this.view.dimensions[index + 1];
    return element('footer', { class: 'dimension-footer' },
      previous
        ? element('button', { type: 'button', class: 'button', dataset: { nav: 'previous' }, on: { click: () => this.showDimension(previous.id, { focus: 'first' }) } },
          `← ${localized(previous.name)}`)
        : element('span', {}),
      next
        ? element('button', { type: 'button', class: 'button button-primary', dataset: { nav: 'next' }, on: { click: () => this.showDimension(next.id, { focus: 'first' }) } },
          `${localized(next.name)} →`)
        : element('a', { class: 'button button-primary', href: `#/results/${this.id}`, id: 'to-results' }, t('answer.to_results')),
    );
  }

  questionCard(q) {
    const problem = element('p', { class: 'question-problem', role: 'alert', hidden: true });
    const savedMark = element('span', { class: 'question-saved', 'aria-hidden': 'true' }, icon(ICON_CHECK, 'inline-icon'), t('answer.saved_short'));
    const card = element('article', {
      class: 'question', id: `q-${q.id}`, tabindex: '0',
      dataset: { question: q.id, type: q.type, dimension: q.dimension },
      'aria-labelledby': `q-${q.id}-text`,
    },
    element('header', { class: 'question-header' },
      element('span', { class: 'question-number' }, `Q${q.number}`),
      element('h3', { class: 'question-text', id: `q-${q.id}-text` }, localized(q.text)),
      savedMark,
    ),
    q.help ? element('p', { class: 'question-help' }, localized(q.help)) : null,
    this.kindHint(q),
    q.evidence?.length ? this.evidenceList(q) : null,
    element('div', { class: `raters raters-${this.raters.length}${q.type === 'grid' ? ' raters-stacked' : ''}` },
      this.raters.map((rater) => this.raterBlock(q, rater))),
    q.previous_value != null ? element('p', { class: 'previous-answer' }, t('answer.previous'), ' ', element('span', {}, describeValue(q, q.previous_value))) : null,
    problem,
    q.allow_na ? element('p', { class: 'na-hint', hidden: true }, t('answer.na_hint')) : null,
    this.notesBlock(q),
    );
    card.addEventListener('focusin', () => this.setActive(card));
    card.addEventListener('pointerdown', () => this.setActive(card));
    this.cards.set(q.id, { card, problem, q });
    this.markSaved(q.id);
    for (const rater of this.raters) this.renderValue(q.id, rater);
    return card;
  }

  kindHint(q) {
    const keys = {
      multi: 'answer.kind.multi', grid: 'answer.kind.grid', numeric: 'answer.kind.numeric', text: 'answer.kind.text',
    };
    if (!keys[q.type]) return null;
    const text = q.type === 'numeric'
      ? format(keys[q.type], { min: q.min, max: q.max, unit: q.unit ? localized(q.unit) : '' })
      : t(keys[q.type]);
    return element('p', { class: 'question-kind' }, text);
  }

  evidenceList(q) {
    return element('details', { class: 'evidence' },
      element('summary', {}, format('answer.evidence', { count: q.evidence.length })),
      element('ul', { class: 'evidence-list' }, q.evidence.map((e) =>
        element('li', {}, element('span', { class: 'level-chip', dataset: { level: String(e.level) } }, format('level.short', { level: e.level })), localized(e.text)))),
    );
  }

  raterBlock(q, rater) {
    const label = this.raters.length > 1 ? element('h4', { class: 'rater-title' }, t(`answer.rater.${rater}`)) : null;
    let control;
    switch (q.type) {
      case 'single':
      case 'multi':
        control = this.optionList(q, rater);
        break;
      case 'grid':
        control = this.gridTable(q, rater);
        break;
      case 'numeric':
        control = this.numericInput(q, rater);
        break;
      default:
        control = this.textInput(q, rater);
    }
    return element('div', { class: 'rater', dataset: { rater } }, label, control,
      q.allow_na && (q.type === 'grid' || q.type === 'numeric' || q.type === 'text') ? this.naButton(q, rater, 0) : null);
  }

  optionList(q, rater) {
    const multi = q.type === 'multi';
    const buttons = q.options.map((option, index) => element('button', {
      type: 'button', class: `option${option.exclusive ? ' option-exclusive' : ''}`, tabindex: '-1',
      role: multi ? 'checkbox' : 'radio', 'aria-checked': 'false', disabled: this.readOnly,
      dataset: { option: option.id, rater },
      on: { click: () => this.choose(q.id, rater, index) },
    },
    element('span', { class: 'key' }, index < 9 ? String(index + 1) : ''),
    element('span', { class: 'option-label' }, localized(option.label)),
    ));
    if (q.allow_na) buttons.push(this.naButton(q, rater, buttons.length));
    return element('div', { class: 'options', role: multi ? 'group' : 'radiogroup', 'aria-labelledby': `q-${q.id}-text` }, buttons);
  }

  naButton(q, rater) {
    return element('button', {
      type: 'button', class: 'option option-na', tabindex: '-1', role: 'checkbox', 'aria-checked': 'false', disabled: this.readOnly,
      dataset: { option: NA, rater },
      on: { click: () => this.toggleNotApplicable(q.id, rater) },
    }, element('span', { class: 'key' }, '0'), element('span', { class: 'option-label' }, t('answer.na')));
  }

  gridTable(q, rater) {
    return element('table', { class: 'grid-table' },
      element('thead', {}, element('tr', {},
        element('th', { scope: 'col' }, element('span', { class: 'visually-hidden' }, t('answer.grid.row'))),
        q.scale.map((step, index) => element('th', { scope: 'col', class: 'grid-step' },
          element('span', { class: 'key' }, String(index + 1)), element('span', { class: 'grid-step-label' }, localized(step.label)))),
      )),
      element('tbody', {}, q.rows.map((row, rowIndex) => element('tr', { dataset: { row: row.id } },
        element('th', { scope: 'row', class: 'grid-row-label' }, localized(row.label)),
        q.scale.map((step, index) => element('td', { class: 'grid-cell-wrap' },
          element('button', {
            type: 'button', class: 'grid-cell', tabindex: '-1', role: 'radio', 'aria-checked': 'false', disabled: this.readOnly,
            'aria-label': `${localized(row.label)}: ${localized(step.label)}`,
            dataset: { row: row.id, step: step.id, rater },
            on: { click: () => this.rateRow(q.id, rater, rowIndex, index) },
          }, String(index + 1)))),
      ))),
    );
  }

  numericInput(q, rater) {
    const input = element('input', {
      type: 'text', inputmode: 'decimal', class: 'input numeric-input', dataset: { rater }, readonly: this.readOnly,
      'aria-label': `${localized(q.text)} (${t(`answer.rater.${rater}`)})`,
    });
    const commit = () => this.commitNumber(q.id, rater, input);
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
        this.cards.get(q.id).card.querySelector('.note-input')?.focus();
      }
    });
    return element('div', { class: 'numeric' }, input,
      q.unit ? element('span', { class: 'numeric-unit' }, localized(q.unit)) : null,
      element('span', { class: 'numeric-range' }, format('answer.numeric.range_hint', { min: q.min, max: q.max })));
  }

  textInput(q, rater) {
    const input = element('textarea', {
      class: 'input text-answer', rows: '3', dataset: { rater }, readonly: this.readOnly,
      'aria-label': `${localized(q.text)} (${t(`answer.rater.${rater}`)})`, placeholder: t('answer.text.placeholder'),
    });
    const commit = () => {
      const text = input.value;
      this.setValue(q.id, rater, text.trim() === '' ? null : text);
    };
    input.addEventListener('input', () => this.debounce(`text:${q.id}:${rater}`, commit));
    input.addEventListener('blur', () => this.flush(`text:${q.id}:${rater}`));
    return input;
  }

  notesBlock(q) {
    const own = q[this.writer];
    const other = this.raters.find((r) => r !== this.writer);
    const otherRecord = other ? q[other] : (this.writer === 'self' ? q.consultant : null);
    const field = (kind, label, value) => {
      const input = element('textarea', {
        class: `input ${kind}-input`, rows: '2', readonly: this.readOnly, dataset: { kind },
        placeholder: t(`answer.${kind}.placeholder`),
      }, value ?? '');
      input.addEventListener('input', () => {
        this.debounce(`${kind}:${q.id}`, () => this.saveText(q.id, kind, input.value));
        if (kind === 'note') input.closest('.question').querySelector('.na-hint')?.toggleAttribute('hidden', input.value.trim() !== '' || !this.raters.some((r) => this.values.get(q.id)[r] === NA));
      });
      input.addEventListener('blur', () => this.flush(`${kind}:${q.id}`));
      return element('label', { class: 'note-field' }, element('span', { class: 'field-label' }, label), input);
    };
    const others = [otherRecord?.note, otherRecord?.evidence].filter(Boolean);
    return element('div', { class: 'question-notes' },
      field('note', t('answer.note'), own?.note),
      field('evidence', t('answer.evidence_given'), own?.evidence),
      others.length ? element('p', { class: 'other-notes' }, t(`answer.other_notes.${this.writer === 'self' ? 'consultant' : 'self'}`), ' ', others.join(' · ')) : null,
    );
  }

  // ---- showing state ----

  renderValue(questionId, rater) {
    const { card, q } = this.cards.get(questionId);
    const value = this.values.get(questionId)[rater];
    const isNa = value === NA;
    for (const button of card.querySelectorAll(`.option[data-rater="${rater}"]`)) {
      const option = button.dataset.option;
      const on = option === NA ? isNa
        : q.type === 'multi' ? Array.isArray(value) && value.includes(option)
          : value === option;
      button.setAttribute('aria-checked', String(on));
    }
    for (const cell of card.querySelectorAll(`.grid-cell[data-rater="${rater}"]`)) {
      const on = !isNa && value && typeof value === 'object' && value[cell.dataset.row] === cell.dataset.step;
      cell.setAttribute('aria-checked', String(Boolean(on)));
    }
    // N/A leaves the score alone, so the reason belongs in the note.
    const naHint = card.querySelector('.na-hint');
    if (naHint) {
      const anyNa = this.raters.some((r) => this.values.get(questionId)[r] === NA);
      naHint.hidden = !anyNa || Boolean(card.querySelector('.note-input')?.value.trim());
    }
    const numeric = card.querySelector(`.numeric-input[data-rater="${rater}"]`);
    if (numeric && document.activeElement !== numeric) numeric.value = typeof value === 'number' ? String(value) : '';
    if (numeric) numeric.disabled = isNa;
    const text = card.querySelector(`.text-answer[data-rater="${rater}"]`);
    if (text && document.activeElement !== text) text.value = typeof value === 'string' && !isNa ? value : '';
    if (text) text.disabled = isNa;
  }

  markSaved(questionId) {
    const { card } = this.cards.get(questionId);
    const saved = this.savedValues.get(questionId);
    // What is on disk, for anyone checking (the crash test compares it after a restart).
    card.dataset.savedSelf = JSON.stringify(saved.self);
    card.dataset.savedConsultant = JSON.stringify(saved.consultant);
  }

  applyState(state, { animate = true } = {}) {
    this.state = state;
    for (const s of state.questions) {
      const entry = this.cards.get(s.id);
      if (!entry) continue;
      const wasVisible = entry.card.dataset.visible === 'true';
      entry.card.dataset.visible = String(s.visible);
      entry.card.dataset.answered = String(s.answered);
      entry.card.hidden = !s.visible;
      if (animate && s.visible && !wasVisible) {
        entry.card.classList.remove('just-shown');
        void entry.card.offsetWidth;
        entry.card.classList.add('just-shown');
      }
    }
    for (const d of state.dimensions) {
      const item = this.navItems.get(d.id);
      if (!item) continue;
      item.count.textContent = `${d.answered}/${d.total}`;
      item.bar.firstChild.style.setProperty('--percent', `${d.percent}%`);
      item.button.dataset.complete = String(d.total > 0 && d.answered === d.total);
    }
    this.progress.replaceChildren(
      element('span', { class: 'answer-progress-text', id: 'answer-progress-text' },
        format('answer.progress', { answered: state.progress.answered, total: state.progress.total })),
      progressBar(state.progress.percent, { label: t('answer.progress.label') }),
    );
    this.progress.dataset.percent = String(state.progress.percent);
    // A question skip logic just hid cannot keep the focus.
    if (this.activeCard?.hidden) this.move(1);
  }

  showDimension(dimensionId, { focus = null } = {}) {
    if (!dimensionId) return;
    this.currentDimension = dimensionId;
    for (const section of this.page.querySelectorAll('.dimension-questions')) section.hidden = section.dataset.dimension !== dimensionId;
    for (const [id, item] of this.navItems) {
      if (id === dimensionId) item.button.setAttribute('aria-current', 'step');
      else item.button.removeAttribute('aria-current');
    }
    const cards = this.visibleCards().filter((card) => card.dataset.dimension === dimensionId);
    const target = focus === 'first' ? cards[0] : focus === 'last' ? cards[cards.length - 1] : this.cards.get(focus)?.card;
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: focus === 'first' ? 'end' : 'center' });
      if (focus === 'first') window.scrollTo(0, 0);
    }
  }

  visibleCards() {
    return [...this.cards.values()].map((entry) => entry.card).filter((card) => !card.hidden);
  }

  setActive(card) {
    if (this.activeCard === card) return;
    this.activeCard?.classList.remove('active');
    this.activeCard = card;
    card.classList.add('active');
  }

  /** Moves the focus to the next (1) or previous (−1) question on show, across dimensions. */
  move(step) {
    const all = [...this.cards.values()].map((entry) => entry.card);
    const from = this.activeCard ? all.indexOf(this.activeCard) : -1;
    let next = null;
    for (let i = from + step; i >= 0 && i < all.length; i += step) {
      if (!all[i].hidden) {
        next = all[i];
        break;
      }
    }
    // At the end, a question that skip logic just hid hands the focus back instead.
    if (!next && this.activeCard?.hidden) {
      for (let i = from - step; i >= 0 && i < all.length; i -= step) {
        if (!all[i].hidden) {
          next = all[i];
          break;
        }
      }
    }
    if (!next) return;
    if (next.dataset.dimension !== this.currentDimension) this.showDimension(next.dataset.dimension);
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: 'nearest' });
  }

  moveDimension(step) {
    const index = this.view.dimensions.findIndex((d) => d.id === this.currentDimension);
    const next = this.view.dimensions[index + step];
    if (next) this.showDimension(next.id, { focus: 'first' });
  }

  setStatus(stateName, text) {
    this.status.dataset.state = stateName;
    this.status.textContent = text;
  }

  // ---- changing answers ----

  choose(questionId, rater, index) {
    if (this.readOnly) return;
    const q = this.questions.get(questionId);
    const option = q.options?.[index];
    if (!option) return;
    const current = this.values.get(questionId)[rater];
    if (q.type === 'single') {
      this.setValue(questionId, rater, current === option.id ? null : option.id);
      return;
    }
    // Multi-select: "none of these" stands alone; choosing anything else drops it.
    const chosen = Array.isArray(current) ? current : [];
    let next;
    if (chosen.includes(option.id)) next = chosen.filter((id) => id !== option.id);
    else if (option.exclusive) next = [option.id];
    else next = [...chosen.filter((id) => !q.options.find((o) => o.id === id)?.exclusive), option.id];
    this.setValue(questionId, rater, next.length ? next : null);
  }

  toggleNotApplicable(questionId, rater) {
    if (this.readOnly || !this.questions.get(questionId).allow_na) return;
    const current = this.values.get(questionId)[rater];
    this.setValue(questionId, rater, current === NA ? null : NA);
  }

  rateRow(questionId, rater, rowIndex, stepIndex) {
    if (this.readOnly) return;
    const q = this.questions.get(questionId);
    const row = q.rows[rowIndex];
    const step = q.scale[stepIndex];
    if (!row || !step) return;
    const current = this.values.get(questionId)[rater];
    const grid = current && typeof current === 'object' && !Array.isArray(current) ? { ...current } : {};
    if (grid[row.id] === step.id) delete grid[row.id];
    else grid[row.id] = step.id;
    this.gridCursor.set(`${questionId}:${rater}`, (rowIndex + 1) % q.rows.length);
    this.setValue(questionId, rater, Object.keys(grid).length ? grid : null);
  }

  commitNumber(questionId, rater, input) {
    const entry = this.cards.get(questionId);
    const q = entry.q;
    const raw = input.value.trim().replace(',', '.');
    if (raw === '') {
      this.setValue(questionId, rater, null);
      return;
    }
    const number = Number(raw);
    if (!Number.isFinite(number)) {
      this.showProblem(questionId, t('answer.numeric.not_a_number'));
      return;
    }
    // Enter and then leaving the field both commit; the second is already saved (or on its way).
    if (this.values.get(questionId)[rater] === number && entry.card.dataset.saveState !== 'error') return;
    this.setValue(questionId, rater, number, {
      onRefused: () => format('answer.numeric.out_of_range', { min: q.min, max: q.max, unit: q.unit ? localized(q.unit) : '' }),
    });
  }

  saveText(questionId, kind, text) {
    if (this.readOnly) return;
    this.enqueue(questionId, this.writer, { [kind]: text }, {});
  }

  setValue(questionId, rater, value, { onRefused = null } = {}) {
    if (this.readOnly) return;
    this.values.get(questionId)[rater] = value;
    this.renderValue(questionId, rater);
    const change = value == null ? { clear_value: true } : { value };
    this.enqueue(questionId, rater, change, { value, onRefused });
  }

  showProblem(questionId, message) {
    const { card, problem } = this.cards.get(questionId);
    problem.textContent = message;
    problem.hidden = !message;
    card.classList.toggle('has-problem', Boolean(message));
  }

  /** Saves changes one after another, in the order they were made. */
  enqueue(questionId, rater, change, { value, onRefused }) {
    const { card } = this.cards.get(questionId);
    this.pendingSaves += 1;
    card.dataset.saveState = 'saving';
    this.setStatus('saving', t('answer.save.saving'));
    this.saveChain = this.saveChain.then(async () => {
      try {
        const saved = await api.saveAnswer(this.id, questionId, rater, change);
        if ('value' in change || change.clear_value) this.savedValues.get(questionId)[rater] = change.clear_value ? null : change.value;
        this.markSaved(questionId);
        this.showProblem(questionId, null);
        card.dataset.saveState = 'saved';
        this.applyState(saved.state);
        this.savedCount += 1;
        this.status.dataset.savedCount = String(this.savedCount);
        this.lastSavedAt = saved.saved_at;
      } catch (error) {
        card.dataset.saveState = 'error';
        // The value on screen goes back to what is on disk, so nothing unsaved looks saved.
        if (value !== undefined) {
          this.values.get(questionId)[rater] = this.savedValues.get(questionId)[rater];
          if (!(onRefused && error.kind === 'bad_input')) this.renderValue(questionId, rater);
        }
        const message = onRefused && error.kind === 'bad_input' ? onRefused() : format('answer.save.failed_detail', { message: error.message });
        this.showProblem(questionId, message);
        this.failed = true;
      } finally {
        this.pendingSaves -= 1;
        if (this.pendingSaves === 0) this.showSettledStatus();
      }
    });
  }

  showSettledStatus() {
    if (this.failed) {
      this.failed = false;
      this.setStatus('error', t('answer.save.failed'));
    } else if (this.lastSavedAt) {
      this.setStatus('saved', format('answer.save.saved', { time: formatTime(this.lastSavedAt) }));
    }
  }

  debounce(key, action) {
    clearTimeout(this.timers.get(key)?.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      action();
    }, TEXT_DEBOUNCE_MS);
    this.timers.set(key, { timer, action });
  }

  flush(key) {
    const pending = this.timers.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(key);
    pending.action();
  }

  leave() {
    document.removeEventListener('keydown', this.onKey);
    for (const key of [...this.timers.keys()]) this.flush(key);
  }

  // ---- keys ----

  handleKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (document.querySelector('dialog[open]')) return;
    const target = event.target;
    if (target instanceof Element && target.matches('input, textarea, select')) {
      if (event.key === 'Escape') {
        event.preventDefault();
        target.closest('.question')?.focus();
      }
      return;
    }
    const card = (target instanceof Element && target.closest('.question')) || this.activeCard;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        event.preventDefault();
        this.move(1);
        return;
      case 'ArrowUp':
      case 'k':
        event.preventDefault();
        this.move(-1);
        return;
      case 'ArrowRight':
      case 'PageDown':
        event.preventDefault();
        this.moveDimension(1);
        return;
      case 'ArrowLeft':
      case 'PageUp':
        event.preventDefault();
        this.moveDimension(-1);
        return;
      default:
    }
    if (!card || card.hidden) return;
    const q = this.questions.get(card.dataset.question);
    const rater = event.shiftKey && this.raters.includes('consultant') ? 'consultant' : 'self';
    if (event.key === 'Enter' && target === card) {
      event.preventDefault();
      const field = card.querySelector(`.numeric-input[data-rater="${rater}"], .text-answer[data-rater="${rater}"]`);
      (field && !field.disabled ? field : card.querySelector('.note-input'))?.focus();
      return;
    }
    // Shift+1 gives "!" as the key on most layouts, so the physical key decides when it is known.
    const digit = /^(Digit|Numpad)(\d)$/.exec(event.code ?? '')?.[2] ?? (/^\d$/.test(event.key) ? event.key : null);
    if (digit === '0' || event.code === 'KeyN' || event.key === 'n' || event.key === 'N') {
      if (q.allow_na) {
        event.preventDefault();
        this.toggleNotApplicable(q.id, rater);
      }
      return;
    }
    if (!digit) return;
    const index = Number(digit) - 1;
    event.preventDefault();
    if (q.type === 'single' || q.type === 'multi') {
      this.choose(q.id, rater, index);
    } else if (q.type === 'grid') {
      this.rateRow(q.id, rater, this.nextGridRow(q, rater), index);
    } else {
      card.querySelector(`.numeric-input[data-rater="${rater}"], .text-answer[data-rater="${rater}"]`)?.focus();
    }
  }

  /** The row a number key rates: after the row rated last, else the first row not yet rated. */
  nextGridRow(q, rater) {
    const key = `${q.id}:${rater}`;
    if (this.gridCursor.has(key)) return this.gridCursor.get(key);
    const value = this.values.get(q.id)[rater];
    const rated = value && typeof value === 'object' ? value : {};
    const open = q.rows.findIndex((row) => !(row.id in rated));
    return open === -1 ? 0 : open;
  }
}

/** An answer in words, e.g. for "last time: …". */
function describeValue(q, value) {
  if (value === NA) return t('answer.na');
  switch (q.type) {
    case 'single':
      return localized(q.options.find((o) => o.id === value)?.label) || String(value);
    case 'multi':
      return value.map((id) => localized(q.options.find((o) => o.id === id)?.label)).join(', ');
    case 'grid':
      return q.rows.filter((row) => value[row.id]).map((row) =>
        `${localized(row.label)}: ${localized(q.scale.find((s) => s.id === value[row.id])?.label)}`).join(' · ');
    case 'numeric':
      return `${value}${q.unit ? ` ${localized(q.unit)}` : ''}`;
    default:
      return String(value);
  }
}
