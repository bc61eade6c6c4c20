// Modal windows on the native <dialog>: focus moves in and is trapped, Escape closes (unless the
// window must be acknowledged), and focus returns to what opened it.

import {h, uid} from './dom.js';
import {alertBox, clearBox, showError} from './errors.js';
import {busy} from './forms.js';

/** returnFocusTo: where focus goes when the window closes; by default what had it when it opened. */
export function openDialog({title, content, footer = [], dismissible = true, wide = false, onClose,
  returnFocusTo = document.activeElement}) {
  const opener = returnFocusTo;
  const titleId = uid('dialog-title');
  const dialog = h('dialog', {class: wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId},
    h('div', {class: 'dialog-header'},
      h('h2', {id: titleId}, title),
      dismissible && h('button', {type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => close()}, '×')),
    h('div', {class: 'dialog-body'}, content),
    footer.length > 0 && h('div', {class: 'dialog-actions'}, footer));
  function close() {
    if (dialog.open) {
      dialog.close();
    }
  }
  dialog.addEventListener('cancel', event => {
    if (!dismissible) {
      event.preventDefault();
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (onClose) {
      onClose();
    }
    if (opener && opener.isConnected && typeof opener.focus === 'function') {
      opener.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  return {dialog, close};
}

/**
 * A dialog around a form: fields, an error box above them, Cancel and the submit button. The
 * submit runs onSubmit({close}); what it throws is shown in the dialog, next to the fields
 * it names, and the dialog stays open.
 */
export function formDialog({title, intro, fields = [], extra = [], submitLabel, danger = false, wide = false,
  onSubmit, onClose, beforeFields = []}) {
  const error = alertBox();
  const submit = h('button', {type: 'submit', class: danger ? 'danger' : 'primary'}, submitLabel);
  const byName = Object.fromEntries(fields.filter(f => f.name).map(f => [f.name, f]));
  let handle;
  const form = h('form', {class: 'dialog-form', noValidate: true, onsubmit: async event => {
    event.preventDefault();
    clearBox(error);
    fields.forEach(f => f.clearError());
    await busy(submit, async () => {
      try {
        await onSubmit({close: () => handle.close(), error, fields: byName});
      } catch (failure) {
        showError(error, failure, byName);
        const invalid = fields.find(f => f.control.getAttribute('aria-invalid') === 'true');
        (invalid ? invalid.control : error).focus?.();
      }
    });
  }},
  intro && h('div', {class: 'dialog-intro'}, intro),
  error,
  beforeFields,
  fields.map(f => f.element),
  extra,
  h('div', {class: 'dialog-actions'},
    h('button', {type: 'button', onclick: () => handle.close()}, 'Cancel'),
    submit));
  error.tabIndex = -1;
  // the window opens on its first field (or, for a confirmation, on its button), not on Close
  const first = fields.find(f => !f.control.disabled && f.control.tagName !== 'FIELDSET');
  (first ? first.control : submit).autofocus = true;
  handle = openDialog({title, content: form, wide, onClose});
  return {...handle, form, error, submit};
}

/** A confirmation: the message, Cancel, and the button that does it. */
export function confirmDialog({title, message, confirmLabel, danger = true, onConfirm, fields = []}) {
  return formDialog({title, intro: message, fields, submitLabel: confirmLabel, danger, onSubmit: onConfirm});
}
