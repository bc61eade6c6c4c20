// What keymint answers when it refuses: RFC 9457 problem details under /api, RFC 6749 error JSON
// at the token endpoint, or, from something in between, a bare status.

export class ApiError extends Error {
  constructor({status, title, detail = null, errors = [], retryAfter = null, type = null}) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.type = type;
  }
}

/** The error a response describes, whatever its shape. */
export async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body): status and reason phrase are all there is
  }
  return new ApiError({
    status: response.status,
    title: body.title || response.statusText || `HTTP ${response.status}`,
    detail: body.detail || body.error_description || null,
    errors: Array.isArray(body.errors) ? body.errors : [],
    retryAfter: retryAfter(response.headers.get('Retry-After')),
    type: body.type || body.error || null,
  });
}

/** The instant Retry-After names (seconds or an HTTP date), or null. */
export function retryAfter(header) {
  if (!header) {
    return null;
  }
  const seconds = Number(header);
  const at = Number.isFinite(seconds) ? new Date(Date.now() + seconds * 1000) : new Date(header);
  return Number.isNaN(at.getTime()) ? null : at;
}

