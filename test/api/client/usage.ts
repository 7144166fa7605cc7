// A small client of the HTTP API written against the types openapi-typescript generates from
// /openapi.json, as someone outside this repository would write it. test/api/openapi-client.test.ts
// generates the types into a temporary folder, maps 'turnussjekk-openapi' to them and compiles this
// file with `tsc --strict --noEmit`: the CSV, iCalendar and YAML bodies must be strings, the JSON
// body the rota, and the answers the engine's own report and problem document.
// (In the repository's own type check the module is a stand-in of `any`: openapi-stand-in.d.ts.)
import type { paths } from 'turnussjekk-openapi';
import type { Problem } from '../../../api/schemas.ts';
import type { Headroom, Report } from '../../../src/report/schema.ts';

/** true only when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

type RotaPath = '/v1/evaluate' | '/v1/headroom' | '/v1/rota';
type Post<P extends RotaPath> = paths[P]['post'];
type MediaOf<P extends RotaPath> = keyof Post<P>['requestBody']['content'] & string;
type BodyOf<P extends RotaPath, M extends MediaOf<P>> = Post<P>['requestBody']['content'][M];
type OkOf<P extends RotaPath> = Post<P>['responses'][200]['content']['application/json'];
type QueryOf<P extends RotaPath> = NonNullable<Post<P>['parameters']['query']>;

// The bodies: text in every media type but JSON, the rota object in JSON.
assertType<Same<BodyOf<'/v1/evaluate', 'text/csv'>, string>>();
assertType<Same<BodyOf<'/v1/evaluate', 'text/calendar'>, string>>();
assertType<Same<BodyOf<'/v1/evaluate', 'application/yaml'>, string>>();
assertType<Same<BodyOf<'/v1/headroom', 'text/csv'>, string>>();
assertType<Same<BodyOf<'/v1/rota', 'text/calendar'>, string>>();
assertType<Same<BodyOf<'/v1/rota', 'text/yaml'>, string>>();
assertType<Same<BodyOf<'/v1/evaluate', 'application/json'>['version'], 1>>();

// The answers: the report is the engine's Report, the headroom its Headroom, errors the problem document.
assertType<Same<OkOf<'/v1/evaluate'>, Report>>();
assertType<Same<OkOf<'/v1/headroom'>['headroom'][number], Headroom>>();
assertType<Same<Post<'/v1/evaluate'>['responses'][400]['content']['application/problem+json'], Problem>>();
assertType<Same<QueryOf<'/v1/evaluate'>['asOf'], string | undefined>>();

// GET /v1/scenarios/{name} answers YAML text.
assertType<Same<paths['/v1/scenarios/{name}']['get']['responses'][200]['content']['application/yaml'], string>>();

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** POST a rota in one of the media types the operation documents; the body's type follows the media type. */
export async function postRota<P extends RotaPath, M extends MediaOf<P>>(
  base: string,
  path: P,
  media: M,
  body: BodyOf<P, M>,
  query: QueryOf<P> = {} as QueryOf<P>,
): Promise<OkOf<P>> {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': media },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new ProblemError((await res.json()) as Problem);
  return (await res.json()) as OkOf<P>;
}

export async function example(base: string, csv: string, ics: string): Promise<string[]> {
  const fromCsv = await postRota(base, '/v1/evaluate', 'text/csv', csv, { asOf: '2025-03-01' });
  const fromIcs = await postRota(base, '/v1/evaluate', 'text/calendar', ics);
  const fromJson = await postRota(base, '/v1/evaluate', 'application/json', {
    version: 1,
    workers: [{ id: 'w1' }],
    assignments: [{ id: 'a1', workerId: 'w1', kind: 'employment', contract: 'arbeidsavtale' }],
    periods: [{ assignmentId: 'a1', start: '2025-03-10T07:30', end: '2025-03-10T15:00' }],
  });
  const headroom = await postRota(base, '/v1/headroom', 'text/csv', csv, { worker: 'w1' });
  const read = await postRota(base, '/v1/rota', 'text/calendar', ics, { timezone: 'Europe/Oslo' });
  const report: Report = fromCsv; // the report is the report
  const incidents: Report['incidents'] = fromIcs.incidents;
  const left: Headroom[] = headroom.headroom;
  type Period = OkOf<'/v1/rota'>['periods'][number];
  return [
    ...report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.window.start}`),
    ...incidents.map((i) => i.title.en),
    String(fromJson.summary.workers),
    ...left.map((h) => `${h.ruleId} ${h.left}`),
    ...read.periods.map((p: Period) => `${p.start} ${p.hours} ${p.passiveHours}`),
  ];
}
