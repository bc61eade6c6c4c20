// The Roles page: the predefined roles (read-only) and the customer's own, with their
// permissions from keymint's catalogue.

import {api} from '../api.js';
import {confirmDialog, formDialog} from '../dialog.js';
import * as directory from '../directory.js';
import {announce, fill, h, uid} from '../dom.js';
import {alertBox, clearBox, showError, showNote, showStale} from '../errors.js';
import {field, requireFilled, textInput} from '../forms.js';
import {plural, when} from '../format.js';
import {pager} from '../pager.js';
import {lacks, roleWriteBlock} from '../rules.js';
import {holds, missingOf} from '../session.js';
import {actionButton, badge, dataTable, rowMessage, tableRow, whileLoading} from '../table.js';

export const TITLE = 'Roles';

export function render(container) {
  const state = {page: 1, pageSize: 100, total: 0};
  const notice = alertBox();
  const listError = alertBox();
  const tableHolder = h('div', {class: 'table-scroll', 'aria-busy': 'true'});
  const pagerHolder = h('div');
  const writeBlock = roleWriteBlock();
  const readBlock = lacks('roles:read');

  fill(container,
    h('div', {class: 'page-header'},
      h('div', {}, h('h1', {id: 'roles-heading'}, 'Roles'),
        h('p', {class: 'muted'}, 'A role is a named set of permissions; every API key has one. The predefined '
          + 'roles cannot be changed.')),
      h('div', {class: 'toolbar'},
        actionButton({label: 'Add role', className: 'primary', reason: writeBlock,
          explain: reason => showNote(notice, reason), onClick: () => roleDialog(null)}),
        h('button', {type: 'button', onclick: () => load().then(() => announce('Roles refreshed.'))}, 'Refresh'))),
    notice, listError, tableHolder, pagerHolder);
  if (readBlock) {
    tableHolder.removeAttribute('aria-busy');
    showNote(listError, readBlock);
    return;
  }

  const columns = [
    {id: 'name', label: 'Name', cell: role => h('div', {class: 'key-name'}, h('span', {}, role.name),
      role.predefined && badge('Predefined', 'managed'))},
    {id: 'description', label: 'Description', cell: role => role.description || h('span', {class: 'muted'}, '—')},
    {id: 'permissions', label: 'Permissions', cell: role => h('ul', {class: 'chips'},
      role.permissions.map(p => h('li', {class: 'chip'}, p)))},
    {id: 'keys', label: 'Keys', className: 'number', cell: role => keysLink(role)},
    {id: 'updated', label: 'Last changed', cell: role => when(role.updatedAt)},
    {id: 'actions', label: 'Actions', className: 'actions', cell: actionsCell},
  ];
  load();
  return {refresh: load};

  function load() {
    return whileLoading(tableHolder, async () => {
      try {
        const {data} = await api('GET', '/roles', {query: {page: state.page, pageSize: state.pageSize}});
        clearBox(listError);
        state.total = data.totalCount;
        directory.forget('roles');
        fill(tableHolder, dataTable({caption: 'Roles', columns, items: data.items, emptyText: 'No roles.',
          row: role => tableRow(columns, role, {'data-role-id': role.id})}));
        fill(pagerHolder, pager({page: state.page, pageSize: state.pageSize, total: state.total, what: 'roles',
          onChange: (page, pageSize) => {
            state.page = page;
            state.pageSize = pageSize;
            load();
          }}));
      } catch (failure) {
        showError(listError, failure, {}, h('button', {type: 'button', class: 'small', onclick: () => load()}, 'Try again'));
      }
    });
  }

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
    const row = () => tableHolder.querySelector(`tr[data-role-id="${CSS.escape(role.id)}"]`);
    const explainInRow = reason => rowMessage(row(), 'note', reason);
    const beyond = missingOf(role.permissions);
    const editBlock = writeBlock || (beyond.length > 0
      ? `This role holds permissions your key does not: ${beyond.join(', ')}.` : null);
    const deleteBlock = writeBlock || (role.keyCount > 0
      ? `${plural(role.keyCount, 'key holds', 'keys hold')} this role: give them another role first.` : null);
    return h('div', {class: 'row-actions'},
      actionButton({label: 'Edit', ariaLabel: `Edit ${role.name}`, reason: editBlock, explain: explainInRow,
        onClick: () => roleDialog(role)}),
      actionButton({label: 'Delete', ariaLabel: `Delete ${role.name}`, reason: deleteBlock, explain: explainInRow,
        onClick: () => confirmDialog({
          title: `Delete the role “${role.name}”?`,
          message: h('p', {}, 'This cannot be undone.'),
          confirmLabel: 'Delete role',
          onConfirm: async ({close}) => {
            await api('DELETE', `/roles/${encodeURIComponent(role.id)}`);
            close();
            announce(`Deleted the role ${role.name}.`);
            load();
          },
        })}));
  }

  async function roleDialog(role) {
    let catalogue;
    try {
      catalogue = await directory.permissionCatalogue();
    } catch (failure) {
      showError(notice, failure);
      return;
    }
    let etag = null;
    const name = field({label: 'Name', name: 'name', control: textInput({value: role ? role.name : '', maxLength: 128})});
    const description = field({label: 'Description', name: 'description',
      control: h('textarea', {value: role && role.description ? role.description : '', maxLength: 512, rows: 2}),
      hint: 'Optional, up to 512 characters.'});
    const permissionsError = h('p', {class: 'field-error', id: uid('permissions-error'), hidden: true});
    const boxes = new Map();
    const groups = new Map();
    for (const permission of catalogue) {
      const [resource] = permission.split(':');
      if (!groups.has(resource)) {
        groups.set(resource, []);
      }
      groups.get(resource).push(permission);
    }
    const fieldset = h('fieldset', {class: 'permissions', 'aria-describedby': permissionsError.id},
      h('legend', {}, 'Permissions'),
      h('p', {class: 'hint'}, 'They become the scopes of the tokens of every key with this role, from each key\'s next '
        + 'token. You can only grant permissions your own key holds.'),
      [...groups.entries()].map(([resource, permissions]) => h('div', {class: 'permission-group'},
        h('span', {class: 'permission-resource'}, resource),
        permissions.map(permission => {
          const id = uid('permission');
          const held = holds(permission);
          const box = h('input', {type: 'checkbox', id, value: permission,
            checked: Boolean(role && role.permissions.includes(permission)), disabled: !held});
          boxes.set(permission, box);
          return h('div', {class: 'check'}, box, h('label', {for: id, title: held ? null : 'Your key does not hold it.'},
            permission, !held && h('span', {class: 'muted'}, ' (not held by your key)')));
        }))),
      permissionsError);
    const permissionsField = {
      name: 'permissions', element: fieldset, control: fieldset,
      setError(message) {
        permissionsError.textContent = message;
        permissionsError.hidden = false;
        fieldset.setAttribute('aria-invalid', 'true');
      },
      clearError() {
        permissionsError.hidden = true;
        fieldset.removeAttribute('aria-invalid');
      },
    };
    const dialog = formDialog({
      title: role ? `Edit the role “${role.name}”` : 'Add role',
      fields: [name, description, permissionsField],
      submitLabel: role ? 'Save changes' : 'Add role',
      wide: true,
      onSubmit: async ({close}) => {
        requireFilled([name, 'Enter a name for the role.']);
        const body = {
          name: name.control.value.trim(),
          description: description.control.value.trim() || null,
          permissions: [...boxes.entries()].filter(([, box]) => box.checked).map(([permission]) => permission),
        };
        if (role) {
          try {
            await api('PATCH', `/roles/${encodeURIComponent(role.id)}`, {body, ifMatch: etag});
          } catch (failure) {
            if (failure.status !== 412) {
              throw failure;
            }
            showStale(dialog.error, failure, reload);
            return;
          }
        } else {
          await api('POST', '/roles', {body});
        }
        close();
        announce(role ? `Saved the role ${body.name}.` : `Added the role ${body.name}.`);
        load();
      },
    });
    async function reload() {
      const fresh = await api('GET', `/roles/${encodeURIComponent(role.id)}`);
      etag = fresh.etag;
      name.control.value = fresh.data.name;
      description.control.value = fresh.data.description || '';
      for (const [permission, box] of boxes) {
        box.checked = fresh.data.permissions.includes(permission);
      }
    }
    if (role) {
      try {
        await reload();
      } catch (failure) {
        showError(dialog.error, failure);
      }
    }
  }
}
