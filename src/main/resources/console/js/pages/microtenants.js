// The Microtenants page: named partitions of the customer that keys (and their administrators)
// can be confined to.

import {api} from '../api.js';
import {copyButton} from '../clipboard.js';
import {formDialog} from '../dialog.js';
import {announce, h} from '../dom.js';
import {showError, showNote, unlessStale} from '../errors.js';
import {field, requireFilled, textInput} from '../forms.js';
import {plural, when} from '../format.js';
import {lacks, microtenantCreateDeleteBlock} from '../rules.js';
import {holds} from '../session.js';
import {actionButton} from '../table.js';
import {listPage} from './list-page.js';

export const TITLE = 'Microtenants';

export function render(container) {
  const createDeleteBlock = microtenantCreateDeleteBlock();
  const editBlock = lacks('microtenants:write');
  const page = listPage(container, {
    id: 'microtenants',
    title: 'Microtenants',
    description: 'A microtenant is a part of the customer: its keys, and administrators confined to it, see only its keys.',
    actions: notice => actionButton({label: 'Add microtenant', className: 'primary', reason: createDeleteBlock,
      explain: reason => showNote(notice, reason), onClick: () => microtenantDialog(null)}),
    readPermission: 'microtenants:read',
    path: '/microtenants',
    caption: 'Microtenants',
    what: 'microtenants',
    emptyText: 'No microtenants yet: every key belongs to the whole customer.',
    columns: [
      {id: 'name', label: 'Name', cell: m => m.name},
      {id: 'description', label: 'Description', cell: m => m.description || h('span', {class: 'muted'}, '—')},
      {id: 'id', label: 'Microtenant ID', cell: m => h('span', {class: 'client-id'}, h('code', {}, m.id),
        copyButton(m.id, 'microtenant ID', {label: `Copy the ID of ${m.name}`}))},
      {id: 'keys', label: 'Keys', className: 'number', cell: keysLink},
      {id: 'created', label: 'Creation Date', cell: m => when(m.createdAt)},
      {id: 'actions', label: 'Actions', className: 'actions', cell: actionsCell},
    ],
  });
  return {refresh: page.load};

  function keysLink(m) {
    if (m.keyCount === 0 || !holds('api-keys:read')) {
      return m.keyCount.toLocaleString();
    }
    return h('a', {href: `#/api-keys?microtenantId=${encodeURIComponent(m.id)}`,
      'aria-label': `${plural(m.keyCount, 'key')} in ${m.name}`}, m.keyCount.toLocaleString());
  }

  function actionsCell(m) {
    return page.editAndDelete(m, {
      what: 'microtenant',
      path: `/microtenants/${encodeURIComponent(m.id)}`,
      onEdit: () => microtenantDialog(m),
      editBlock,
      deleteBlock: createDeleteBlock || (m.keyCount > 0
        ? `${plural(m.keyCount, 'key')} ${m.keyCount === 1 ? 'is' : 'are'} in this microtenant: delete or move them first.`
        : null),
    });
  }

  function microtenantDialog(m) {
    let etag = null;
    const name = field({label: 'Name', name: 'name', control: textInput({value: m ? m.name : '', maxLength: 128}),
      hint: 'Unique within the customer, up to 128 characters.'});
    const description = field({label: 'Description', name: 'description',
      control: h('textarea', {value: m && m.description ? m.description : '', maxLength: 512, rows: 2}),
      hint: 'Optional, up to 512 characters.'});
    async function readAgain() {
      const fresh = await api('GET', `/microtenants/${encodeURIComponent(m.id)}`);
      etag = fresh.etag;
      name.control.value = fresh.data.name;
      description.control.value = fresh.data.description || '';
    }
    const dialog = formDialog({
      title: m ? `Edit the microtenant “${m.name}”` : 'Add microtenant',
      fields: [name, description],
      submitLabel: m ? 'Save changes' : 'Add microtenant',
      onSubmit: async ({close, error}) => {
        requireFilled([name, 'Enter a name for the microtenant.']);
        const body = {name: name.control.value.trim(), description: description.control.value.trim() || null};
        const saved = m
          ? await unlessStale(error, readAgain,
            () => api('PATCH', `/microtenants/${encodeURIComponent(m.id)}`, {body, ifMatch: etag}))
          : await api('POST', '/microtenants', {body});
        if (!saved) {
          return;
        }
        close();
        announce(m ? `Saved the microtenant ${body.name}.` : `Added the microtenant ${body.name}.`);
        page.load();
      },
    });
    if (m) {
      readAgain().catch(failure => showError(dialog.error, failure));
    }
  }
}
