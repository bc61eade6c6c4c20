// An error, as a sentence a person can act on, shown next to what caused it.

import {ApiError} from './problems.js';
import {h, fill} from './dom.js';
import {Incomplete} from './forms.js';
import {fromNow, shortWhen} from './format.js';

/** The readable message for an error of keymint (or of the console itself). */
export function explain(error) {
  if (error instanceof Incomplete) {
    return error.message;
  }
  if (!(error instanceof ApiError)) {
    console.error(error);
    return `The console failed: ${error && error.message ? error.message : error}. Reload the page; if it persists, report it.`;
  }
  const detail = error.detail ? ` ${sentence(error.detail)}` : '';
  const retry = error.retryAfter ? ` Try again ${fromNow(error.retryAfter)} (at ${shortWhen(error.retryAfter)}).` : '';
  switch (error.status) {
    case 0:
      return error.detail;
    case 401:
      return 'Your session has ended: the access token is no longer accepted (it expired, or its key was '
        + 'disabled, locked, regenerated or deleted). Sign in again.';
    case 403:
      return `Not allowed.${detail || ' Your key does not hold the permission this needs.'}`;
    case 404:
      return `Not found.${detail} It may have been deleted meanwhile: refresh the list.`;
    case 409:
      return `${error.title || 'Conflict'}.${detail}`;
    case 412:
      return 'Someone changed this after you opened it, so your change was not saved. '
        + 'Reload to see the current values, then make your change again.';
    case 413:
      return 'The request is too large for keymint.';
    case 429:
      return `Too many requests.${detail}${retry || ' Wait a moment, then try again.'}`;
    case 503:
      return `keymint is temporarily unavailable.${detail}${retry || ' Try again shortly.'}`;
    default:
      if (error.status >= 500) {
        return `keymint failed (${error.status} ${error.title}).${detail} Try again; if it persists, check keymint's log.`;
      }
      return `${error.title || `Error ${error.status}`}.${detail}`;
  }
}

function sentence(text) {
  const trimmed = String(text).trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** An empty alert region; it is announced when text appears in it. */
export function alertBox(extraClass = '') {
  return h('div', {class: `alert ${extraClass}`.trim(), role: 'alert', hidden: true});
}

/**
 * Shows the error in the box, and each invalid field's message next to that field when the form
 * has it (fields: name -> {setError}); messages for fields the form does not show go in the box.
 */
export function showError(box, error, fields = {}, ...extra) {
  const unplaced = [];
  if (error instanceof ApiError) {
    for (const {field, message} of error.errors) {
      if (fields[field]) {
        fields[field].setError(message);
      } else {
        unplaced.push(`${field}: ${message}`);
      }
    }
  }
  const message = error instanceof ApiError && error.status === 400 && error.errors.length > 0
    ? `Check ${error.errors.length === 1 ? 'this field' : 'these fields'}.`
    : explain(error);
  fill(box, h('p', {}, message), unplaced.length > 0 && h('ul', {}, unplaced.map(text => h('li', {}, text))), extra);
  box.className = 'alert error';
  box.hidden = false;
  return box;
}

/** Shows a neutral note (a reason, a confirmation) in the box. */
export function showNote(box, text) {
  fill(box, h('p', {}, text));
  box.className = 'alert note';
  box.hidden = false;
  return box;
}

export function clearBox(box) {
  box.hidden = true;
  box.replaceChildren();
}

/**
 * Runs save() (a change sent with If-Match). A 412, the object changed since it was read, is
 * shown in the box with a button that reads it again (reload() puts the current values in the
 * form) and resolves to undefined; any other error is thrown.
 */
export async function unlessStale(box, reload, save) {
  try {
    return await save();
  } catch (failure) {
    if (failure.status !== 412) {
      throw failure;
    }
    showStale(box, failure, reload);
    return undefined;
  }
}

function showStale(box, error, reload) {
  const again = h('button', {type: 'button', class: 'small', onclick: async () => {
    again.disabled = true;
    try {
      await reload();
      showNote(box, 'The form now shows the current values: make your change again.');
    } catch (failure) {
      showError(box, failure);
    }
  }}, 'Reload current values');
  return showError(box, error, {}, again);
}

/** "Try again", for a box showing why something could not be read. */
export function retryButton(action) {
  return h('button', {type: 'button', class: 'small', onclick: () => action()}, 'Try again');
}
