// Errors are data: every error response is an RFC 9457 problem document (application/problem+json)
// listing each bad field with its path. No stack trace, no echo of the request body, and never a
// 500 for input the client can fix.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from '../src/rota/errors.ts';
import type { Problem, ProblemError } from './schemas.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://turnussjekk.no/problems/';

/** The problem kinds this API answers with; `type` is TYPE_BASE + the key. */
export const PROBLEM_TYPES = {
  'invalid-input': { status: 400, title: 'The request is not a valid rota document' },
  'invalid-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  'not-found': { status: 404, title: 'Not found' },
  'rule-not-found': { status: 404, title: 'No rule with that id' },
  'base-not-held': { status: 412, title: 'The rota named by base is not held here' },
  'body-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal server error' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

export function problem(kind: ProblemKind, detail: string, errors: ProblemError[] = [], instance?: string): Problem {
  const { status, title } = PROBLEM_TYPES[kind];
  return {
    type: `${TYPE_BASE}${kind}`,
    title,
    status,
    detail,
    ...(instance !== undefined ? { instance } : {}),
    errors,
  };
}

/** For a problem whose status has no kind of its own (a 4xx fastify raised itself). */
function genericProblem(status: number, detail: string, instance: string): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance, errors: [] };
}

/** The request path without its query string, capped, for `instance` and for logs. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  // Sent as a string with its media type, so no route's response serializer touches it.
  return reply.code(p.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(p));
}

const LOCATIONS: Record<string, ProblemError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

function issuesOf(err: InputError, location: ProblemError['in']): ProblemError[] {
  return err.issues.map((i) => ({
    path: i.path,
    message: i.message,
    ...(location ? { in: location } : {}),
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.line !== undefined && i.column !== undefined ? { column: i.column } : {}),
  }));
}

function inputProblem(err: InputError, location: string | undefined, instance: string): Problem {
  const where = LOCATIONS[location ?? 'body'] ?? 'body';
  const n = err.issues.length;
  if (where === 'body') {
    return problem(
      'invalid-input',
      `${n} problem${n === 1 ? '' : 's'} in the rota document; each is listed in errors with its path`,
      issuesOf(err, where),
      instance,
    );
  }
  return problem(
    'invalid-request',
    `${n} problem${n === 1 ? '' : 's'} in the request ${where === 'query' ? 'query string' : where}`,
    issuesOf(err, where),
    instance,
  );
}

/** Error → problem. The only place an exception becomes a response. */
export function problemFor(err: FastifyError | Error, request: FastifyRequest, bodyLimit: number): Problem {
  const instance = pathOf(request.url);
  if (err instanceof InputError) {
    return inputProblem(err, (err as InputError & { validationContext?: string }).validationContext, instance);
  }
  const e = err as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('body-too-large', `the request body is larger than the limit of ${bodyLimit} bytes`, [], instance);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('invalid-request', 'the Content-Length header does not match the body', [], instance);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupported-media-type',
        'send the rota document as application/json, as YAML (application/yaml), or a CSV (text/csv) or iCalendar (text/calendar) export',
        [],
        instance,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(
        'invalid-input',
        'the request body is empty',
        [{ path: '', message: 'missing', in: 'body' }],
        instance,
      );
    default:
      break;
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors carry a fixed message of theirs; anything else gets none.
    const detail = e.code?.startsWith('FST_') ? e.message : (STATUS_CODES[status] ?? 'client error');
    return genericProblem(status, detail, instance);
  }
  if (status === 503) return problem('service-unavailable', 'the server is shutting down; try again', [], instance);
  return problem('internal', `an unexpected error occurred; it is logged under request id ${request.id}`, [], instance);
}
