// Lists the pages share (customer, roles, microtenants, permission catalogue), read once per
// session and read again after a page changes them.

import {api, apiAll, publicJson} from './api.js';
import {holds} from './session.js';

const cache = new Map();

function cached(name, load) {
  if (!cache.has(name)) {
    const loading = load();
    cache.set(name, loading);
    loading.catch(() => cache.delete(name));
  }
  return cache.get(name);
}

export function forgetAll() {
  cache.clear();
}

export function forget(name) {
  cache.delete(name);
}

export function customer() {
  return cached('customer', async () => (await api('GET', '/customer')).data);
}

/** Every role of the customer, or null when the key may not read roles. */
export function roles() {
  return holds('roles:read') ? cached('roles', () => apiAll('/roles')) : Promise.resolve(null);
}

/** Every microtenant the key sees, or null when it may not read them. */
export function microtenants() {
  return holds('microtenants:read') ? cached('microtenants', () => apiAll('/microtenants')) : Promise.resolve(null);
}

/** The permissions roles may hold: the scopes keymint's metadata advertises. */
export function permissionCatalogue() {
  return cached('catalogue', async () =>
    (await publicJson('/.well-known/oauth-authorization-server')).scopes_supported || []);
}

export function byId(items) {
  return new Map((items || []).map(item => [item.id, item]));
}
