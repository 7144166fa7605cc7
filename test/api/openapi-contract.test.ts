// The OpenAPI document says what the server does (issue 17): each media type a route takes or
// answers is documented with the shape a client sends or reads, every status these requests get
// is documented for the operation, router errors do not repeat the path, an unknown method on a
// known path is a 405 with Allow, malformed HTTP is a problem document too, and date parameters
// are documented as dates.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { expectNoInternals, expectProblem, SMALL_ROTA_YAML, smallRota, testApp } from './helpers.ts';

type Json = Record<string, any>;
const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const CSV = readFileSync(new URL('vakter-komma.csv', FIXTURES));
const ICS = readFileSync(new URL('vakter.ics', FIXTURES), 'utf8');
const ROTA_ROUTES = ['/v1/evaluate', '/v1/headroom', '/v1/rota'];
const TEXT_MEDIA = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/csv', 'text/calendar'];

let app: App;
let doc: Json;
beforeAll(async () => {
  app = await testApp();
  doc = (await app.inject('/openapi.json')).json();
});
afterAll(async () => {
  await app.close();
});

/** The status is documented for the operation, with the media type the server answered in. */
function expectDocumented(
  method: string,
  path: string,
  res: { statusCode: number; headers: Record<string, unknown> },
): void {
  const op = doc.paths[path]?.[method];
  expect(op, `${method} ${path}`).toBeDefined();
  const response = op.responses[String(res.statusCode)];
  expect(response, `${method} ${path} ${res.statusCode} is documented`).toBeDefined();
  const media = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  expect(Object.keys(response.content ?? {}), `${method} ${path} ${res.statusCode} in ${media}`).toContain(media);
}

describe('request bodies: the rota object as JSON, text in every other media type', () => {
  it.each(ROTA_ROUTES)('POST %s documents JSON as the rota schema and YAML, CSV and iCalendar as strings', (path) => {
    const body = doc.paths[path].post.requestBody;
    expect(body.required).toBe(true);
    expect(Object.keys(body.content).sort()).toEqual(['application/json', ...TEXT_MEDIA].sort());
    const rota = body.content['application/json'].schema;
    expect(rota.type).toBe('object');
    expect(rota.required).toEqual(expect.arrayContaining(['version', 'workers', 'assignments', 'periods']));
    for (const media of TEXT_MEDIA) {
      expect(body.content[media].schema, `${path} ${media}`).toMatchObject({ type: 'string', contentMediaType: media });
      expect(body.content[media].schema.description).toMatch(/\S/);
    }
  });

  it.each(ROTA_ROUTES)('POST %s takes every documented media type and answers as documented', async (path) => {
    const bodies: Record<string, string | Buffer> = {
      'application/json': JSON.stringify(smallRota()),
      'application/yaml': SMALL_ROTA_YAML,
      'application/x-yaml': SMALL_ROTA_YAML,
      'text/yaml': SMALL_ROTA_YAML,
      'text/csv': CSV,
      'text/calendar': ICS,
    };
    expect(Object.keys(bodies).sort()).toEqual(Object.keys(doc.paths[path].post.requestBody.content).sort());
    for (const [media, payload] of Object.entries(bodies)) {
      const res = await app.inject({ method: 'POST', url: path, payload, headers: { 'content-type': media } });
      expect(res.statusCode, `${path} ${media}: ${res.body.slice(0, 300)}`).toBe(200);
      expectDocumented('post', path, res);
    }
    // And what it refuses is documented too: a bad rota (400) and a media type it does not take (415).
    expectDocumented(
      'post',
      path,
      expectProblemRes(
        await app.inject({ method: 'POST', url: path, payload: '{}', headers: { 'content-type': 'application/json' } }),
        400,
      ),
    );
    expectDocumented(
      'post',
      path,
      expectProblemRes(
        await app.inject({ method: 'POST', url: path, payload: 'x', headers: { 'content-type': 'text/plain' } }),
        415,
      ),
    );
  });
});

function expectProblemRes(res: Awaited<ReturnType<App['inject']>>, status: number) {
  expectProblem(res, status);
  return res;
}

describe('GET /v1/scenarios/{name}', () => {
  it('is documented as application/yaml text, which is what it answers', async () => {
    const ok = doc.paths['/v1/scenarios/{name}'].get.responses['200'];
    expect(ok.content).toEqual({ 'application/yaml': { schema: expect.objectContaining({ type: 'string' }) } });
    const name = ((await app.inject('/v1/scenarios')).json() as Array<{ name: string }>)[0]!.name;
    const res = await app.inject(`/v1/scenarios/${name}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expectDocumented('get', '/v1/scenarios/{name}', res);
    expectDocumented('get', '/v1/scenarios/{name}', await app.inject('/v1/scenarios/no-such-scenario'));
    expectDocumented('get', '/v1/scenarios/{name}', await app.inject('/v1/scenarios/Not_A_Name'));
  });
});

describe('a path parameter longer than the router reads', () => {
  it.each([
    ['/v1/rules/{id}', '/v1/rules/'],
    ['/v1/scenarios/{name}', '/v1/scenarios/'],
  ])('%s: a documented 414 that repeats neither the path nor the parameter', async (path, prefix) => {
    const long = 'abcdefghij'.repeat(30);
    const res = await app.inject(`${prefix}${long}?q=${long}`);
    const p = expectProblem(res, 414);
    expect(p.title).toBe('URI Too Long');
    expect(p.detail).toMatch(/longer than the 100 characters/);
    expect(res.body).not.toContain('abcdefghij');
    expect(p.instance).toBeUndefined();
    expectDocumented('get', path, res);
    // 100 characters are still read (and then judged by the route).
    expect((await app.inject(`${prefix}${'a'.repeat(100)}`)).statusCode).toBe(404);
  });

  it('a malformed %-escape is a 400 that does not repeat the path either', async () => {
    const res = await app.inject(`/v1/rules/${'x'.repeat(500)}%E0%A4%A`);
    expectProblem(res, 400);
    expect(res.body).not.toContain('xxxxxxxxxx');
    expectDocumented('get', '/v1/rules/{id}', res);
  });
});

describe('an unknown method on a known path', () => {
  it.each([
    ['DELETE', '/v1/rules', 'GET, HEAD'],
    ['PUT', '/health', 'GET, HEAD'],
    ['GET', '/v1/evaluate', 'POST'],
    ['PATCH', '/v1/rota', 'POST'],
    ['DELETE', '/v1/scenarios/weekend-respite-48h', 'GET, HEAD'],
    ['POST', '/openapi.json', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
  ])('%s %s is a 405 problem with Allow: %s', async (method, url, allow) => {
    const res = await app.inject({ method: method as 'GET', url });
    const p = expectProblem(res, 405);
    expect(res.headers.allow).toBe(allow);
    expect(p.title).toBe('Method Not Allowed');
    expect(p.detail).toContain(allow);
  });

  it('HEAD on a POST-only path is a 405 with Allow and no body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/v1/evaluate' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toBe('');
  });

  it('an unknown path is still a 404, whatever the method', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/v1/nothing' }), 404);
    expectProblem(await app.inject('/v1/rules/a/b'), 404);
  });

  it('with tokens configured the 405 answers before authentication, and says only what the document says', async () => {
    const secured = await testApp({ env: { TURNUSSJEKK_TOKENS: 'contract-token-0123456789' } });
    try {
      const res = await secured.inject({ method: 'DELETE', url: '/v1/evaluate' });
      expectProblem(res, 405);
      expect(res.headers.allow).toBe('POST');
      expectProblem(
        await secured.inject({
          method: 'POST',
          url: '/v1/evaluate',
          payload: '{}',
          headers: { 'content-type': 'application/json' },
        }),
        401,
      );
    } finally {
      await secured.close();
    }
  });
});

describe('date query parameters', () => {
  it('are documented as format: date, and a date that does not exist is still a 400', async () => {
    const dateParams: Array<[string, string, string]> = [
      ['post', '/v1/evaluate', 'asOf'],
      ['post', '/v1/headroom', 'asOf'],
      ['post', '/v1/rota', 'from'],
      ['post', '/v1/rota', 'until'],
      ['get', '/v1/calendar', 'from'],
      ['get', '/v1/calendar', 'to'],
    ];
    for (const [method, path, name] of dateParams) {
      const param = (doc.paths[path][method].parameters as Json[]).find((p) => p.name === name);
      expect(param?.schema, `${method} ${path} ${name}`).toMatchObject({ type: 'string', format: 'date' });
    }
    const res = await app.inject({
      method: 'POST',
      url: '/v1/evaluate?asOf=2025-02-30',
      payload: JSON.stringify(smallRota()),
      headers: { 'content-type': 'application/json' },
    });
    expect(expectProblem(res, 400).errors).toEqual([expect.objectContaining({ path: 'asOf', in: 'query' })]);
    expectDocumented('post', '/v1/evaluate', res);
  });
});

describe('the document as a whole', () => {
  it('states its server, licence, contact and open default; declares and describes every tag; describes every operation', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.info.license).toEqual({
      name: expect.stringMatching(/UNLICENSED/),
      identifier: 'LicenseRef-UNLICENSED',
    });
    expect(doc.info.contact?.name).toMatch(/\S/);
    expect(doc.security).toEqual([]);
    const tags = new Map((doc.tags as Json[]).map((t) => [t.name, t.description]));
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        expect(op.description, `${method} ${path}`).toMatch(/\S/);
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('4')),
          `${method} ${path} has a 4xx`,
        ).toBe(true);
        for (const tag of op.tags) expect(tags.get(tag), `tag ${tag}`).toMatch(/\S/);
      }
    }
  });

  it('with tokens configured every /v1 operation needs the bearer token and the rest inherit the open default', async () => {
    const secured = await testApp({ env: { TURNUSSJEKK_TOKENS: 'contract-token-0123456789' } });
    try {
      const d = (await secured.inject('/openapi.json')).json() as Json;
      expect(d.security).toEqual([]);
      for (const [path, item] of Object.entries<Json>(d.paths)) {
        for (const [method, op] of Object.entries<Json>(item)) {
          if (path.startsWith('/v1/')) {
            expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
            expect(op.responses['401'], `${method} ${path}`).toBeDefined();
          } else {
            expect(op.security, `${method} ${path}`).toBeUndefined();
            expect((await secured.inject({ method: method.toUpperCase() as 'GET', url: path })).statusCode).toBe(200);
          }
        }
      }
    } finally {
      await secured.close();
    }
  });
});

/** Sends raw bytes to a listening app and reads the whole answer. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.setTimeout(300_000, () => socket.destroy(new Error('no answer in 5 min'))); // ends a hang only
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('malformed HTTP and oversized headers are answered with problem documents', async () => {
    const live = await testApp();
    try {
      await live.listen({ port: 0, host: '127.0.0.1' });
      const { port } = live.server.address() as AddressInfo;
      const check = (raw: string, status: number) => {
        const [head, body] = raw.split('\r\n\r\n');
        expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
        expect(head).toMatch(/content-type: application\/problem\+json/i);
        const p = JSON.parse(body!) as Json;
        expect(p).toMatchObject({ type: 'about:blank', status, errors: [] });
        expectNoInternals(body!);
      };
      check(await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'), 400);
      check(await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`), 431);
      // The documented 400 of GET /health is this problem document.
      expect(doc.paths['/health'].get.responses['400'].content['application/problem+json']).toBeDefined();
    } finally {
      await live.close();
    }
  });
});
