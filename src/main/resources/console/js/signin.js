// The sign-in form: an administrator key's client ID and secret, exchanged for a token.

import {h} from './dom.js';
import {alertBox, clearBox} from './errors.js';
import {field, textInput, busy} from './forms.js';
import {fromNow, shortWhen} from './format.js';
import {signIn} from './session.js';

export function signInForm({clientId = '', onSignedIn}) {
  const error = alertBox();
  const id = field({label: 'Client ID', name: 'client_id', control: textInput({value: clientId, required: true})});
  const secret = field({label: 'Client secret', name: 'client_secret',
    control: h('input', {type: 'password', autocomplete: 'off', required: true})});
  const submit = h('button', {type: 'submit', class: 'primary wide'}, 'Sign in');
  const form = h('form', {class: 'sign-in-form', method: 'post', noValidate: true, onsubmit: async event => {
    event.preventDefault();
    clearBox(error);
    id.clearError();
    secret.clearError();
    const clientIdValue = id.control.value.trim();
    if (!clientIdValue || !secret.control.value) {
      if (!clientIdValue) {
        id.setError('Enter the client ID of an administrator key (it starts with kmc_).');
      }
      if (!secret.control.value) {
        secret.setError('Enter the key\'s secret (it starts with kms_).');
      }
      (clientIdValue ? secret : id).control.focus();
      return;
    }
    await busy(submit, async () => {
      try {
        const signedIn = await signIn(clientIdValue, secret.control.value);
        secret.control.value = '';
        onSignedIn(signedIn);
      } catch (failure) {
        secret.control.value = '';
        const retry = failure.retryAt
          ? ` You can try again ${fromNow(failure.retryAt)} (at ${shortWhen(failure.retryAt)}).` : '';
        error.append(h('p', {}, `${failure.message}${retry}`));
        error.className = 'alert error';
        error.hidden = false;
        secret.control.focus();
      }
    });
  }}, error, id.element, secret.element, submit);
  return {form, focus: () => (clientId ? secret : id).control.focus()};
}
