// A table of items with sortable column headers. Each cell carries its column's label, which
// the narrow (phone) layout shows in front of the value, one card per row.

import {h} from './dom.js';

/**
 * columns: [{id, label, sort, cell(item) -> node, className}]
 * sort: "field" or "-field"; onSort(newSort) when a sortable header is activated.
 */
export function dataTable({caption, columns, items, sort, onSort, row, emptyText}) {
  const [direction, field] = sort && sort.startsWith('-') ? ['descending', sort.slice(1)] : ['ascending', sort];
  const head = h('tr', {}, columns.map(column => {
    const sorted = column.sort && column.sort === field;
    const th = h('th', {scope: 'col', class: column.className, 'aria-sort': sorted ? direction : null});
    if (column.sort && onSort) {
      const next = sorted && direction === 'ascending' ? `-${column.sort}` : column.sort;
      // the arrow is drawn by the stylesheet; aria-sort tells screen readers
      th.append(h('button', {type: 'button', class: 'sort-button', onclick: () => onSort(next)}, column.label));
    } else {
      th.append(column.label);
    }
    return th;
  }));
  const body = h('tbody', {}, items.length === 0
    ? h('tr', {class: 'empty-row'}, h('td', {colspan: columns.length}, emptyText))
    : items.map(item => (row ? row(item) : tableRow(columns, item))));
  return h('table', {class: 'data-table'}, h('caption', {class: 'visually-hidden'}, caption), h('thead', {}, head), body);
}

/** One row of cells, each labelled for the card layout. */
export function tableRow(columns, item, props = {}) {
  return h('tr', props, columns.map(column =>
    h('td', {class: column.className, 'data-label': column.label}, column.cell(item))));
}

/**
 * A message in its own row right under the row it is about (an error of an action on that
 * row, or why an action is not allowed). Replaces an earlier message of the row.
 */
export function rowMessage(row, kind, text) {
  clearRowMessage(row);
  const message = h('tr', {class: 'row-message'}, h('td', {colspan: row.cells.length},
    h('div', {class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status'},
      h('p', {}, text),
      h('button', {type: 'button', class: 'quiet small', onclick: () => {
        message.remove();
        row.querySelector('button')?.focus();
      }}, 'Dismiss'))));
  row.after(message);
  return message;
}

export function clearRowMessage(row) {
  const next = row.nextElementSibling;
  if (next && next.classList.contains('row-message')) {
    next.remove();
  }
}

/** A button that, when its action is not allowed, stays focusable, says why, and does nothing else. */
export function actionButton({label, ariaLabel, reason, onClick, explain, className = 'small'}) {
  const button = h('button', {
    type: 'button', class: className, 'aria-label': ariaLabel, title: reason,
    'aria-disabled': reason ? 'true' : null,
  }, label);
  button.addEventListener('click', () => (reason ? explain(reason) : onClick(button)));
  return button;
}

export function badge(text, kind = '') {
  return h('span', {class: `badge ${kind}`.trim()}, text);
}

/**
 * Loads into a holder: marks it busy meanwhile (for screen readers, and whoever waits for the
 * list), and of overlapping loads (quick clicks through the pages) shows only the latest, so
 * that a slower, older answer never replaces a newer one. load(read, show, fail) resolves
 * whether it showed what it read.
 */
export function latestOnly(holder) {
  let latest = 0;
  return async (read, show, fail) => {
    const ticket = ++latest;
    holder.setAttribute('aria-busy', 'true');
    try {
      const result = await read();
      if (ticket === latest) {
        show(result);
        return true;
      }
      return false;
    } catch (failure) {
      if (ticket === latest) {
        fail(failure);
      }
      return false;
    } finally {
      if (ticket === latest) {
        holder.removeAttribute('aria-busy');
      }
    }
  };
}
