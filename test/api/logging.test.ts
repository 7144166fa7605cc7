// Structured logs: one line per request with method, path, status and duration; never the body,
// the query string, a header or a worker id, whatever the outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { defaultRuleBook } from '../../src/rules/load.ts';
import { postJson, postYaml, smallRota, SMALL_ROTA_YAML, testApp } from './helpers.ts';

const WORKER = 'secret-worker-4711';
const TOKEN = 'tk_log_test_0123456789';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  return { lines, raw, stream: { write: (msg: string) => (raw.push(msg), lines.push(JSON.parse(msg))) } };
}

function rotaFor(worker: string, extra: Record<string, unknown> = {}) {
  return smallRota({
    workers: [{ id: worker, name: 'Kari Nordmann' }],
    assignments: [
      { id: 'a1', workerId: worker, kind: 'respite-carer-home', contract: 'oppdrag' },
      { id: 'a2', workerId: worker, kind: 'employment', contract: 'arbeidsavtale' },
    ],
    ...extra,
  });
}

describe('request logs', () => {
  const log = capture();
  let app: App;
  beforeAll(async () => {
    app = await testApp({ logger: { stream: log.stream }, tokens: [TOKEN] });
    const auth = { authorization: `Bearer ${TOKEN}` };
    await postJson(app, rotaFor(WORKER), '/v1/evaluate?asOf=2025-06-01&note=querysecret', auth);
    await postJson(
      app,
      rotaFor(WORKER, { periods: [{ assignmentId: `${WORKER}-x`, start: '2025-03-30T02:30', end: 'x' }] }),
      '/v1/evaluate',
      auth,
    );
    await postJson(app, `{"workers": [{"id": "${WORKER}"`, '/v1/evaluate', auth);
    await app.inject({
      method: 'POST',
      url: '/v1/evaluate',
      payload: rotaFor(WORKER) as object,
      headers: { authorization: `Bearer ${WORKER}` },
    });
    await app.inject(`/v1/rules/${WORKER}`);
    await app.inject({ url: '/health', headers: auth });
  });
  afterAll(async () => {
    await app.close();
  });

  it('one line per request with method, path, status and duration', () => {
    const requests = log.lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.url, l.statusCode])).toEqual([
      ['POST', '/v1/evaluate', 200],
      ['POST', '/v1/evaluate', 400],
      ['POST', '/v1/evaluate', 400],
      ['POST', '/v1/evaluate', 401],
      ['GET', `/v1/rules/${WORKER}`, 401],
      ['GET', '/health', 200],
    ]);
    for (const l of requests) {
      expect(typeof l.durationMs).toBe('number');
      expect(l.level).toBe(30);
      expect(l.reqId).toEqual(expect.any(String));
    }
  });

  it('never logs the body, the query string, headers or a worker id from the body', () => {
    const all = log.raw.join('\n');
    // The worker id appears only where the client put it in the URL path itself (the 401 on /v1/rules/…).
    const fromBodies = log.lines.filter((l) => !(l.url === `/v1/rules/${WORKER}`));
    expect(fromBodies.map((l) => JSON.stringify(l)).join('\n')).not.toContain(WORKER);
    expect(all).not.toMatch(/Kari Nordmann|querysecret|asOf|2025-03|authorization|Bearer|tk_log_test/i);
    expect(all).not.toMatch(/respite-carer-home|periods|assignments/);
  });
});

describe('error logs', () => {
  it('an unexpected error is logged with its type and stack frames, never the input', async () => {
    const log = capture();
    const app = await testApp({
      logger: { stream: log.stream },
      ruleBook: { ...defaultRuleBook(), readings: null as never },
    });
    try {
      const res = await postJson(app, rotaFor(WORKER));
      expect(res.statusCode).toBe(500);
      const failure = log.lines.find((l) => l.msg === 'request failed') as {
        level: number;
        err: Record<string, string>;
      };
      expect(failure.level).toBe(50);
      expect(failure.err.type).toBe('TypeError');
      expect(failure.err.stack).toMatch(/evaluate/);
      expect(log.raw.join('\n')).not.toContain(WORKER);
    } finally {
      await app.close();
    }
  });

  it('YAML bodies are not logged either', async () => {
    const log = capture();
    const app = await testApp({ logger: { stream: log.stream } });
    try {
      await postYaml(app, SMALL_ROTA_YAML.replaceAll('w1', WORKER));
      await postYaml(app, SMALL_ROTA_YAML.replaceAll('w1', WORKER).replace('version: 1', 'version: [1'));
      expect(log.raw.join('\n')).not.toContain(WORKER);
      expect(log.lines.filter((l) => l.msg === 'request').map((l) => l.statusCode)).toEqual([200, 400]);
    } finally {
      await app.close();
    }
  });
});
