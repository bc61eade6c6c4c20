// Labelled form fields with a hint and an error message each, wired for screen readers.

import {h, uid} from './dom.js';

/** An error line under a control: shown with the message, tied to the control for screen readers. */
function errorSlot(id, control) {
  const line = h('p', {class: 'field-error', id: `${id}-error`, hidden: true});
  return {
    line,
    setError(message) {
      line.textContent = message;
      line.hidden = false;
      control.setAttribute('aria-invalid', 'true');
    },
    clearError() {
      line.hidden = true;
      line.textContent = '';
      control.removeAttribute('aria-invalid');
    },
  };
}

/** A field: label, control, optional hint and an error line (aria-describedby both). */
export function field({label, control, hint, name = control.name}) {
  const id = uid(name || 'field');
  control.id = id;
  if (name) {
    control.name = name;
  }
  const hintEl = hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null;
  const error = errorSlot(id, control);
  control.setAttribute('aria-describedby', [hintEl && hintEl.id, error.line.id].filter(Boolean).join(' '));
  const labelEl = h('label', {for: id}, label);
  const isSwitch = control.type === 'checkbox';
  const element = h('div', {class: isSwitch ? 'field switch-field' : 'field'},
    isSwitch ? [control, labelEl] : [labelEl, control], hintEl, error.line);
  return {name, element, control, setError: error.setError, clearError: error.clearError};
}

/** Several controls answering one question (a set of checkboxes), with a legend, a hint and an error line. */
export function fieldGroup({name, legend, hint, content, className}) {
  const id = uid(name);
  const fieldset = h('fieldset', {class: className, 'aria-describedby': `${id}-error`}, h('legend', {}, legend),
    hint && h('p', {class: 'hint'}, hint), content);
  const error = errorSlot(id, fieldset);
  fieldset.append(error.line);
  return {name, element: fieldset, control: fieldset, setError: error.setError, clearError: error.clearError};
}

export function textInput(props = {}) {
  return h('input', {type: 'text', spellcheck: 'false', autocomplete: 'off', ...props});
}

export function numberInput(props = {}) {
  return h('input', {type: 'number', inputmode: 'numeric', step: 1, ...props});
}

/** options: [{value, label, disabled}] */
export function select(options, props = {}) {
  return h('select', props, options.map(option => h('option', {
    value: option.value, disabled: option.disabled, selected: option.selected,
  }, option.label)));
}

/** A checkbox shown as an on/off switch. */
export function switchInput(props = {}) {
  return h('input', {type: 'checkbox', role: 'switch', class: 'switch', ...props});
}

/** A whole number from an input, or null when empty; NaN stays NaN for the server to refuse. */
export function wholeNumber(input) {
  const text = input.value.trim();
  return text === '' ? null : Number(text);
}

/** Disables the button (and says so) while the action runs. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** The form marked what is missing next to each field; the message sums it up. */
export class Incomplete extends Error {
  constructor() {
    super('Fill in the marked fields.');
  }
}

/** Marks every empty field of [[field, message], ...]; throws Incomplete if there was one. */
export function requireFilled(...required) {
  let complete = true;
  for (const [f, message] of required) {
    if (f.control.value.trim() === '') {
      f.setError(message);
      complete = false;
    }
  }
  if (!complete) {
    throw new Incomplete();
  }
}

/** Filters in a panel: open on a wide screen, folded on a phone so that the list comes first. */
export function filterPanel(title, form) {
  return h('details', {class: 'filters filter-panel', open: window.matchMedia('(min-width: 761px)').matches},
    h('summary', {}, title), form);
}
