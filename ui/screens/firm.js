// The firm form: name, 사업자등록번호 (checked as it is typed, by the core), KSIC division, head
// count, 시·도, industrial complex and site; new firms ("#/firm/new") and existing ones
// ("#/firm/12"). Existing firms also carry their consent to share anonymized results.

import * as api from '../api.js';
import { pageHeader } from '../components.js';
import { confirmDialog } from '../dialog.js';
import { append, element } from '../dom.js';
import { formatDate } from '../format.js';
import { format, localized, t } from '../i18n.js';
import { navigate } from '../router.js';

const FIELDS = ['name', 'business_number', 'ksic_division', 'employees', 'sido', 'industrial_complex', 'site'];

export async function render(container, params) {
  const id = params[0] && params[0] !== 'new' ? Number(params[0]) : null;
  const [lists, detail] = await Promise.all([
    api.firmReferenceLists(),
    id == null ? Promise.resolve(null) : api.getOrganization(id),
  ]);
  const o = detail?.organization ?? {};

  const inputs = {
    name: element('input', { type: 'text', class: 'input', id: 'firm-name', value: o.name ?? '', required: true, autocomplete: 'organization' }),
    business_number: element('input', {
      type: 'text', class: 'input input-number', id: 'firm-business-number', value: o.business_number_display ?? '',
      inputmode: 'numeric', placeholder: '123-45-67890', 'aria-describedby': 'firm-business-number-status',
    }),
    ksic_division: element('select', { class: 'input', id: 'firm-ksic' },
      element('option', { value: '' }, t('firm.choose')),
      lists.ksic_divisions.map((d) => element('option', { value: String(d.code), selected: o.ksic_division === d.code }, `${d.code} ${localized(d.name)}`)),
    ),
    employees: element('input', { type: 'number', class: 'input input-short', id: 'firm-employees', min: '0', step: '1', value: o.employees ?? '' }),
    sido: element('select', { class: 'input', id: 'firm-sido' },
      element('option', { value: '' }, t('firm.choose')),
      lists.sido.map((s) => element('option', { value: s.value, selected: o.sido === s.value }, localized(s.name))),
    ),
    industrial_complex: element('input', { type: 'text', class: 'input', id: 'firm-complex', value: o.industrial_complex ?? '', placeholder: t('firm.complex.placeholder') }),
    site: element('input', { type: 'text', class: 'input', id: 'firm-site', value: o.site ?? '', placeholder: t('firm.site.placeholder') }),
  };
  const problems = Object.fromEntries(FIELDS.map((field) => [field, element('p', { class: 'field-problem', id: `firm-${field}-problem`, role: 'alert', hidden: true })]));
  const numberStatus = element('p', { class: 'field-status', id: 'firm-business-number-status', 'aria-live': 'polite' });

  const field = (name, label, hint = null, extra = null) => element('div', { class: 'field', dataset: { field: name } },
    element('label', { class: 'field-label', for: inputs[name].id }, label),
    inputs[name],
    extra,
    hint ? element('p', { class: 'field-hint' }, hint) : null,
    problems[name],
  );

  const consent = id == null ? consentPlaceholder() : consentSection(id, detail.consent);
  const save = element('button', { type: 'submit', class: 'button button-primary', id: 'firm-save' }, t('firm.save'));
  const form = element('form', { class: 'card form-card', id: 'firm-form', novalidate: true },
    element('div', { class: 'form-grid' },
      field('name', t('firm.name')),
      field('business_number', t('firm.business_number'), t('firm.business_number.hint'), numberStatus),
      field('ksic_division', t('firm.ksic')),
      field('employees', t('firm.employees'), t('firm.employees.hint')),
      field('sido', t('firm.sido')),
      field('industrial_complex', t('firm.complex')),
      element('div', { class: 'form-wide' }, field('site', t('firm.site'))),
    ),
    consent,
    element('div', { class: 'form-actions' },
      id == null ? null : element('button', { type: 'button', class: 'button button-danger-quiet', id: 'firm-delete', on: { click: () => deleteFirm(id, o.name) } }, t('firm.delete')),
      element('span', { class: 'spacer' }),
      element('a', { class: 'button', href: '#/home', id: 'firm-cancel' }, t('common.cancel')),
      save,
    ),
  );

  append(container,
    pageHeader({
      title: id == null ? t('firm.new.title') : o.name,
      eyebrow: id == null ? null : t('firm.edit.eyebrow'),
      subtitle: id == null ? t('firm.new.subtitle') : format('firm.edit.subtitle', { date: formatDate(o.created_at) }),
    }),
    form,
  );

  // The number is checked by the core as it is typed; an empty field is fine (it is optional).
  let checkTimer = null;
  let checkCount = 0;
  const checkNumber = async () => {
    const value = inputs.business_number.value.trim();
    const thisCheck = ++checkCount;
    problems.business_number.hidden = true;
    if (!value) {
      numberStatus.textContent = '';
      numberStatus.dataset.state = 'empty';
      return;
    }
    const check = await api.checkBusinessNumber(value);
    if (thisCheck !== checkCount) return;
    numberStatus.dataset.state = check.valid ? 'valid' : 'invalid';
    numberStatus.textContent = check.valid ? format('firm.business_number.valid', { number: check.formatted }) : localized(check.problem);
    inputs.business_number.setAttribute('aria-invalid', String(!check.valid));
  };
  inputs.business_number.addEventListener('input', () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkNumber, 120);
  });
  if (inputs.business_number.value) checkNumber();

  const collect = () => ({
    name: inputs.name.value,
    business_number: inputs.business_number.value.trim() || null,
    ksic_division: inputs.ksic_division.value ? Number(inputs.ksic_division.value) : null,
    employees: inputs.employees.value === '' ? null : Number(inputs.employees.value),
    sido: inputs.sido.value || null,
    industrial_complex: inputs.industrial_complex.value.trim() || null,
    site: inputs.site.value.trim() || null,
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const p of Object.values(problems)) p.hidden = true;
    const input = collect();
    if (input.employees != null && (!Number.isInteger(input.employees) || input.employees < 0)) {
      showProblem(problems.employees, inputs.employees, t('firm.employees.invalid'));
      return;
    }
    save.disabled = true;
    try {
      const found = await api.checkOrganization(input, id);
      if (found.length > 0) {
        for (const problem of found) {
          // The number already has its line under the field; the reason goes there, once.
          if (problem.field === 'business_number') {
            numberStatus.dataset.state = 'invalid';
            numberStatus.textContent = localized(problem.message);
            inputs.business_number.setAttribute('aria-invalid', 'true');
          } else {
            showProblem(problems[problem.field], inputs[problem.field], localized(problem.message));
          }
        }
        inputs[found[0].field]?.focus();
        return;
      }
      const savedId = await api.saveOrganization(input, id);
      if (id == null && consent.querySelector('#firm-consent')?.checked) await api.setConsent(savedId, true);
      navigate('home');
    } finally {
      save.disabled = false;
    }
  });
  inputs.name.focus();
  return () => clearTimeout(checkTimer);
}

function showProblem(node, input, message) {
  if (!node) return;
  node.textContent = message;
  node.hidden = false;
  input?.setAttribute('aria-invalid', 'true');
}

// Consent to share anonymized results with a regional centre (store/consent.rs). A new firm
// records it right after it is saved.
function consentPlaceholder() {
  return element('section', { class: 'consent', id: 'firm-consent-section' },
    element('label', { class: 'checkbox' },
      element('input', { type: 'checkbox', id: 'firm-consent' }),
      element('span', {}, element('strong', {}, t('firm.consent.label')), element('span', { class: 'muted block' }, t('firm.consent.body'))),
    ),
  );
}

function consentSection(id, consent) {
  const box = element('input', { type: 'checkbox', id: 'firm-consent', checked: Boolean(consent?.consent_at) });
  const status = element('span', { class: 'muted block', id: 'firm-consent-status' }, consentStatus(consent));
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      const updated = await api.setConsent(id, box.checked);
      status.textContent = consentStatus(updated);
    } catch {
      box.checked = !box.checked;
    } finally {
      box.disabled = false;
    }
  });
  return element('section', { class: 'consent', id: 'firm-consent-section' },
    element('label', { class: 'checkbox' }, box,
      element('span', {}, element('strong', {}, t('firm.consent.label')), element('span', { class: 'muted block' }, t('firm.consent.body')), status),
    ),
  );
}

function consentStatus(consent) {
  return consent?.consent_at ? format('firm.consent.given', { date: formatDate(consent.consent_at) }) : t('firm.consent.none');
}

async function deleteFirm(id, name) {
  const confirmed = await confirmDialog({
    id: 'delete-firm-dialog',
    title: t('firm.delete.title'),
    message: [format('firm.delete.body', { firm: name }), t('delete.irreversible')],
    confirmLabel: t('firm.delete'),
    danger: true,
  });
  if (!confirmed) return;
  await api.deleteOrganization(id);
  navigate('home');
}
