// Every call the console makes to keymint: the administration API with the session's bearer
// token, and the two public documents (metadata, JWK Set). Errors become ApiError with what
// the server said (RFC 9457 problem details, or RFC 6749 error JSON), never a silent failure.

import {ApiError, problem} from './problems.js';
import {bearerToken, sessionRejected} from './session.js';

export {ApiError};

const UNREACHABLE = {
  status: 0,
  title: 'No connection',
  detail: 'keymint cannot be reached. Check that it is running and that this computer is online, then try again.',
};

/** A call to /api/v1: resolves to {data, etag}; rejects with ApiError. */
export async function api(method, path, {body, ifMatch, query} = {}) {
  const token = bearerToken();
  if (!token) {
    throw new ApiError({status: 401, title: 'Unauthorized', detail: 'You are signed out. Sign in again.'});
  }
  const headers = {Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  const response = await send(`/api/v1${path}${queryString(query)}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    const error = await problem(response);
    sessionRejected();
    throw error;
  }
  return read(response);
}

/** Every item of a list, page after page. */
export async function apiAll(path, query = {}) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const {data} = await api('GET', path, {query: {...query, page, pageSize: 500}});
    items.push(...data.items);
    if (items.length >= data.totalCount || data.items.length === 0) {
      return items;
    }
  }
}

/** A public document of keymint (no token): metadata, JWK Set. */
export async function publicJson(path) {
  return (await read(await send(path, {method: 'GET', headers: {Accept: 'application/json'}}))).data;
}

async function send(url, init) {
  try {
    return await fetch(url, {...init, cache: 'no-store', credentials: 'omit', redirect: 'error'});
  } catch {
    throw new ApiError(UNREACHABLE);
  }
}

async function read(response) {
  if (!response.ok) {
    throw await problem(response);
  }
  const data = response.status === 204 ? null : await response.json();
  return {data, etag: response.headers.get('ETag')};
}

function queryString(query) {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
