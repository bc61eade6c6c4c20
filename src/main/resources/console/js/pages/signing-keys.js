// The Signing keys page, read-only: the keys keymint publishes at /oauth2/jwks, which of them
// signed this session's token, and where resource servers find them.

import {publicJson} from '../api.js';
import {copyButton} from '../clipboard.js';
import {announce, fill, h} from '../dom.js';
import {alertBox, clearBox, retryButton, showError} from '../errors.js';
import {when} from '../format.js';
import {session} from '../session.js';
import {badge, dataTable, latestOnly} from '../table.js';

export const TITLE = 'Signing keys';

export function render(container) {
  const listError = alertBox();
  const facts = h('div', {class: 'facts'});
  const tableHolder = h('div', {class: 'table-scroll'});
  const loadInto = latestOnly(tableHolder);
  fill(container,
    h('div', {class: 'page-header'},
      h('div', {}, h('h1', {id: 'signing-keys-heading'}, 'Signing keys'),
        h('p', {class: 'muted'}, 'keymint signs access tokens with its newest key and publishes every key a valid token '
          + 'can have been signed with. Rotate with the rotate-signing-key command (see the operations guide).')),
      h('div', {class: 'toolbar'}, h('button', {type: 'button',
        onclick: async () => (await load()) && announce('Signing keys refreshed.')}, 'Refresh'))),
    listError, facts, tableHolder);
  load();
  return {refresh: load};

  function load() {
    return loadInto(
      () => Promise.all([publicJson('/.well-known/oauth-authorization-server'), publicJson('/oauth2/jwks')]),
      ([metadata, jwks]) => {
        clearBox(listError);
        show(metadata, jwks);
      },
      failure => showError(listError, failure, {}, retryButton(load)));
  }

  function show(metadata, jwks) {
    const kid = session().kid;
    const signing = jwks.keys.find(key => key.kid === kid);
    fill(facts, h('dl', {class: 'fact-list'},
      h('dt', {}, 'Current key ID (kid)'),
      h('dd', {}, kid ? h('span', {class: 'client-id'}, h('code', {}, kid), copyButton(kid, 'key ID')) : '—',
        h('span', {class: 'muted'}, ' signed this session\'s token')),
      h('dt', {}, 'Issuer'), h('dd', {}, h('code', {}, metadata.issuer)),
      h('dt', {}, 'JWK Set'), h('dd', {}, h('code', {}, metadata.jwks_uri)),
      h('dt', {}, 'Published keys'), h('dd', {}, String(jwks.keys.length))));
    const columns = [
      {id: 'kid', label: 'Key ID (kid)', cell: key => h('code', {}, key.kid)},
      {id: 'state', label: 'State', cell: key => state(key, signing)},
      {id: 'type', label: 'Type', cell: key => describe(key)},
      {id: 'alg', label: 'Algorithm', cell: key => key.alg || '—'},
      {id: 'use', label: 'Use', cell: key => (key.use === 'sig' ? 'Signature' : key.use || '—')},
      {id: 'iat', label: 'Created', cell: key => when(key.iat ? new Date(key.iat * 1000).toISOString() : null)},
    ];
    fill(tableHolder, dataTable({caption: 'Published signing keys', columns, items: jwks.keys,
      emptyText: 'keymint publishes no key.'}));
  }
}

function state(key, signing) {
  if (signing && key.kid === signing.kid) {
    return badge('Signing', 'ok');
  }
  if (signing && key.iat && signing.iat && key.iat > signing.iat) {
    return badge('Next: published, signs soon', 'info');
  }
  return badge('Previous: verifies older tokens', 'muted-badge');
}

function describe(key) {
  if (key.kty === 'RSA' && key.n) {
    // the modulus, base64url without padding: 4 characters per 3 bytes
    return `RSA ${Math.floor((key.n.length * 3) / 4) * 8} bits`;
  }
  if (key.kty === 'EC') {
    return `EC ${key.crv}`;
  }
  return key.kty;
}
