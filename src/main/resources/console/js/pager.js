// Paging under a list: rows per page, which rows of how many, first/previous/next/last.

import {h} from './dom.js';
import {uid} from './dom.js';

export const PAGE_SIZES = [20, 50, 100, 500];

/** onChange(page, pageSize) */
export function pager({page, pageSize, total, what, onChange}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const sizeId = uid('page-size');
  const go = target => () => onChange(target, pageSize);
  const button = (label, target, disabled, text) => h('button', {
    type: 'button', class: 'pager-button', 'aria-label': label, title: label, disabled, onclick: go(target),
  }, text);
  return h('nav', {class: 'pager', 'aria-label': `Pages of ${what}`},
    h('div', {class: 'page-size'},
      h('label', {for: sizeId}, 'Rows per page'),
      h('select', {id: sizeId, onchange: event => onChange(1, Number(event.target.value))},
        PAGE_SIZES.map(size => h('option', {value: size, selected: size === pageSize}, String(size))))),
    h('p', {class: 'page-range', 'aria-live': 'polite'},
      total === 0 ? `No ${what}` : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`),
    h('div', {class: 'page-buttons'},
      button('First page', 1, page <= 1, '«'),
      button('Previous page', page - 1, page <= 1, '‹'),
      h('span', {class: 'page-number'}, `Page ${page.toLocaleString()} of ${pages.toLocaleString()}`),
      button('Next page', page + 1, page >= pages, '›'),
      button('Last page', pages, page >= pages, '»')));
}
