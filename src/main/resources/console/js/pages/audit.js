// The Audit log page: who did what and when, newest first, with filters and paging.

import * as directory from '../directory.js';
import {h, uid} from '../dom.js';
import {field, filterPanel, textInput} from '../forms.js';
import {plural, when} from '../format.js';
import {badge} from '../table.js';
import {listPage} from './list-page.js';

export const TITLE = 'Audit log';

// suggestions only: the filter takes any action or target type keymint records
const KNOWN_TYPES = ['api-key', 'api-key.created', 'api-key.updated', 'api-key.enabled', 'api-key.disabled',
  'api-key.secret-regenerated', 'api-key.unlocked', 'api-key.locked', 'api-key.deleted',
  'role', 'role.created', 'role.updated', 'role.deleted',
  'microtenant', 'microtenant.created', 'microtenant.updated', 'microtenant.deleted'];

export function render(container, params) {
  const typesId = uid('audit-types');
  const type = field({label: 'Type', name: 'type', control: textInput({list: typesId, placeholder: 'api-key, role.updated, …'}),
    hint: 'An action, or a target type for all its actions.'});
  const actor = field({label: 'Actor', name: 'actor', control: textInput({placeholder: 'Client ID, keymint, configuration'})});
  const target = field({label: 'Target', name: 'target', control: textInput({value: params.get('target') || '',
    placeholder: 'Client ID or ID'})});
  const from = field({label: 'From', name: 'from', control: h('input', {type: 'datetime-local', step: 1}),
    hint: 'Your local time, inclusive.'});
  const to = field({label: 'To', name: 'to', control: h('input', {type: 'datetime-local', step: 1}),
    hint: 'Your local time, exclusive.'});
  const fields = {type, actor, target, from, to};
  // role and microtenant IDs in the details read better as names, where the key may read them
  const names = new Map();

  const filters = filterPanel('Filters', h('form', {role: 'search', 'aria-label': 'Filter audit events', noValidate: true,
    onsubmit: event => {
      event.preventDefault();
      page.firstPage();
    }},
  h('datalist', {id: typesId}, KNOWN_TYPES.map(value => h('option', {value}))),
  h('div', {class: 'filter-fields'}, Object.values(fields).map(f => f.element)),
  h('div', {class: 'filter-actions'},
    h('button', {type: 'submit'}, 'Apply filters'),
    h('button', {type: 'button', onclick: () => {
      Object.values(fields).forEach(f => { f.control.value = ''; });
      page.firstPage();
    }}, 'Clear filters'))));

  const page = listPage(container, {
    id: 'audit',
    title: 'Audit log',
    description: 'Every change of keys, roles and microtenants, and every automatic lock, newest first.',
    filters,
    fields,
    readPermission: 'audit:read',
    path: '/audit-events',
    query: () => ({type: type.control.value.trim(), actor: actor.control.value.trim(),
      target: target.control.value.trim(), from: instant(from), to: instant(to)}),
    before: async () => {
      const lists = await Promise.allSettled([directory.roles(), directory.microtenants()]);
      lists.filter(r => r.status === 'fulfilled' && r.value).forEach(r => r.value.forEach(o => names.set(o.id, o.name)));
    },
    pageSize: 50,
    pageSizePreference: 'audit.pageSize',
    caption: 'Audit events',
    what: 'audit events',
    emptyText: 'No audit event matches the filters.',
    summary: total => `${plural(total, 'event')}.`,
    columns: [
      {id: 'time', label: 'Time', cell: e => when(e.occurredAt)},
      {id: 'actor', label: 'Actor', cell: e => h('code', {}, e.actor)},
      {id: 'action', label: 'Action', cell: e => e.action},
      {id: 'target', label: 'Target', cell: e => h('span', {}, h('span', {class: 'muted'}, `${e.targetType} `),
        h('code', {}, e.target))},
      {id: 'outcome', label: 'Outcome', cell: e => badge(e.outcome === 'SUCCESS' ? 'Success' : e.outcome === 'DENIED'
        ? 'Denied' : e.outcome, e.outcome === 'SUCCESS' ? 'ok' : 'warn')},
      {id: 'details', label: 'Details', className: 'details', cell: e => details(e.details, names)},
    ],
  });
  return {refresh: page.load};
}

/** The ISO instant of a datetime-local input (read in the browser's time zone), or ''. */
function instant(f) {
  return f.control.value ? new Date(f.control.value).toISOString() : '';
}

/** "name: old → new", one line per changed property; known IDs by their names. */
function details(value, names) {
  if (!value || typeof value !== 'object' || Object.keys(value).length === 0) {
    return h('span', {class: 'muted'}, '—');
  }
  return h('ul', {class: 'details-list'}, Object.entries(value).map(([name, change]) => {
    if (change && typeof change === 'object' && ('from' in change || 'to' in change)) {
      return h('li', {}, h('span', {class: 'muted'}, `${name}: `), text(change.from, names), ' → ', text(change.to, names));
    }
    return h('li', {}, h('span', {class: 'muted'}, `${name}: `), text(change, names));
  }));
}

function text(value, names) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'string' && names.has(value)) {
    return h('span', {title: value}, names.get(value));
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
