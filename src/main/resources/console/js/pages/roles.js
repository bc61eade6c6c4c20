// The Roles page: the predefined roles (read-only) and the customer's own, with their
// permissions from keymint's catalogue.

import {api} from '../api.js';
import {formDialog} from '../dialog.js';
import * as directory from '../directory.js';
import {announce, h, uid} from '../dom.js';
import {showError, showNote, unlessStale} from '../errors.js';
import {field, fieldGroup, requireFilled, textInput} from '../forms.js';
import {plural, when} from '../format.js';
import {roleWriteBlock} from '../rules.js';
import {holds, missingOf} from '../session.js';
import {actionButton, badge} from '../table.js';
import {listPage} from './list-page.js';

export const TITLE = 'Roles';

export function render(container) {
  const writeBlock = roleWriteBlock();
  const page = listPage(container, {
    id: 'roles',
    title: 'Roles',
    description: 'A role is a named set of permissions; every API key has one. The predefined roles cannot be changed.',
    actions: notice => actionButton({label: 'Add role', className: 'primary', reason: writeBlock,
      explain: reason => showNote(notice, reason), onClick: () => roleDialog(null)}),
    readPermission: 'roles:read',
    path: '/roles',
    caption: 'Roles',
    what: 'roles',
    emptyText: 'No roles.',
    columns: [
      {id: 'name', label: 'Name', cell: role => h('div', {class: 'key-name'}, h('span', {}, role.name),
        role.predefined && badge('Predefined', 'managed'))},
      {id: 'description', label: 'Description', cell: role => role.description || h('span', {class: 'muted'}, '—')},
      {id: 'permissions', label: 'Permissions', cell: role => h('ul', {class: 'chips'},
        role.permissions.map(p => h('li', {class: 'chip'}, p)))},
      {id: 'keys', label: 'Keys', className: 'number', cell: keysLink},
      {id: 'updated', label: 'Last changed', cell: role => when(role.updatedAt)},
      {id: 'actions', label: 'Actions', className: 'actions', cell: actionsCell},
    ],
  });
  return {refresh: page.load};

  function keysLink(role) {
    if (role.keyCount === 0 || !holds('api-keys:read')) {
      return role.keyCount.toLocaleString();
    }
    return h('a', {href: `#/api-keys?roleId=${encodeURIComponent(role.id)}`,
      'aria-label': `${plural(role.keyCount, 'key')} with the role ${role.name}`}, role.keyCount.toLocaleString());
  }

  function actionsCell(role) {
    if (role.predefined) {
      return h('span', {class: 'muted'}, 'Read-only');
    }
    const beyond = missingOf(role.permissions);
    return page.editAndDelete(role, {
      what: 'role',
      path: `/roles/${encodeURIComponent(role.id)}`,
      onEdit: () => roleDialog(role),
      editBlock: writeBlock || (beyond.length > 0
        ? `This role holds permissions your key does not: ${beyond.join(', ')}.` : null),
      deleteBlock: writeBlock || (role.keyCount > 0
        ? `${plural(role.keyCount, 'key holds', 'keys hold')} this role: give them another role first.` : null),
    });
  }

  /** The permission catalogue by resource ("api-keys" -> ["api-keys:read", "api-keys:write"]). */
  function byResource(catalogue) {
    const groups = new Map();
    for (const permission of catalogue) {
      const resource = permission.split(':')[0];
      groups.set(resource, [...(groups.get(resource) || []), permission]);
    }
    return groups;
  }

  async function roleDialog(role) {
    let catalogue;
    try {
      catalogue = await directory.permissionCatalogue();
    } catch (failure) {
      showError(page.notice, failure);
      return;
    }
    let etag = null;
    const name = field({label: 'Name', name: 'name', control: textInput({value: role ? role.name : '', maxLength: 128})});
    const description = field({label: 'Description', name: 'description',
      control: h('textarea', {value: role && role.description ? role.description : '', maxLength: 512, rows: 2}),
      hint: 'Optional, up to 512 characters.'});
    const boxes = new Map();
    const permissions = fieldGroup({name: 'permissions', legend: 'Permissions', className: 'permissions',
      hint: 'They become the scopes of the tokens of every key with this role, from each key\'s next token. You can '
        + 'only grant permissions your own key holds.',
      content: [...byResource(catalogue)].map(([resource, held]) => h('div', {class: 'permission-group'},
        h('span', {class: 'permission-resource'}, resource),
        held.map(permission => {
          const id = uid('permission');
          const mine = holds(permission);
          const box = h('input', {type: 'checkbox', id, value: permission,
            checked: Boolean(role && role.permissions.includes(permission)), disabled: !mine});
          boxes.set(permission, box);
          return h('div', {class: 'check'}, box, h('label', {for: id, title: mine ? null : 'Your key does not hold it.'},
            permission, !mine && h('span', {class: 'muted'}, ' (not held by your key)')));
        })))});
    async function readAgain() {
      const fresh = await api('GET', `/roles/${encodeURIComponent(role.id)}`);
      etag = fresh.etag;
      name.control.value = fresh.data.name;
      description.control.value = fresh.data.description || '';
      for (const [permission, box] of boxes) {
        box.checked = fresh.data.permissions.includes(permission);
      }
    }
    const dialog = formDialog({
      title: role ? `Edit the role “${role.name}”` : 'Add role',
      fields: [name, description, permissions],
      submitLabel: role ? 'Save changes' : 'Add role',
      wide: true,
      onSubmit: async ({close, error}) => {
        requireFilled([name, 'Enter a name for the role.']);
        const body = {
          name: name.control.value.trim(),
          description: description.control.value.trim() || null,
          permissions: [...boxes].filter(([, box]) => box.checked).map(([permission]) => permission),
        };
        const saved = role
          ? await unlessStale(error, readAgain, () => api('PATCH', `/roles/${encodeURIComponent(role.id)}`, {body, ifMatch: etag}))
          : await api('POST', '/roles', {body});
        if (!saved) {
          return;
        }
        close();
        announce(role ? `Saved the role ${body.name}.` : `Added the role ${body.name}.`);
        page.load();
      },
    });
    if (role) {
      readAgain().catch(failure => showError(dialog.error, failure));
    }
  }
}
