// The OpenAPI document is generated from the same zod schemas that validate requests and
// responses; these tests hold it to OpenAPI 3.1's shape and check it against real answers.
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { postJson, postYaml, smallRota, SMALL_ROTA_YAML, testApp } from './helpers.ts';

type Json = Record<string, any>;
let app: App;
let doc: Json;

const ROUTES: Array<[string, string]> = [
  ['post', '/v1/evaluate'],
  ['post', '/v1/evaluate/changes'],
  ['post', '/v1/headroom'],
  ['get', '/v1/rules'],
  ['get', '/v1/rules/{id}'],
  ['get', '/health'],
  ['get', '/openapi.json'],
  ['get', '/v1/scenarios'],
  ['get', '/v1/scenarios/{name}'],
  ['get', '/v1/agreements'],
  ['post', '/v1/rota'],
  ['get', '/v1/calendar'],
];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function ajv() {
  const a = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS; its plugin is both module.exports and module.exports.default.
  ajvFormats.default(a);
  return a;
}

function responseSchema(method: string, path: string, status: string, mediaType: string): Json {
  const schema = doc.paths[path][method].responses[status]?.content?.[mediaType]?.schema;
  expect(schema, `${method} ${path} ${status} ${mediaType}`).toBeDefined();
  return schema;
}

beforeAll(async () => {
  app = await testApp();
  const res = await app.inject('/openapi.json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  await app.close();
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'turnussjekk', version: expect.any(String) });
    expect(typeof doc.paths).toBe('object');
  });

  it('has a path and operation for every route, and nothing for the docs UI', () => {
    for (const [method, path] of ROUTES) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const documented = Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k))
        .map((m) => `${m} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('every operation has a unique operationId, responses, and well-formed parameters', () => {
    const ids = new Set<string>();
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path][method];
      expect(op.operationId).toMatch(/^[a-zA-Z]+$/);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(Object.keys(op.responses)).toContain('200');
      for (const [status, r] of Object.entries<Json>(op.responses)) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(typeof r.description).toBe('string');
      }
      for (const p of op.parameters ?? []) {
        expect(['query', 'path', 'header', 'cookie']).toContain(p.in);
        expect(typeof p.name).toBe('string');
        expect(p.schema).toBeDefined();
        if (p.in === 'path') {
          expect(p.required).toBe(true);
          expect(path).toContain(`{${p.name}}`);
        }
      }
    }
  });

  it('/v1/evaluate takes the rota as JSON or YAML, and asOf in the query', () => {
    const op = doc.paths['/v1/evaluate'].post;
    expect(op.requestBody.required).toBe(true);
    expect(Object.keys(op.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/yaml', 'text/yaml']),
    );
    const rota = op.requestBody.content['application/json'].schema;
    expect(rota.required).toEqual(expect.arrayContaining(['version', 'workers', 'assignments', 'periods']));
    expect(rota.additionalProperties).toBe(false);
    expect(op.parameters).toEqual([
      expect.objectContaining({ in: 'query', name: 'asOf', required: false }),
      expect.objectContaining({ in: 'query', name: 'changedSince', required: false }),
    ]);
  });

  it('the /v1/evaluate 200 schema has the report fields the contract fixes', () => {
    const report = responseSchema('post', '/v1/evaluate', '200', 'application/json');
    expect(report.type).toBe('object');
    expect(report.required).toEqual(expect.arrayContaining(['version', 'findings', 'conversions', 'ledger']));
    expect(Object.keys(report.properties)).toEqual(
      expect.arrayContaining(['version', 'findings', 'conversions', 'ledger', 'summary']),
    );
    const finding = report.properties.findings.items;
    expect(finding.required).toEqual(
      expect.arrayContaining([
        'ruleId',
        'citation',
        'severity',
        'workerId',
        'assignmentIds',
        'window',
        'measured',
        'limit',
        'unit',
        'curedBy',
        'message',
      ]),
    );
    expect(Object.keys(finding.properties)).toContain('hypothetical');
    expect(report.properties.conversions.items.properties.verdict.enum).toEqual(
      expect.arrayContaining([
        'convertible',
        'convertible-with-agreement',
        'needs-collective-agreement',
        'not-convertible',
      ]),
    );
    expect(report.properties.ledger.items.required).toEqual(
      expect.arrayContaining(['workerId', 'assignmentId', 'hours']),
    );
  });

  it('every error response of /v1/evaluate is an application/problem+json problem document', () => {
    const responses = doc.paths['/v1/evaluate'].post.responses as Json;
    for (const status of ['400', '413', '415', '500']) {
      const problem = responseSchema('post', '/v1/evaluate', status, 'application/problem+json');
      expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
      expect(problem.properties.errors.items.required).toEqual(expect.arrayContaining(['path', 'message']));
      expect(Object.keys(responses[status].content)).toEqual(['application/problem+json']);
    }
    responseSchema('get', '/v1/rules/{id}', '404', 'application/problem+json');
  });

  it('every schema in it compiles as JSON Schema 2020-12', () => {
    const a = ajv();
    let count = 0;
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path][method];
      const schemas = [
        ...Object.values<Json>(op.requestBody?.content ?? {}).map((c) => c.schema),
        ...(op.parameters ?? []).map((p: Json) => p.schema),
        ...Object.values<Json>(op.responses).flatMap((r) => Object.values<Json>(r.content ?? {}).map((c) => c.schema)),
      ];
      for (const s of schemas) {
        expect(() => a.compile(s), `${method} ${path}`).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThan(15);
  });

  it('describes what the server really answers', async () => {
    const a = ajv();
    const check = (schema: Json, body: unknown, what: string) => {
      const validate = a.compile(schema);
      expect(validate(body), `${what}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const rotaSchema = doc.paths['/v1/evaluate'].post.requestBody.content['application/json'].schema;
    check(rotaSchema, smallRota(), 'rota request');
    check(
      responseSchema('post', '/v1/evaluate', '200', 'application/json'),
      (await postJson(app, smallRota())).json(),
      'report',
    );
    check(
      responseSchema('post', '/v1/evaluate', '200', 'application/json'),
      (await postYaml(app, SMALL_ROTA_YAML)).json(),
      'report from YAML',
    );
    check(
      responseSchema('post', '/v1/evaluate', '400', 'application/problem+json'),
      (await postJson(app, { version: 1 })).json(),
      'problem',
    );
    check(
      responseSchema('get', '/v1/rules', '200', 'application/json'),
      (await app.inject('/v1/rules')).json(),
      'rules',
    );
    check(
      responseSchema('get', '/v1/rules/{id}', '200', 'application/json'),
      (await app.inject('/v1/rules/aml.10-8.daily-rest')).json(),
      'rule',
    );
    check(
      responseSchema('get', '/v1/rules/{id}', '404', 'application/problem+json'),
      (await app.inject('/v1/rules/nope')).json(),
      'rule 404',
    );
    check(responseSchema('get', '/health', '200', 'application/json'), (await app.inject('/health')).json(), 'health');
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI from local files only, no CDN', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const refs = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).not.toMatch(/^(https?:)?\/\//);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const bundle = await app.inject('/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const init = await app.inject('/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    const code = init.body
      .split('\n')
      .filter((l) => !l.trim().startsWith('//'))
      .join('\n')
      .replace(/data:[^']+/g, '');
    expect(code).not.toMatch(/https?:\/\//);
    expect(code).toMatch(/url: resolveUrl\('\.\/json'\)/);
  });

  it('the document the UI loads is the one at /openapi.json', async () => {
    expect((await app.inject('/docs/json')).json()).toEqual(doc);
  });
});
