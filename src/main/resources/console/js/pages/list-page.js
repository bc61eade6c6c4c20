// The frame of a page that lists one kind of object read page by page from the API: heading,
// toolbar ending in Refresh, a box for notes (why an action is not allowed), filters if any, an
// error box, a summary if asked for, the table and its pager.

import {api} from '../api.js';
import {confirmDialog} from '../dialog.js';
import {announce, fill, h} from '../dom.js';
import {alertBox, clearBox, retryButton, showError, showNote} from '../errors.js';
import {pager, PAGE_SIZES} from '../pager.js';
import * as prefs from '../prefs.js';
import {lacks} from '../rules.js';
import {actionButton, dataTable, latestOnly, rowMessage, tableRow} from '../table.js';

/**
 * actions(notice): the toolbar's buttons before Refresh; filters: a node above the list, whose
 * fields ({name: field}) get the messages of a 400; query(): the filters' parameters; before():
 * what to read ahead of the first page; summary(total): the line above the table.
 */
export function listPage(container, {id, title, description, actions = () => [], filters = null, fields = {},
  readPermission, path, query = () => ({}), before = async () => {}, pageSize = 100, pageSizePreference = null,
  caption, what, columns, emptyText, summary = null}) {
  const stored = pageSizePreference && prefs.load(pageSizePreference, pageSize);
  const state = {page: 1, pageSize: PAGE_SIZES.includes(stored) ? stored : pageSize};
  const notice = alertBox();
  const listError = alertBox();
  const summaryLine = summary && h('p', {class: 'muted list-summary', 'aria-live': 'polite'});
  const tableHolder = h('div', {class: 'table-scroll', 'aria-busy': 'true'});
  const pagerHolder = h('div');
  fill(container,
    h('div', {class: 'page-header'},
      h('div', {}, h('h1', {id: `${id}-heading`}, title), h('p', {class: 'muted'}, description)),
      h('div', {class: 'toolbar'}, actions(notice),
        h('button', {type: 'button', onclick: async () => (await load()) && announce(`${title} refreshed.`)}, 'Refresh'))),
    notice, filters, listError, summaryLine, tableHolder, pagerHolder);

  const loadInto = latestOnly(tableHolder);

  /** Reads the current page; resolves whether it could. */
  function load() {
    Object.values(fields).forEach(f => f.clearError());
    return loadInto(
      async () => (await api('GET', path, {query: {...query(), page: state.page, pageSize: state.pageSize}})).data,
      data => {
        clearBox(listError);
        if (summaryLine) {
          summaryLine.textContent = summary(data.totalCount);
        }
        fill(tableHolder, dataTable({caption, columns, items: data.items, emptyText,
          row: item => tableRow(columns, item, {'data-row-id': item.id})}));
        fill(pagerHolder, pager({page: state.page, pageSize: state.pageSize, total: data.totalCount, what,
          onChange: (page, size) => {
            state.page = page;
            state.pageSize = size;
            if (pageSizePreference) {
              prefs.save(pageSizePreference, size);
            }
            load();
          }}));
      },
      failure => showError(listError, failure, fields, retryButton(load)));
  }

  const page = {
    notice,
    load,
    firstPage() {
      state.page = 1;
      return load();
    },
    /** The table row of the object with this ID. */
    rowOf: objectId => tableHolder.querySelector(`tr[data-row-id="${CSS.escape(String(objectId))}"]`),
    /**
     * A row's Edit and Delete: each disabled with its reason (shown under the row) or null;
     * Delete asks first, deletes `path`, and reads the list again.
     */
    editAndDelete(item, {what, editBlock, deleteBlock, onEdit, path}) {
      const explainInRow = reason => rowMessage(page.rowOf(item.id), 'note', reason);
      return h('div', {class: 'row-actions'},
        actionButton({label: 'Edit', ariaLabel: `Edit ${item.name}`, reason: editBlock, explain: explainInRow,
          onClick: onEdit}),
        actionButton({label: 'Delete', ariaLabel: `Delete ${item.name}`, reason: deleteBlock, explain: explainInRow,
          onClick: () => confirmDialog({
            title: `Delete the ${what} “${item.name}”?`,
            message: h('p', {}, 'This cannot be undone.'),
            confirmLabel: `Delete ${what}`,
            onConfirm: async ({close}) => {
              await api('DELETE', path);
              close();
              announce(`Deleted the ${what} ${item.name}.`);
              load();
            },
          })}));
    },
  };
  const readBlock = lacks(readPermission);
  if (readBlock) {
    tableHolder.removeAttribute('aria-busy');
    showNote(listError, readBlock);
  } else {
    before().then(load);
  }
  return page;
}
