// The Microtenants page: named partitions of the customer that keys (and their administrators)
// can be confined to.

import {api} from '../api.js';
import {copyButton} from '../clipboard.js';
import {confirmDialog, formDialog} from '../dialog.js';
import * as directory from '../directory.js';
import {announce, fill, h} from '../dom.js';
import {alertBox, clearBox, showError, showNote, showStale} from '../errors.js';
import {field, requireFilled, textInput} from '../forms.js';
import {plural, when} from '../format.js';
import {pager} from '../pager.js';
import {lacks, microtenantCreateDeleteBlock} from '../rules.js';
import {holds} from '../session.js';
import {actionButton, dataTable, rowMessage, tableRow, whileLoading} from '../table.js';

export const TITLE = 'Microtenants';

export function render(container) {
  const state = {page: 1, pageSize: 100};
  const notice = alertBox();
  const listError = alertBox();
  const tableHolder = h('div', {class: 'table-scroll', 'aria-busy': 'true'});
  const pagerHolder = h('div');
  const createDeleteBlock = microtenantCreateDeleteBlock();
  const editBlock = lacks('microtenants:write');

  fill(container,
    h('div', {class: 'page-header'},
      h('div', {}, h('h1', {id: 'microtenants-heading'}, 'Microtenants'),
        h('p', {class: 'muted'}, 'A microtenant is a part of the customer: its keys, and administrators confined to it, '
          + 'see only its keys.')),
      h('div', {class: 'toolbar'},
        actionButton({label: 'Add microtenant', className: 'primary', reason: createDeleteBlock,
          explain: reason => showNote(notice, reason), onClick: () => microtenantDialog(null)}),
        h('button', {type: 'button', onclick: () => load().then(() => announce('Microtenants refreshed.'))}, 'Refresh'))),
    notice, listError, tableHolder, pagerHolder);
  const readBlock = lacks('microtenants:read');
  if (readBlock) {
    tableHolder.removeAttribute('aria-busy');
    showNote(listError, readBlock);
    return;
  }

  const columns = [
    {id: 'name', label: 'Name', cell: m => m.name},
    {id: 'description', label: 'Description', cell: m => m.description || h('span', {class: 'muted'}, '—')},
    {id: 'id', label: 'Microtenant ID', cell: m => h('span', {class: 'client-id'}, h('code', {}, m.id),
      copyButton(m.id, 'microtenant ID', {label: `Copy the ID of ${m.name}`}))},
    {id: 'keys', label: 'Keys', className: 'number', cell: m => (m.keyCount > 0 && holds('api-keys:read')
      ? h('a', {href: `#/api-keys?microtenantId=${encodeURIComponent(m.id)}`,
        'aria-label': `${plural(m.keyCount, 'key')} in ${m.name}`}, m.keyCount.toLocaleString())
      : m.keyCount.toLocaleString())},
    {id: 'created', label: 'Creation Date', cell: m => when(m.createdAt)},
    {id: 'actions', label: 'Actions', className: 'actions', cell: actionsCell},
  ];
  load();
  return {refresh: load};

  function load() {
    return whileLoading(tableHolder, async () => {
      try {
        const {data} = await api('GET', '/microtenants', {query: {page: state.page, pageSize: state.pageSize}});
        clearBox(listError);
        directory.forget('microtenants');
        fill(tableHolder, dataTable({caption: 'Microtenants', columns, items: data.items,
          emptyText: 'No microtenants yet: every key belongs to the whole customer.',
          row: m => tableRow(columns, m, {'data-microtenant-id': m.id})}));
        fill(pagerHolder, pager({page: state.page, pageSize: state.pageSize, total: data.totalCount, what: 'microtenants',
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

  function actionsCell(m) {
    const explainInRow = reason =>
      rowMessage(tableHolder.querySelector(`tr[data-microtenant-id="${CSS.escape(m.id)}"]`), 'note', reason);
    const deleteBlock = createDeleteBlock || (m.keyCount > 0
      ? `${plural(m.keyCount, 'key')} ${m.keyCount === 1 ? 'is' : 'are'} in this microtenant: delete or move them first.`
      : null);
    return h('div', {class: 'row-actions'},
      actionButton({label: 'Edit', ariaLabel: `Edit ${m.name}`, reason: editBlock, explain: explainInRow,
        onClick: () => microtenantDialog(m)}),
      actionButton({label: 'Delete', ariaLabel: `Delete ${m.name}`, reason: deleteBlock, explain: explainInRow,
        onClick: () => confirmDialog({
          title: `Delete the microtenant “${m.name}”?`,
          message: h('p', {}, 'This cannot be undone.'),
          confirmLabel: 'Delete microtenant',
          onConfirm: async ({close}) => {
            await api('DELETE', `/microtenants/${encodeURIComponent(m.id)}`);
            close();
            announce(`Deleted the microtenant ${m.name}.`);
            load();
          },
        })}));
  }

  function microtenantDialog(m) {
    let etag = null;
    const name = field({label: 'Name', name: 'name', control: textInput({value: m ? m.name : '', maxLength: 128}),
      hint: 'Unique within the customer, up to 128 characters.'});
    const description = field({label: 'Description', name: 'description',
      control: h('textarea', {value: m && m.description ? m.description : '', maxLength: 512, rows: 2}),
      hint: 'Optional, up to 512 characters.'});
    async function reload() {
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
        try {
          await api(m ? 'PATCH' : 'POST', m ? `/microtenants/${encodeURIComponent(m.id)}` : '/microtenants',
            {body, ifMatch: etag});
        } catch (failure) {
          if (failure.status !== 412) {
            throw failure;
          }
          showStale(error, failure, reload);
          return;
        }
        close();
        announce(m ? `Saved the microtenant ${body.name}.` : `Added the microtenant ${body.name}.`);
        load();
      },
    });
    if (m) {
      reload().catch(failure => showError(dialog.error, failure));
    }
  }
}
