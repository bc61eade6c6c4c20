// The windows of the API Keys page: add, edit, regenerate (with the new secret shown once),
// delete, and the secret window itself.

import {api} from '../api.js';
import {copyButton} from '../clipboard.js';
import {confirmDialog, formDialog, openDialog} from '../dialog.js';
import {announce, h} from '../dom.js';
import {showError, unlessStale} from '../errors.js';
import {field, numberInput, requireFilled, select, switchInput, textInput, wholeNumber} from '../forms.js';
import {formatDateTime} from '../format.js';
import {roleAssignBlock} from '../rules.js';
import {session} from '../session.js';

const SESSION_VALIDITY_HINT = 'How long each access token of this key lives. keymint allows 60 to 86,400 '
  + 'seconds unless configured otherwise.';

/** The role chooser: every role, those above the signed-in key's permissions disabled, saying why. */
function roleField(roles, selectedId) {
  if (!roles) {
    return field({label: 'Role ID', name: 'roleId', control: textInput({value: selectedId || '', required: true}),
      hint: 'Your key may not list roles (roles:read): enter the ID of the role.'});
  }
  const options = [{value: '', label: 'Choose a role', disabled: true, selected: !selectedId}];
  for (const role of roles) {
    const block = roleAssignBlock(role);
    options.push({value: role.id, selected: role.id === selectedId, disabled: Boolean(block) && role.id !== selectedId,
      label: block ? `${role.name} (exceeds your permissions)` : role.name});
  }
  const blocked = roles.filter(role => roleAssignBlock(role));
  return field({label: 'Role', name: 'roleId', control: select(options, {required: true}),
    hint: blocked.length === 0 ? 'Its permissions become the scopes of the key\'s tokens.'
      : 'Its permissions become the scopes of the key\'s tokens. You can only give roles whose permissions '
        + 'your own key holds.'});
}

function nameField(value = '') {
  return field({label: 'Name', name: 'name', control: textInput({value, required: true, maxLength: 128}),
    hint: 'Unique within the customer, up to 128 characters.'});
}

function sessionValidityField(value) {
  return field({label: 'Session validity interval (seconds)', name: 'sessionValiditySeconds',
    control: numberInput({value: String(value), min: 1}), hint: SESSION_VALIDITY_HINT});
}

export function addApiKeyDialog({roles, microtenants, onCreated}) {
  // the secret window opens after this one closed: focus goes back to what opened this one
  const opener = document.activeElement;
  const name = nameField();
  const role = roleField(roles, null);
  const validity = sessionValidityField(3600);
  const confinedTo = session().microtenantId;
  let microtenant = null;
  if (confinedTo) {
    const own = (microtenants || []).find(m => m.id === confinedTo);
    microtenant = field({label: 'Microtenant', name: 'microtenantId',
      control: select([{value: confinedTo, label: own ? own.name : confinedTo}], {disabled: true}),
      hint: 'Your key is confined to this microtenant: its keys are created in it.'});
  } else if (microtenants) {
    microtenant = field({label: 'Microtenant', name: 'microtenantId',
      control: select([{value: '', label: 'None: the whole customer'},
        ...microtenants.map(m => ({value: m.id, label: m.name}))])});
  }
  const expires = field({label: 'Expiration time', name: 'expires', control: switchInput(),
    hint: 'Off: the key never expires.'});
  const lifetime = field({label: 'Lifetime (days)', name: 'lifetimeDays', control: numberInput({value: '90', min: 1}),
    hint: 'The key stops working this many days from now (1 to 3,650).'});
  lifetime.element.hidden = true;
  expires.control.addEventListener('change', () => {
    lifetime.element.hidden = !expires.control.checked;
  });
  formDialog({
    title: 'Add API key',
    fields: [name, role, validity, microtenant, expires, lifetime].filter(Boolean),
    submitLabel: 'Add API key',
    onSubmit: async ({close}) => {
      requireFilled([name, 'Enter a name for the key.'], [role, 'Choose the key\'s role.']);
      const body = {name: name.control.value.trim(), roleId: role.control.value.trim()};
      const seconds = wholeNumber(validity.control);
      if (seconds !== null) {
        body.sessionValiditySeconds = seconds;
      }
      if (microtenant && !confinedTo && microtenant.control.value) {
        body.microtenantId = microtenant.control.value;
      }
      if (expires.control.checked) {
        body.lifetimeDays = wholeNumber(lifetime.control);
      }
      const {data} = await api('POST', '/api-keys', {body});
      close();
      onCreated(data);
      showSecret({title: 'API key created', created: data, returnFocusTo: opener});
    },
  });
}

export async function editApiKeyDialog({key, roles, onSaved}) {
  let etag = null;
  let current = key;
  const name = nameField(key.name);
  const role = roleField(roles, key.roleId);
  const validity = sessionValidityField(key.sessionValiditySeconds);
  const fields = [name, role, validity];
  function load(fresh, tag) {
    current = fresh;
    etag = tag;
    name.control.value = fresh.name;
    role.control.value = fresh.roleId;
    validity.control.value = String(fresh.sessionValiditySeconds);
  }
  const dialog = formDialog({
    title: `Edit “${key.name}”`,
    intro: h('p', {}, 'A new role or session validity interval applies from the key\'s next token.'),
    fields,
    submitLabel: 'Save changes',
    onSubmit: async ({close, error}) => {
      requireFilled([name, 'Enter a name for the key.'], [role, 'Choose the key\'s role.']);
      const changes = {};
      if (name.control.value.trim() !== current.name) {
        changes.name = name.control.value.trim();
      }
      if (role.control.value.trim() !== current.roleId) {
        changes.roleId = role.control.value.trim();
      }
      const seconds = wholeNumber(validity.control);
      if (seconds !== current.sessionValiditySeconds) {
        changes.sessionValiditySeconds = seconds;
      }
      if (Object.keys(changes).length === 0) {
        close();
        return;
      }
      const saved = await unlessStale(error, reload, () => api('PATCH', `/api-keys/${encodeURIComponent(key.clientId)}`,
        {body: changes, ifMatch: etag}));
      if (saved) {
        close();
        onSaved(saved.data);
        announce(`Saved the changes to ${saved.data.name}.`);
      }
    },
  });
  async function reload() {
    const fresh = await api('GET', `/api-keys/${encodeURIComponent(key.clientId)}`);
    load(fresh.data, fresh.etag);
  }
  try {
    await reload();
  } catch (failure) {
    showError(dialog.error, failure);
  }
}

export function regenerateDialog({key, onRegenerated}) {
  const own = key.clientId === session().clientId;
  const grace = field({label: 'Grace period (seconds)', name: 'graceSeconds', control: numberInput({value: '0', min: 0}),
    hint: 'Optional. How long the current secret, and the tokens issued with it, keep working so that clients '
      + 'can move to the new one: 0 (stop now) to 604,800 (7 days).'});
  confirmDialog({
    title: `Regenerate the secret of “${key.name}”?`,
    message: [
      h('p', {}, 'keymint creates a new secret and shows it once. Without a grace period the current secret '
        + 'stops working at once, and so do the tokens issued with it.'),
      own && h('p', {class: 'alert warning'}, 'This is the key you are signed in with: without a grace period your '
        + 'session ends, and you sign in again with the new secret.'),
    ],
    fields: [grace],
    confirmLabel: 'Regenerate secret',
    onConfirm: async ({close}) => {
      const seconds = wholeNumber(grace.control);
      const {data} = await api('POST', `/api-keys/${encodeURIComponent(key.clientId)}/secret`,
        {body: seconds ? {graceSeconds: seconds} : {}});
      close();
      onRegenerated(data);
      showSecret({title: 'New secret', created: data});
    },
  });
}

export function deleteDialog({key, onDeleted}) {
  const own = key.clientId === session().clientId;
  confirmDialog({
    title: `Delete “${key.name}”?`,
    message: [
      h('p', {}, 'Client ID ', h('code', {}, key.clientId), '. The key gets no more tokens, and the tokens it '
        + 'has stop working at once. This cannot be undone.'),
      own && h('p', {class: 'alert warning'}, 'This is the key you are signed in with: your session ends.'),
    ],
    confirmLabel: 'Delete API key',
    onConfirm: async ({close}) => {
      await api('DELETE', `/api-keys/${encodeURIComponent(key.clientId)}`);
      close();
      announce(`Deleted the API key ${key.name}.`);
      onDeleted(key);
    },
  });
}

export function disableOwnKeyDialog({key, onConfirm}) {
  confirmDialog({
    title: 'Disable the key you are signed in with?',
    message: h('p', {}, `“${key.name}” is the key of this session. Disabling it ends the session at once; `
      + 'another administrator has to enable it again.'),
    confirmLabel: 'Disable',
    onConfirm: async ({close}) => {
      await onConfirm();
      close();
    },
  });
}

/**
 * The client ID and the secret, shown this once: the window must be closed with Done, and
 * takes the secret with it from the page.
 */
export function showSecret({title, created, returnFocusTo = document.activeElement}) {
  const secretButton = copyButton(created.clientSecret, 'key secret', {withLabel: true});
  const content = [
    h('p', {class: 'alert warning'}, h('strong', {}, 'Copy the key secret now. '),
      'It will never be shown again: keymint keeps only a hash of it. If it is lost, regenerate the secret.'),
    h('dl', {class: 'secret-list'},
      h('dt', {}, 'Name'), h('dd', {}, created.name),
      h('dt', {}, 'Client ID'), h('dd', {}, h('code', {class: 'secret-value'}, created.clientId),
        copyButton(created.clientId, 'client ID', {withLabel: true})),
      h('dt', {}, 'Key secret'), h('dd', {}, h('code', {class: 'secret-value'}, created.clientSecret), secretButton)),
    created.previousSecretExpiresAt
      ? h('p', {}, `The previous secret keeps working until ${formatDateTime(created.previousSecretExpiresAt)}.`)
      : null,
  ];
  const {close} = openDialog({
    title,
    content,
    dismissible: false,
    returnFocusTo,
    footer: [h('button', {type: 'button', class: 'primary', onclick: () => close()}, 'Done')],
  });
  secretButton.focus();
}
