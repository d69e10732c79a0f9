// Calls to the hub's /api with the operator's token. The token lives in this tab's sessionStorage only and goes in
// the Authorization header (no cookie). A 401 forgets it and asks for it again.

const KEY = 'socialwire.apiToken';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** An answer the hub refused, with its reason. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Set by the app: what to do when the token is refused. */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** GET or POST /api/...; the parsed JSON answer, or an ApiError saying why not. */
export async function api(path, {method = 'GET', body} = {}) {
  const headers = {'Accept': 'application/json', 'Authorization': `Bearer ${token() ?? ''}`};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, `The hub did not answer (${e.message}). Is it running, and is this page served by it?`);
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    parsed = null;
  }
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'The hub refused the API token: sign in again.', parsed);
  }
  if (!response.ok) {
    throw new ApiError(response.status, reason(response, parsed), parsed);
  }
  return parsed;
}

function reason(response, parsed) {
  const said = parsed && typeof parsed.error === 'string' && !('status' in parsed) ? parsed.error : null;
  if (said) return said;
  if (response.status === 403) return 'The hub refused this call (403).';
  if (response.status === 404) return `Not found (404): this hub has no ${new URL(response.url).pathname}.`;
  return `The hub answered ${response.status}${parsed && parsed.error ? ` (${parsed.error})` : ''}.`;
}

export function encode(value) {
  return encodeURIComponent(value);
}
