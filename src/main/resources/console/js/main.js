// The console's frame: sign-in, the header with navigation and identity, and the page the URL
// names (#/api-keys, #/roles, ...). Pages render into <main>.

import {h, fill} from './dom.js';
import {openDialog} from './dialog.js';
import * as directory from './directory.js';
import {shortWhen} from './format.js';
import {onSessionEnd, session, signOut} from './session.js';
import {signInForm} from './signin.js';
import * as apiKeys from './pages/api-keys.js';
import * as roles from './pages/roles.js';
import * as microtenants from './pages/microtenants.js';
import * as audit from './pages/audit.js';
import * as signingKeys from './pages/signing-keys.js';

const PAGES = {'api-keys': apiKeys, roles, microtenants, audit, 'signing-keys': signingKeys};
const DEFAULT_PAGE = 'api-keys';

const signInView = document.getElementById('sign-in-view');
const shell = document.getElementById('shell');
const main = document.getElementById('main');
let reauthentication = null;
let currentPage = null;

function showSignIn(notice) {
  shell.hidden = true;
  const {form, focus} = signInForm({onSignedIn: enter});
  fill(signInView, h('div', {class: 'sign-in-card'},
    h('h1', {class: 'sign-in-title'}, h('img', {src: 'favicon.svg', alt: '', width: 32, height: 32}), 'keymint console'),
    h('p', {}, 'Sign in with an administrator API key: its client ID and secret. The first start of keymint '
      + 'prints the bootstrap key\'s in its log.'),
    notice && h('p', {class: 'alert note', role: 'status'}, notice),
    form,
    h('p', {class: 'hint'}, 'The console keeps the access token in this tab\'s memory only: closing or reloading '
      + 'the tab signs you out.')));
  signInView.hidden = false;
  document.title = 'Sign in · keymint console';
  focus();
}

function enter() {
  directory.forgetAll();
  signInView.hidden = true;
  signInView.replaceChildren();
  shell.hidden = false;
  renderIdentity();
  route({focus: true});
}

async function renderIdentity() {
  const identity = document.getElementById('identity');
  const current = session();
  const customerLine = h('span', {class: 'identity-customer'});
  fill(identity, customerLine,
    h('span', {}, h('span', {class: 'identity-key', title: 'The key you are signed in with'}, current.clientId),
      h('span', {class: 'muted'}, ` · until ${shortWhen(current.expiresAt)}`)));
  try {
    const mine = await directory.customer();
    customerLine.textContent = mine.name;
    if (current.microtenantId) {
      const own = ((await directory.microtenants()) || []).find(m => m.id === current.microtenantId);
      customerLine.textContent = `${mine.name} · ${own ? own.name : 'one microtenant'}`;
    }
  } catch {
    // the names are decoration here; pages show errors of their own
  }
}

/** An open popover (<details>) closes on Escape and on a click elsewhere, like a menu. */
function closePopovers() {
  document.addEventListener('pointerdown', event => {
    for (const open of document.querySelectorAll('details.column-chooser[open]')) {
      if (!open.contains(event.target)) {
        open.open = false;
      }
    }
  }, true);
  document.addEventListener('keydown', event => {
    const open = event.key === 'Escape' && event.target.closest && event.target.closest('details.column-chooser[open]');
    if (open) {
      open.open = false;
      open.querySelector('summary').focus();
    }
  });
}

/** Asks for the key's secret again without leaving the page (the token expired or was refused). */
function reauthenticate(reason, ended) {
  if (reauthentication) {
    return;
  }
  const message = reason === 'expired'
    ? `Your session ended at ${shortWhen(ended.expiresAt)}: the access token expired. Sign in again to continue.`
    : 'keymint no longer accepts your session\'s token (it expired, or its key was disabled, locked, regenerated '
      + 'or deleted). Sign in again to continue.';
  const {form, focus} = signInForm({clientId: ended.clientId, onSignedIn: signedIn => {
    const sameKey = signedIn.clientId === ended.clientId;
    reauthentication.close();
    if (sameKey) {
      directory.forgetAll();
      renderIdentity();
      // the page keeps its filters and paging, and reads its data again with the new token
      currentPage?.refresh?.();
    } else {
      enter();
    }
  }});
  reauthentication = openDialog({
    title: 'Sign in again',
    dismissible: false,
    content: [h('p', {class: 'alert note'}, message), form],
    footer: [h('button', {type: 'button', onclick: () => {
      reauthentication.close();
      showSignIn();
    }}, 'Go to the sign-in page')],
    onClose: () => { reauthentication = null; },
  });
  focus();
}

function parseHash() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [name, query = ''] = hash.split('?');
  return {name, params: new URLSearchParams(query)};
}

function route({focus = true} = {}) {
  if (!session()) {
    return;
  }
  const {name, params} = parseHash();
  const page = PAGES[name];
  if (!page) {
    location.replace(`#/${DEFAULT_PAGE}`);
    return;
  }
  for (const link of document.querySelectorAll('.nav a')) {
    if (link.dataset.route === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // another page, or another administrator, may have changed them meanwhile
  directory.forget('roles');
  directory.forget('microtenants');
  const container = h('section', {class: 'page', 'aria-labelledby': `${name}-heading`});
  fill(main, container);
  document.title = `${page.TITLE} · keymint console`;
  currentPage = page.render(container, params);
  if (focus) {
    const heading = container.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
}

onSessionEnd((reason, ended) => {
  if (reason === 'signed-out') {
    showSignIn('You are signed out.');
  } else {
    reauthenticate(reason, ended);
  }
});

document.getElementById('sign-out').addEventListener('click', () => signOut());
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => route());
closePopovers();
showSignIn();
