// What the web page stands on, without a browser: the static files at / (own origin only, CSP),
// the routes it calls besides /v1/evaluate (scenarios, agreements, rota, calendar), and CSV and
// iCalendar bodies on POST /v1/evaluate. The rest of the API keeps answering as before.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { ReportSchema } from '../../src/report/schema.ts';
import { AGREEMENT_TYPES } from '../../src/rota/schema.ts';
import { errorPaths, expectProblem, postJson, smallRota, testApp } from '../api/helpers.ts';

const ROOT = new URL('../../', import.meta.url);
const WEB = fileURLToPath(new URL('web/', ROOT));
const SCENARIOS = fileURLToPath(new URL('scenarios/', ROOT));
const FIXTURES = fileURLToPath(new URL('test/fixtures/import/', ROOT));

let app: App;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, payload: string | Buffer, type: string) =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });

describe('the page at /', () => {
  it('serves index.html with a CSP that allows this origin only', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
    ])
      expect(csp).toContain(directive);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<html lang="nb">');
  });

  it('every file the page refers to is served from web/, and no file names another origin', async () => {
    const files = readdirSync(WEB);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'app.js', 'style.css']));
    const index = (await app.inject('/')).body;
    const refs = [...index.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) {
      expect(ref).not.toMatch(/^(https?:)?\/\//);
      const res = await app.inject(`/${ref}`);
      expect(res.statusCode, ref).toBe(200);
    }
    for (const file of files) {
      const text = readFileSync(`${WEB}${file}`, 'utf8').replaceAll('http://www.w3.org/2000/svg', '');
      expect(text, file).not.toMatch(/https?:\/\//);
      const imports = [...text.matchAll(/from '(\.\/[^']+)'/g)].map((m) => m[1]!.slice(2));
      for (const imported of imports) expect(files, `${file} imports ${imported}`).toContain(imported);
    }
    expect((await app.inject('/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await app.inject('/style.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  it('leaves /docs, /health, /openapi.json and unknown paths as they were', async () => {
    expect((await app.inject('/docs/')).statusCode).toBe(200);
    expect((await app.inject('/health')).json()).toMatchObject({ status: 'ok' });
    const p = expectProblem(await app.inject('/no-such-page'), 404);
    expect(p.type).toBe('https://turnussjekk.no/problems/not-found');
    expectProblem(await app.inject('/../package.json'), 404);
    expectProblem(await app.inject('/%2e%2e/package.json'), 404);
  });

  it('documents the routes the page uses in the OpenAPI document (tagged page), but not the page itself', async () => {
    const doc = (await app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of ['/v1/scenarios', '/v1/scenarios/{name}', '/v1/agreements', '/v1/rota', '/v1/calendar'])
      expect(doc.paths[path]).toBeDefined();
    expect(doc.paths['/']).toBeUndefined();
    expect(Object.keys((doc.paths['/v1/evaluate'] as any).post.requestBody.content)).toEqual(
      expect.arrayContaining(['text/csv', 'text/calendar']),
    );
  });
});

describe('GET /v1/scenarios', () => {
  it('lists every bundled scenario with the first comment line as its title', async () => {
    const res = await app.inject('/v1/scenarios');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ name: string; title: string }>;
    const names = readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(list.map((s) => s.name)).toEqual(names);
    expect(list.find((s) => s.name === 'friday-to-monday-respite')?.title).toBe(
      'Respite stay from Friday 16:00 to Monday 08:00, once a month (Feb–Apr 2025)',
    );
    for (const s of list) expect(s.title.length).toBeGreaterThan(10);
  });

  it('GET /v1/scenarios/:name answers the YAML text of the file', async () => {
    const res = await app.inject('/v1/scenarios/weekend-respite-48h');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.body).toBe(readFileSync(`${SCENARIOS}weekend-respite-48h.yaml`, 'utf8'));
  });

  it('404 problem for a name no scenario has; 400 for a name outside the pattern, so no path reaches the disk', async () => {
    const p = expectProblem(await app.inject('/v1/scenarios/no-such-scenario'), 404);
    expect(p.detail).toMatch(/GET \/v1\/scenarios/);
    for (const name of [
      '..%2F..%2Fpackage',
      '..%2Fscenarios%2Fweekend-respite-48h',
      'Weekend-Respite-48h',
      'weekend-respite-48h.yaml',
      'a--b',
      '%2Fetc%2Fpasswd',
    ]) {
      const bad = expectProblem(await app.inject(`/v1/scenarios/${name}`), 400);
      expect(bad.errors).toEqual([{ path: 'name', message: expect.stringMatching(/scenario name/), in: 'path' }]);
    }
    expectProblem(await app.inject('/v1/scenarios/%2e%2e'), 404); // normalised to /v1/: no route
  });

  it('reads another folder when the app is given one', async () => {
    const other = await testApp({ scenariosDir: FIXTURES });
    try {
      expect((await other.inject('/v1/scenarios')).json()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('GET /v1/agreements', () => {
  it('lists every agreement type with its titles in bokmål and English, tier and citation', async () => {
    const list = (await app.inject('/v1/agreements')).json() as Array<{
      type: string;
      title: { nb: string; en: string };
      tier: string;
      url?: string;
    }>;
    expect(list.map((a) => a.type)).toEqual([...AGREEMENT_TYPES]);
    const s12 = list.find((a) => a.type === 'avl-12-extended-stay')!;
    expect(s12.title.nb).toMatch(/lengre sammenhengende avlastning/);
    expect(s12.tier).toBe('individual');
    expect(list.find((a) => a.type === 'arbeidstilsynet-consent')?.tier).toBe('authority');
  });
});

describe('POST /v1/rota', () => {
  it('reads YAML into the rota as JSON, with each period’s instants and the offset change of summer time', async () => {
    const yaml = readFileSync(`${SCENARIOS}friday-to-monday-respite.yaml`, 'utf8');
    const res = await post('/v1/rota', yaml, 'application/yaml');
    expect(res.statusCode).toBe(200);
    const { rota, periods } = res.json() as { rota: any; periods: any[] };
    expect(rota.agreements).toEqual([]);
    expect(rota.variants).toHaveLength(4);
    expect(periods[1]).toEqual({
      index: 1,
      assignmentId: 'avl-knut-langhelg',
      workerId: 'w-knut',
      start: '2025-03-28T16:00:00+01:00',
      end: '2025-03-31T08:00:00+02:00',
      hours: 63,
      passiveHours: 23,
    });
    // What the page sends back to /v1/evaluate is a valid rota document.
    expect((await postJson(app, rota)).statusCode).toBe(200);
  });

  it('reads CSV and iCalendar with the import options in the query', async () => {
    const csv = await post('/v1/rota', readFileSync(`${FIXTURES}vakter-semikolon.csv`), 'text/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.json().rota.workers.map((w: { id: string }) => w.id)).toContain('w-ingrid');

    const ics = readFileSync(`${FIXTURES}vakter.ics`, 'utf8');
    const res = await post('/v1/rota?kind=respite-carer-home&contract=oppdrag&worker=w-kari', ics, 'text/calendar');
    expect(res.statusCode).toBe(200);
    const { rota, periods } = res.json() as { rota: any; periods: any[] };
    expect(rota.assignments).toEqual([
      expect.objectContaining({ workerId: 'w-kari', kind: 'respite-carer-home', contract: 'oppdrag' }),
    ]);
    expect(periods.some((p) => p.start.endsWith('+02:00') && p.end.endsWith('+01:00'))).toBe(true);
  });

  it('names every bad row of a CSV file, and a bad import option as a query parameter', async () => {
    const p = expectProblem(await post('/v1/rota', readFileSync(`${FIXTURES}feil-rader.csv`), 'text/csv'), 400);
    expect(errorPaths(p)).toEqual(['row 3.start', 'row 4.kind', 'row 5.end']);
    const q = expectProblem(
      await post('/v1/rota?kind=avlastning', readFileSync(`${FIXTURES}vakter.ics`, 'utf8'), 'text/calendar'),
      400,
    );
    expect(q.type).toBe('https://turnussjekk.no/problems/invalid-request');
    expect(q.errors).toEqual([{ path: 'kind', message: expect.any(String), in: 'query' }]);
  });

  it('refuses what evaluate refuses, with the same paths: a time in the spring-forward gap, an unknown assignment', async () => {
    const rota = smallRota({
      periods: [
        { assignmentId: 'a1', start: '2025-03-30T02:30', end: '2025-03-30T10:00' },
        { assignmentId: 'nope', start: '2025-03-31T08:00', end: '2025-03-31T10:00' },
      ],
    });
    const p = expectProblem(await post('/v1/rota', JSON.stringify(rota), 'application/json'), 400);
    expect(errorPaths(p)).toEqual(['periods[0].start', 'periods[1].assignmentId']);
    expectProblem(await post('/v1/rota', 'version: [', 'application/yaml'), 400);
    expectProblem(await post('/v1/rota', 'x', 'text/plain'), 415);
  });
});

describe('POST /v1/evaluate with CSV and iCalendar bodies', () => {
  it('judges a CSV export and an iCalendar file as the CLI does', async () => {
    const csv = await post('/v1/evaluate', readFileSync(`${FIXTURES}vakter-semikolon.csv`), 'text/csv; charset=utf-8');
    expect(csv.statusCode).toBe(200);
    const report = ReportSchema.parse(csv.json());
    expect(report.ledger.map((l) => l.workerId)).toContain('w-ingrid');
    const ics = await post('/v1/evaluate', readFileSync(`${FIXTURES}vakter.ics`, 'utf8'), 'text/calendar');
    expect(ics.statusCode).toBe(200);
    expect(ReportSchema.parse(ics.json()).ledger).toEqual([
      expect.objectContaining({ workerId: 'kari', assignmentId: 'a1' }),
    ]);
  });

  it('400 with row and column paths for a bad CSV, and for text that is no calendar', async () => {
    const p = expectProblem(await post('/v1/evaluate', readFileSync(`${FIXTURES}feil-rader.csv`), 'text/csv'), 400);
    expect(p.type).toBe('https://turnussjekk.no/problems/invalid-input');
    expect(p.errors.map((e) => [e.path, e.in])).toEqual([
      ['row 3.start', 'body'],
      ['row 4.kind', 'body'],
      ['row 5.end', 'body'],
    ]);
    expect(p.errors[0]!.message).toMatch(/column E/);
    const ics = expectProblem(await post('/v1/evaluate', 'garbage', 'text/calendar'), 400);
    expect(ics.errors).toEqual([
      { path: '', message: expect.stringMatching(/not valid iCalendar: .*"garbage"$/), in: 'body', line: 1 },
    ]);
  });

  it('reads a CSV saved by Excel in Windows-1252', async () => {
    const text = readFileSync(`${FIXTURES}vakter-semikolon.csv`, 'utf8').replace(/^\uFEFF/, '');
    const latin1 = Buffer.from(text, 'latin1');
    const res = await post('/v1/evaluate', latin1, 'text/csv');
    expect(res.statusCode).toBe(200);
  });
});

describe('GET /v1/calendar', () => {
  it('answers frames, nights, Sunday and holiday windows and the offset changes of a range', async () => {
    const res = await app.inject('/v1/calendar?from=2025-03-24&to=2025-04-27&timezone=Europe/Oslo');
    expect(res.statusCode).toBe(200);
    const cal = res.json() as any;
    expect(cal.start).toBe('2025-03-24T00:00:00+01:00');
    expect(cal.end).toBe('2025-04-28T00:00:00+02:00');
    expect(cal.days).toHaveLength(35);
    expect(cal.weeks.map((w: any) => w.isoWeek)).toEqual([13, 14, 15, 16, 17]);
    expect(cal.offsetChanges).toEqual([{ at: '2025-03-30T03:00:00+02:00', before: '+01:00', after: '+02:00' }]);
    expect(cal.nightHours).toEqual({ start: 21, end: 6 });
    // The spring-forward night is 8 hours long.
    const dstNight = cal.nights.find((n: any) => n.start.startsWith('2025-03-29'));
    expect(dstNight).toEqual({ start: '2025-03-29T21:00:00+01:00', end: '2025-03-30T06:00:00+02:00' });
    // Easter 2025: Maundy Thursday to Easter Monday, with the holidays' names.
    const easter = cal.sundays.filter((w: any) => w.dates.includes('2025-04-17') || w.dates.includes('2025-04-20'));
    expect(easter.flatMap((w: any) => w.dates)).toEqual(['2025-04-17', '2025-04-18', '2025-04-20', '2025-04-21']);
    expect(easter.flatMap((w: any) => w.names.map((n: any) => n.nb))).toEqual(
      expect.arrayContaining(['skjærtorsdag', 'langfredag', '2. påskedag']),
    );
  });

  it('follows the plan’s week start and døgnskille', async () => {
    const cal = (
      await app.inject('/v1/calendar?from=2025-03-05&to=2025-03-12&weekStart=wednesday&dayStart=06:00')
    ).json() as any;
    // Midnight on 5 March lies in the døgn that began at 06:00 on the 4th, in the week that began on Wednesday 26 February.
    expect(cal.days[0].start).toBe('2025-03-04T06:00:00+01:00');
    expect(cal.days[1].start).toBe('2025-03-05T06:00:00+01:00');
    expect(cal.weeks.map((w: any) => w.start)).toEqual([
      '2025-02-26T06:00:00+01:00',
      '2025-03-05T06:00:00+01:00',
      '2025-03-12T06:00:00+01:00',
    ]);
  });

  it('400 problem naming the query parameter for a bad range or zone', async () => {
    const p = expectProblem(await app.inject('/v1/calendar?from=2025-03-10&to=2025-03-01'), 400);
    expect(p.errors).toEqual([{ path: 'to', message: expect.any(String), in: 'query' }]);
    const z = expectProblem(await app.inject('/v1/calendar?from=2025-03-01&to=2025-03-02&timezone=Mars/Olympus'), 400);
    expect(errorPaths(z)).toEqual(['timezone']);
    expectProblem(await app.inject('/v1/calendar?from=2025-03-01&to=2099-03-02'), 400);
    expectProblem(await app.inject('/v1/calendar?from=2025-02-30&to=2025-03-02'), 400);
  });
});

describe('with bearer tokens', () => {
  it('the page stays open, while the routes it calls need the token like every /v1 route', async () => {
    const token = 'tk_live_0123456789abcdef';
    const secured = await testApp({ tokens: [token] });
    try {
      expect((await secured.inject('/')).statusCode).toBe(200);
      for (const url of [
        '/v1/scenarios',
        '/v1/scenarios/weekend-respite-48h',
        '/v1/agreements',
        '/v1/calendar?from=2025-03-01&to=2025-03-02',
      ]) {
        expectProblem(await secured.inject(url), 401);
        expect((await secured.inject({ url, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      }
      expectProblem(
        await secured.inject({
          method: 'POST',
          url: '/v1/rota',
          payload: 'x',
          headers: { 'content-type': 'text/csv' },
        }),
        401,
      );
    } finally {
      await secured.close();
    }
  });
});
