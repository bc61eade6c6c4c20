// The signed-in administrator: an access token from /oauth2/token, held in this module's memory
// and nowhere else (no localStorage, sessionStorage or cookie), so it ends with the tab. The
// claims decoded here only drive what the console offers; keymint checks the token itself on
// every call.

import {problem} from './problems.js';

let current = null;
let expiryTimer = null;
const endListeners = new Set();

export class SignInError extends Error {
  constructor(message, retryAt = null) {
    super(message);
    this.retryAt = retryAt;
  }
}

/** The client-credentials grant, with the key's ID and secret as form parameters. */
export async function signIn(clientId, clientSecret) {
  let response;
  try {
    response = await fetch('/oauth2/token', {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
      body: new URLSearchParams({grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret}),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new SignInError('keymint cannot be reached. Check that it is running, then try again.');
  }
  if (!response.ok) {
    const error = await problem(response);
    throw new SignInError(error.detail || `keymint refused the sign-in (${error.status} ${error.title}).`,
      error.retryAfter);
  }
  const body = await response.json();
  const [header, claims] = decode(body.access_token);
  const scope = body.scope ?? claims.scope ?? '';
  current = {
    token: body.access_token,
    clientId: claims.client_id || clientId,
    customerId: claims.customer_id || null,
    microtenantId: claims.microtenant_id || null,
    roleName: claims.role || null,
    kid: header.kid || null,
    permissions: new Set(scope.split(' ').filter(Boolean)),
    // the browser's clock may differ from keymint's: count from now, not from the exp claim
    expiresAt: new Date(Date.now() + Number(body.expires_in) * 1000),
  };
  watchExpiry(current);
  return current;
}

// setTimeout takes at most 2^31-1 ms (24.8 days); a session validity interval may be longer
const LONGEST_TIMER = 2 ** 31 - 1;

function watchExpiry(watched) {
  clearTimeout(expiryTimer);
  const left = watched.expiresAt.getTime() - Date.now();
  expiryTimer = left > LONGEST_TIMER
    ? setTimeout(() => watchExpiry(watched), LONGEST_TIMER)
    : setTimeout(() => end('expired'), Math.max(0, left));
}

export function signOut() {
  end('signed-out');
}

/** keymint refused the token (401): it expired, or its key was disabled, locked, regenerated or deleted. */
export function sessionRejected() {
  end('rejected');
}

function end(reason) {
  clearTimeout(expiryTimer);
  if (!current) {
    return;
  }
  const ended = current;
  current = null;
  endListeners.forEach(listener => listener(reason, ended));
}

export function onSessionEnd(listener) {
  endListeners.add(listener);
}

export function session() {
  return current;
}

export function bearerToken() {
  return current && current.token;
}

export function holds(permission) {
  return Boolean(current && current.permissions.has(permission));
}

/** The permissions of a set the signed-in key does not hold (the delegation ceiling). */
export function missingOf(permissions) {
  return (permissions || []).filter(permission => !holds(permission));
}

function decode(jwt) {
  const [header, payload] = String(jwt).split('.');
  return [json(header), json(payload)];
}

function json(part) {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}
