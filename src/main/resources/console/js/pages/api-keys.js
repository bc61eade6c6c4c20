// The API Keys page: the keys of the customer (or of the signed-in key's microtenant) with
// filters, saved filters, a column chooser, sorting, paging, and every action on a key.

import {api} from '../api.js';
import {copyAndAnnounce, copyButton} from '../clipboard.js';
import {formDialog} from '../dialog.js';
import * as directory from '../directory.js';
import {announce, fill, h, uid} from '../dom.js';
import {alertBox, clearBox, explain, retryButton, showError, showNote} from '../errors.js';
import {field, filterPanel, requireFilled, select, textInput} from '../forms.js';
import {plural, shortWhen, when} from '../format.js';
import {menuButton} from '../menu.js';
import {pager, PAGE_SIZES} from '../pager.js';
import * as prefs from '../prefs.js';
import {apiKeyChangeBlock, lacks} from '../rules.js';
import {session} from '../session.js';
import {actionButton, badge, dataTable, latestOnly, rowMessage, tableRow} from '../table.js';
import {addApiKeyDialog, deleteDialog, disableOwnKeyDialog, editApiKeyDialog, regenerateDialog} from './api-key-dialogs.js';

export const TITLE = 'API Keys';

const MAX_SOURCE_LOCKS_SHOWN = 3;
const EMPTY_FILTERS = {search: '', status: '', roleId: '', microtenantId: '', locked: ''};

export function render(container, params) {
  const state = {
    filters: {...EMPTY_FILTERS, roleId: params.get('roleId') || '', microtenantId: params.get('microtenantId') || ''},
    sort: prefs.load('apiKeys.sort', '-createdAt'),
    page: 1,
    pageSize: PAGE_SIZES.includes(prefs.load('apiKeys.pageSize', 20)) ? prefs.load('apiKeys.pageSize', 20) : 20,
    hidden: new Set(prefs.load('apiKeys.hiddenColumns', [])),
    keys: [],
    total: 0,
    roles: null,
    rolesById: new Map(),
    microtenantsById: new Map(),
  };
  const me = session();
  const notice = alertBox();
  const listError = alertBox();
  const tableHolder = h('div', {class: 'table-scroll', 'aria-busy': 'true'});
  const pagerHolder = h('div');
  const summary = h('p', {class: 'muted list-summary', 'aria-live': 'polite'});
  const loadInto = latestOnly(tableHolder);

  const columns = [
    {id: 'name', label: 'Name', sort: 'name', always: true, cell: nameCell},
    {id: 'clientId', label: 'Client ID', sort: 'clientId', cell: key => h('span', {class: 'client-id'},
      h('code', {}, key.clientId), copyButton(key.clientId, 'client ID', {label: `Copy client ID of ${key.name}`}))},
    {id: 'status', label: 'Status', sort: 'status', cell: statusCell},
    {id: 'sessionValidity', label: 'Session Validity Interval (In Seconds)', sort: 'sessionValiditySeconds',
      className: 'number long-head', cell: key => key.sessionValiditySeconds.toLocaleString()},
    {id: 'createdAt', label: 'Creation Date', sort: 'createdAt', cell: key => when(key.createdAt)},
    {id: 'role', label: 'Role', cell: key => key.roleName || key.roleId},
    {id: 'microtenant', label: 'Microtenant', cell: microtenantCell},
    {id: 'lastUsed', label: 'Last used', sort: 'lastUsedAt', cell: key => when(key.lastUsedAt, 'Never')},
    {id: 'locked', label: 'Locked', cell: lockedCell},
    {id: 'expires', label: 'Expires', sort: 'expiresAt', cell: expiresCell},
    {id: 'actions', label: 'Actions', always: true, className: 'actions', cell: actionsCell},
  ];
  const visibleColumns = () => columns.filter(column => column.always || !state.hidden.has(column.id));

  // --- header and toolbar ---------------------------------------------------------------------
  const addBlock = lacks('api-keys:write');
  const toolbar = h('div', {class: 'toolbar'},
    actionButton({label: 'Add API key', className: 'primary', reason: addBlock,
      explain: reason => showNote(notice, reason), onClick: openAdd}),
    h('button', {type: 'button', onclick: () => refresh()}, 'Refresh'),
    columnChooser(),
    menuButton('More', [
      {label: 'Copy customer ID', onSelect: () => copyId(async () => (await directory.customer()).customerId, 'customer ID')},
      me.microtenantId && {label: 'Copy microtenant ID', onSelect: () => copyId(async () => me.microtenantId, 'microtenant ID')},
    ].filter(Boolean), {buttonLabel: 'More actions'}));

  // --- filters ----------------------------------------------------------------------------------
  const search = field({label: 'Search by name or client ID', name: 'search',
    control: textInput({type: 'search', placeholder: 'Name or client ID'})});
  const status = field({label: 'Status', name: 'status', control: select([
    {value: '', label: 'Any'}, {value: 'ENABLED', label: 'Enabled'}, {value: 'DISABLED', label: 'Disabled'}])});
  const role = field({label: 'Role', name: 'roleId', control: select([{value: '', label: 'Any'}])});
  const microtenant = field({label: 'Microtenant', name: 'microtenantId', control: select([{value: '', label: 'Any'}])});
  const locked = field({label: 'Locked', name: 'locked', control: select([
    {value: '', label: 'Any'}, {value: 'true', label: 'Locked'}, {value: 'false', label: 'Not locked'}])});
  role.element.hidden = true;
  microtenant.element.hidden = true;
  const filterFields = {search, status, roleId: role, microtenantId: microtenant, locked};
  let searchTimer;
  search.control.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(applyFilters, 350);
  });
  for (const f of [status, role, microtenant, locked]) {
    f.control.addEventListener('change', applyFilters);
  }
  const savedSelect = h('select', {id: uid('saved-filters'), onchange: useSaved});
  const savedLabel = h('label', {for: savedSelect.id}, 'Saved filters');
  const deleteSaved = h('button', {type: 'button', class: 'small', onclick: removeSaved}, 'Delete saved filter');
  const filterForm = h('form', {role: 'search', 'aria-label': 'Filter API keys', noValidate: true,
    onsubmit: event => {
      event.preventDefault();
      applyFilters();
    }},
  h('div', {class: 'filter-fields'}, Object.values(filterFields).map(f => f.element)),
  h('div', {class: 'filter-actions'},
    h('button', {type: 'submit'}, 'Apply filters'),
    h('button', {type: 'button', onclick: clearFilters}, 'Clear filters'),
    h('button', {type: 'button', onclick: saveFilters}, 'Save filters…'),
    h('span', {class: 'saved-filters'}, savedLabel, savedSelect, deleteSaved)));
  renderSavedOptions();

  fill(container,
    h('div', {class: 'page-header'},
      h('div', {}, h('h1', {id: 'api-keys-heading'}, 'API Keys'),
        h('p', {class: 'muted'}, 'Keys exchange their client ID and secret for access tokens carrying their role\'s '
          + 'permissions.')),
      toolbar),
    notice, filterPanel('Filters', filterForm), listError, summary, tableHolder, pagerHolder);
  setFilterControls();
  const readBlock = lacks('api-keys:read');
  if (readBlock) {
    tableHolder.removeAttribute('aria-busy');
    showNote(listError, readBlock);
    return;
  }
  start();
  return {refresh: load};

  async function start() {
    const [roles, microtenants] = await Promise.allSettled([directory.roles(), directory.microtenants()]);
    if (roles.status === 'fulfilled' && roles.value) {
      state.roles = roles.value;
      state.rolesById = directory.byId(roles.value);
      fill(role.control, h('option', {value: ''}, 'Any'), roles.value.map(r => h('option', {value: r.id}, r.name)));
      role.element.hidden = false;
    }
    if (microtenants.status === 'fulfilled' && microtenants.value) {
      state.microtenants = microtenants.value;
      state.microtenantsById = directory.byId(microtenants.value);
      fill(microtenant.control, h('option', {value: ''}, 'Any'),
        microtenants.value.map(m => h('option', {value: m.id}, m.name)));
      microtenant.element.hidden = Boolean(me.microtenantId) || microtenants.value.length === 0;
    }
    const failed = [roles, microtenants].find(result => result.status === 'rejected');
    if (failed) {
      showError(notice, failed.reason);
    }
    setFilterControls();
    return load();
  }

  // --- loading ----------------------------------------------------------------------------------
  /** Reads the current page of keys; resolves whether it could. */
  function load() {
    return loadInto(
      async () => (await api('GET', '/api-keys', {query: {...queryFilters(), sort: state.sort, page: state.page,
        pageSize: state.pageSize}})).data,
      data => {
        const pages = Math.max(1, Math.ceil(data.totalCount / state.pageSize));
        if (data.items.length === 0 && state.page > pages) {
          // the last page emptied (keys deleted meanwhile): show the one that is now last
          state.page = pages;
          load();
          return;
        }
        clearBox(listError);
        state.keys = data.items;
        state.total = data.totalCount;
        renderTable();
      },
      failure => showError(listError, failure, {}, retryButton(load)));
  }

  async function refresh() {
    directory.forget('roles');
    directory.forget('microtenants');
    clearBox(notice);
    if (await start()) {
      announce(`Refreshed: ${plural(state.total, 'API key')}.`);
    }
  }

  function queryFilters() {
    const f = state.filters;
    return {search: f.search.trim(), status: f.status, roleId: f.roleId, microtenantId: f.microtenantId, locked: f.locked};
  }

  function renderTable() {
    const filtered = Object.values(state.filters).some(value => value !== '');
    const verb = state.total === 1 ? 'matches' : 'match';
    summary.textContent = `${plural(state.total, 'API key')}${filtered ? ` ${verb} the filters` : ''}.`;
    fill(tableHolder, dataTable({
      caption: 'API keys',
      columns: visibleColumns(),
      items: state.keys,
      sort: state.sort,
      onSort: sort => {
        state.sort = sort;
        prefs.save('apiKeys.sort', sort);
        load();
      },
      row: keyRow,
      emptyText: filtered ? 'No API key matches the filters.' : 'No API keys yet. Add one with “Add API key”.',
    }));
    fill(pagerHolder, pager({page: state.page, pageSize: state.pageSize, total: state.total, what: 'API keys',
      onChange: (page, pageSize) => {
        state.page = page;
        if (pageSize !== state.pageSize) {
          state.pageSize = pageSize;
          prefs.save('apiKeys.pageSize', pageSize);
        }
        load();
      }}));
  }

  function keyRow(key) {
    return tableRow(visibleColumns(), key, {'data-client-id': key.clientId});
  }

  /** Puts the key's new state in its row, and keeps the focus where it was. */
  function replaceKey(key, focusSelector) {
    state.keys = state.keys.map(k => (k.clientId === key.clientId ? key : k));
    const old = rowOf(key.clientId);
    if (!old) {
      return;
    }
    const next = old.nextElementSibling;
    if (next && next.classList.contains('row-message')) {
      next.remove();
    }
    const fresh = keyRow(key);
    old.replaceWith(fresh);
    if (focusSelector) {
      fresh.querySelector(focusSelector)?.focus();
    }
  }

  function rowOf(clientId) {
    return tableHolder.querySelector(`tr[data-client-id="${CSS.escape(clientId)}"]`);
  }

  // --- cells ------------------------------------------------------------------------------------
  function nameCell(key) {
    return h('div', {class: 'key-name'}, h('span', {}, key.name),
      key.clientId === me.clientId && badge('You', 'you'),
      key.readOnly && badge(`Managed by ${key.managedBy || 'an outside system'}`, 'managed'));
  }

  function statusCell(key) {
    const block = key.readOnly ? readOnlyReason(key) : apiKeyChangeBlock(key, state.rolesById);
    const toggle = h('button', {type: 'button', role: 'switch', class: 'toggle', 'aria-checked': String(key.enabled),
      'aria-label': `${key.name} enabled`, title: block, 'aria-disabled': block ? 'true' : null},
    h('span', {class: 'toggle-track', 'aria-hidden': 'true'}, h('span', {class: 'toggle-thumb'})),
    h('span', {class: 'toggle-text'}, key.enabled ? 'Enabled' : 'Disabled'));
    toggle.addEventListener('click', () => {
      const row = toggle.closest('tr');
      if (block) {
        rowMessage(row, 'note', block);
        return;
      }
      const change = async () => {
        const {data} = await api('PATCH', `/api-keys/${encodeURIComponent(key.clientId)}`, {body: {enabled: !key.enabled}});
        replaceKey(data, '[role=switch]');
        announce(`${data.name} is ${data.enabled ? 'enabled' : 'disabled'}.`);
      };
      if (key.enabled && key.clientId === me.clientId) {
        disableOwnKeyDialog({key, onConfirm: change});
        return;
      }
      toggle.disabled = true;
      change().catch(failure => {
        toggle.disabled = false;
        rowMessage(row, 'error', `Could not ${key.enabled ? 'disable' : 'enable'} “${key.name}”: ${explain(failure)}`);
      });
    });
    return toggle;
  }

  function microtenantCell(key) {
    if (!key.microtenantId) {
      return h('span', {class: 'muted'}, 'None');
    }
    const known = state.microtenantsById.get(key.microtenantId);
    // without microtenants:read there is no name: the start of the ID, whole in the tooltip
    return known ? known.name : h('code', {title: key.microtenantId}, `${key.microtenantId.slice(0, 8)}…`);
  }

  function lockedCell(key) {
    // with keymint.lockout.scope=key-and-source a key can be locked for some sources only
    const sourceLocks = key.lockedSources || [];
    const untrusted = key.untrustedSourcesLockedUntil;
    if (key.locked || untrusted || sourceLocks.length > 0) {
      const block = apiKeyChangeBlock(key, state.rolesById);
      const shown = sourceLocks.slice(0, MAX_SOURCE_LOCKS_SHOWN);
      const hidden = sourceLocks.slice(MAX_SOURCE_LOCKS_SHOWN);
      return h('div', {class: 'locked-cell'},
        key.locked ? lockLine('Locked until ', key.lockedUntil) : null,
        untrusted ? lockLine('Locked for untrusted sources until ', untrusted) : null,
        ...shown.map(lock => lockLine(`Locked for ${lock.source} until `, lock.lockedUntil)),
        hidden.length > 0
          ? h('span', {title: hidden.map(lock => `${lock.source} until ${lock.lockedUntil}`).join('\n')},
            `and ${plural(hidden.length, 'more locked source')}`)
          : null,
        actionButton({label: 'Unlock', ariaLabel: `Unlock ${key.name}`, reason: block,
          explain: reason => rowMessage(rowOf(key.clientId), 'note', reason), onClick: () => unlock(key)}));
    }
    return key.failedAttempts > 0
      ? h('span', {}, `No (${plural(key.failedAttempts, 'failed attempt')})`)
      : h('span', {class: 'muted'}, 'No');
  }

  function lockLine(text, until) {
    return h('span', {class: 'locked'}, text, h('time', {datetime: until, title: until}, shortWhen(new Date(until))));
  }

  function expiresCell(key) {
    if (key.expiresAt && new Date(key.expiresAt) <= new Date()) {
      return h('span', {class: 'expired'}, 'Expired ', when(key.expiresAt));
    }
    return when(key.expiresAt, 'Never');
  }

  function readOnlyReason(key) {
    return `Managed by ${key.managedBy || 'an outside system'}: change it there.`;
  }

  async function unlock(key) {
    try {
      const {data} = await api('POST', `/api-keys/${encodeURIComponent(key.clientId)}/unlock`);
      replaceKey(data, '.menu-button');
      announce(`${data.name} is unlocked.`);
    } catch (failure) {
      rowMessage(rowOf(key.clientId), 'error', `Could not unlock “${key.name}”: ${explain(failure)}`);
    }
  }

  function actionsCell(key) {
    const block = apiKeyChangeBlock(key, state.rolesById);
    const unlockItem = key.locked && {label: 'Unlock', disabled: Boolean(block), reason: block,
      onSelect: () => unlock(key)};
    if (key.readOnly) {
      const note = h('span', {class: 'muted read-only-note', title: readOnlyReason(key)}, 'Read-only');
      return unlockItem ? h('div', {class: 'row-actions'}, note,
        menuButton('Actions', [unlockItem], {buttonLabel: `Actions for ${key.name}`})) : note;
    }
    const item = (label, action) => ({label, disabled: Boolean(block), reason: block, onSelect: action});
    return menuButton('Actions', [
      item('Edit', () => editApiKeyDialog({key, roles: state.roles, onSaved: saved => replaceKey(saved, '.menu-button')})),
      item('Regenerate secret', () => regenerateDialog({key, onRegenerated: fresh => replaceKey(fresh, '.menu-button')})),
      unlockItem,
      item('Delete', () => deleteDialog({key, onDeleted: () => load()})),
    ].filter(Boolean), {buttonLabel: `Actions for ${key.name}`});
  }

  // --- column chooser ---------------------------------------------------------------------------
  function columnChooser() {
    const boxes = columns.filter(column => !column.always).map(column => {
      const id = uid('column');
      const box = h('input', {type: 'checkbox', id, checked: !state.hidden.has(column.id), onchange: () => {
        if (box.checked) {
          state.hidden.delete(column.id);
        } else {
          state.hidden.add(column.id);
        }
        prefs.save('apiKeys.hiddenColumns', [...state.hidden]);
        renderTable();
      }});
      return h('div', {class: 'check'}, box, h('label', {for: id}, column.label));
    });
    return h('details', {class: 'column-chooser'},
      h('summary', {}, 'Columns'),
      h('fieldset', {class: 'popover-panel'}, h('legend', {}, 'Show columns'), boxes));
  }

  // --- filters ----------------------------------------------------------------------------------
  function setFilterControls() {
    for (const [name, f] of Object.entries(filterFields)) {
      f.control.value = state.filters[name];
    }
  }

  function applyFilters() {
    clearTimeout(searchTimer);
    for (const [name, f] of Object.entries(filterFields)) {
      state.filters[name] = f.control.value;
    }
    state.page = 1;
    load();
  }

  function clearFilters() {
    state.filters = {...EMPTY_FILTERS};
    savedSelect.value = '';
    setFilterControls();
    applyFilters();
  }

  function savedFilters() {
    return prefs.load('apiKeys.savedFilters', []);
  }

  function renderSavedOptions(selected = '') {
    const saved = savedFilters();
    fill(savedSelect, h('option', {value: ''}, saved.length === 0 ? 'None saved yet' : 'Choose…'),
      saved.map(s => h('option', {value: s.name, selected: s.name === selected}, s.name)));
    savedSelect.disabled = saved.length === 0;
    deleteSaved.disabled = !selected;
  }

  function useSaved() {
    const chosen = savedFilters().find(s => s.name === savedSelect.value);
    deleteSaved.disabled = !chosen;
    if (!chosen) {
      return;
    }
    state.filters = {...EMPTY_FILTERS, ...chosen.filters};
    setFilterControls();
    applyFilters();
    announce(`Applied the saved filters “${chosen.name}”.`);
  }

  function removeSaved() {
    const name = savedSelect.value;
    prefs.save('apiKeys.savedFilters', savedFilters().filter(s => s.name !== name));
    renderSavedOptions();
    announce(`Deleted the saved filters “${name}”.`);
    savedSelect.focus();
  }

  function saveFilters() {
    const name = field({label: 'Name', name: 'name', control: textInput({required: true, maxLength: 64,
      value: savedSelect.value})});
    formDialog({
      title: 'Save filters',
      intro: h('p', {}, 'Saved in this browser, to pick again from “Saved filters”.'),
      fields: [name],
      submitLabel: 'Save',
      onSubmit: async ({close}) => {
        requireFilled([name, 'Enter a name for these filters.']);
        for (const [key, f] of Object.entries(filterFields)) {
          state.filters[key] = f.control.value;
        }
        const entry = {name: name.control.value.trim(), filters: {...state.filters}};
        prefs.save('apiKeys.savedFilters', [...savedFilters().filter(s => s.name !== entry.name), entry]
          .sort((a, b) => a.name.localeCompare(b.name)));
        close();
        renderSavedOptions(entry.name);
        announce(`Saved the filters as “${entry.name}”.`);
      },
    });
  }

  // --- toolbar actions --------------------------------------------------------------------------
  async function openAdd() {
    clearBox(notice);
    addApiKeyDialog({roles: state.roles, microtenants: state.microtenants, onCreated: () => {
      state.page = 1;
      load();
    }});
  }

  async function copyId(read, what) {
    try {
      const id = await read();
      const copied = await copyAndAnnounce(id, what);
      showNote(notice, copied ? `Copied the ${what}: ${id}` : `Could not copy the ${what}; here it is to copy by hand: ${id}`);
    } catch (failure) {
      showError(notice, failure);
    }
  }
}
