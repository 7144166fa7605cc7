// Calls to the turnussjekk API on the page's own origin. Errors arrive as RFC 9457 problem
// documents (application/problem+json) and are thrown as ApiProblem, so the page can list every
// bad field with its path. When the service requires a bearer token, the page asks for one and
// keeps it for the browser tab only (sessionStorage).

const TOKEN_KEY = 'turnussjekk.token';

export class ApiProblem extends Error {
  /**
   * @param {{ status: number, title: string, detail: string, errors?: Array<{ path: string, message: string, in?: string }> }} problem
   */
  constructor(problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
    this.problem = problem;
    this.status = problem.status;
  }
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** @param {string} value */
export function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lives for this request only */
  }
}

/**
 * @param {string} method
 * @param {string} url
 * @param {{ body?: BodyInit, type?: string, accept?: string }} [options]
 * @returns {Promise<Response>}
 */
async function call(method, url, { body, type, accept = 'application/json' } = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: `${accept}, application/problem+json` };
  if (type) headers['content-type'] = type;
  const t = token();
  if (t) headers.authorization = `Bearer ${t}`;
  let res;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch (err) {
    throw new ApiProblem({ status: 0, title: 'network', detail: /** @type {Error} */ (err).message, errors: [] });
  }
  if (res.ok) return res;
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    const problem = await res.json().catch(() => null);
    if (problem && typeof problem === 'object') throw new ApiProblem({ errors: [], ...problem, status: res.status });
  }
  throw new ApiProblem({
    status: res.status,
    title: res.statusText,
    detail: `${res.status} ${res.statusText}`,
    errors: [],
  });
}

export async function getJson(url) {
  return (await call('GET', url)).json();
}

export async function getText(url, accept = 'text/plain') {
  return (await call('GET', url, { accept })).text();
}

/**
 * @param {string} url
 * @param {BodyInit} body
 * @param {string} type content type of the body
 */
export async function postJson(url, body, type = 'application/json') {
  return (await call('POST', url, { body, type })).json();
}

/** Content type for a file name, or '' when the page cannot tell. */
export function typeOfName(name) {
  const ext = name.toLowerCase().replace(/^.*(\.[^.]+)$/, '$1');
  return (
    {
      '.json': 'application/json',
      '.yaml': 'application/yaml',
      '.yml': 'application/yaml',
      '.csv': 'text/csv',
      '.ics': 'text/calendar',
      '.ical': 'text/calendar',
    }[ext] ?? ''
  );
}

/** Content type for pasted text: JSON, iCalendar, CSV (a header row with separators) or YAML. */
export function typeOfText(text) {
  const s = text.replace(/^\uFEFF/, '').trimStart();
  if (s.startsWith('{') || s.startsWith('[')) return 'application/json';
  if (/^BEGIN:VCALENDAR/i.test(s)) return 'text/calendar';
  const first = s.split(/\r?\n/, 1)[0] ?? '';
  if (!/^[\w-]+\s*:/.test(first) && !first.startsWith('#') && /[;,\t]/.test(first)) return 'text/csv';
  return 'application/yaml';
}
