// Requests generated from the OpenAPI document the app serves, and the check of each response
// against what that document says (test/api/fuzz.test.ts). Parameters and JSON bodies come from
// the document's own JSON Schemas: values they accept, values at and just past their bounds, and
// values of another shape. Only what a schema cannot say is added by hand: a rota whose ids refer
// to each other (so that some requests pass the engine's checks, not only the schema's) and the
// CSV and iCalendar bodies, which the document can only call strings.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

type Json = Record<string, any>;

export interface Operation {
  method: string;
  /** As the document writes it: `/v1/rules/{id}`. */
  path: string;
  op: Json;
}

export type RequestKind = 'valid' | 'boundary' | 'mutated';

export interface FuzzRequest {
  kind: RequestKind;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was varied, for the failure message. */
  note: string;
}

export interface Seeds {
  /** Values the server knows for a path parameter (rule ids, scenario names), from its own listings. */
  known: Record<string, string[]>;
  /** CSV and iCalendar files the importers read, by media type. */
  texts: Record<string, string[]>;
  /** The server's body limit in bytes: a body past it must be a documented 413. */
  bodyLimit: number;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function operationsOf(doc: Json): Operation[] {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
}

// ---------------------------------------------------------------------------------------------
// Values from a JSON Schema

/** Real calendar dates near the bundled rotas, so a pair of them is a range the server will draw. */
const nearDate = fc
  .date({ min: new Date('2024-12-01T00:00:00Z'), max: new Date('2026-01-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Values the schema accepts. */
export function schemaArbitrary(schema: Json, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices)) return fc.oneof(...choices.map((s: Json) => schemaArbitrary(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date') return nearDate;
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
      if (schema.pattern) {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
      }
      return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 24)) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const min = schema.minItems ?? 0;
      return fc.array(schemaArbitrary(schema.items ?? {}, depth + 1), {
        minLength: min,
        maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = Object.entries<Json>(schema.properties ?? {});
      if (props.length > 0) {
        return fc.record(Object.fromEntries(props.map(([k, s]) => [k, schemaArbitrary(s, depth + 1)])), {
          requiredKeys: (schema.required ?? []) as never[],
        });
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.string({ maxLength: 12 }), schemaArbitrary(schema.additionalProperties, depth + 1), {
          maxKeys: 3,
        });
      }
      return fc.constant({});
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values at the schema's bounds and just past them, and the cases its keywords single out. */
export function boundaryValues(schema: Json): unknown[] {
  const out: unknown[] = [];
  if (schema.default !== undefined) out.push(schema.default);
  if (Array.isArray(schema.enum)) {
    out.push(...schema.enum);
    for (const v of schema.enum) if (typeof v === 'string') out.push(v.toUpperCase(), ` ${v}`);
    return out;
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') {
    if (schema.format === 'date') {
      out.push('2024-02-29', '2025-02-29', '2025-02-30', '2025-13-01', '0000-01-01', '9999-12-31', '1970-01-01');
    }
    if (schema.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') out.push('00:00', '23:59', '24:00', '9:30');
    const min = schema.minLength ?? 0;
    out.push('', 'x'.repeat(min), 'x'.repeat(min + 1));
    if (schema.maxLength !== undefined) out.push('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1));
  } else if (type === 'integer' || type === 'number') {
    for (const b of [schema.minimum, schema.maximum]) if (typeof b === 'number') out.push(b, b - 1, b + 1);
    out.push(0, -1, 0.5, 2 ** 53, 1e308);
  } else if (type === 'boolean') {
    out.push(true, false, 'true', 0);
  } else if (type === 'array') {
    out.push([], [null]);
  } else if (type === 'object') {
    out.push({}, { unknownField: 1 });
  }
  return out;
}

/** A value of some other shape than the schema asks for (or text that breaks parsers and routers). */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    '',
    ' ',
    '%',
    '%zz',
    '../..',
    '\u0000',
    '\u202e',
    'æøå',
    '💥',
    'null',
    '-1',
    '1e309',
    'x'.repeat(1000),
    [],
    {},
    -0,
    Number.MAX_VALUE,
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** `periods[0].start` of a document → the schema of that value, if the schema says. */
export function schemaAt(schema: Json | undefined, path: Array<string | number>): Json | undefined {
  let s = schema;
  for (const key of path) {
    if (!s) return undefined;
    s = typeof key === 'number' ? s.items : (s.properties?.[key] ?? s.additionalProperties);
    if (s && typeof s !== 'object') return undefined;
  }
  return s;
}

/** Every path in a JSON value, the value itself first. */
function pathsOf(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  }
  return out;
}

function setAt(root: unknown, path: Array<string | number>, change: (parent: any, key: string | number) => void) {
  if (path.length === 0) return;
  let node: any = root;
  for (const key of path.slice(0, -1)) node = node[key];
  change(node, path[path.length - 1]!);
}

/** A copy of `doc` with one value replaced by one of `values` (chosen by `pick`). */
function replaceOne(doc: unknown, target: number, value: (path: Array<string | number>) => unknown): unknown {
  const copy = structuredClone(doc);
  const paths = pathsOf(copy).slice(1);
  if (paths.length === 0) return copy;
  const path = paths[target % paths.length]!;
  setAt(copy, path, (parent, key) => {
    parent[key] = value(path);
  });
  return copy;
}

type Mutation = 'delete' | 'replace' | 'add-field' | 'duplicate';

function mutate(doc: unknown, target: number, how: Mutation, value: unknown): unknown {
  const copy = structuredClone(doc);
  const paths = pathsOf(copy).slice(1);
  if (paths.length === 0) return value;
  const path = paths[target % paths.length]!;
  setAt(copy, path, (parent, key) => {
    if (how === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (how === 'replace') parent[key] = value;
    else if (how === 'add-field') {
      if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key])) parent[key].unexpected = value;
      else parent[key] = { unexpected: value };
    } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
    else parent[key] = [parent[key], parent[key]];
  });
  return copy;
}

// ---------------------------------------------------------------------------------------------
// A rota whose references hold, with the enums the document lists

const DAY = 86_400_000;
const BASE_DAY = Date.UTC(2025, 0, 6); // a Monday; 120 days reach past the spring DST change

function wallTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function rotaArbitrary(rotaSchema: Json): fc.Arbitrary<Json> {
  const assignment = rotaSchema.properties.assignments.items.properties;
  const agreementTypes: string[] = rotaSchema.properties.agreements.items.properties.type.enum;
  return fc
    .record({
      workers: fc.integer({ min: 1, max: 3 }),
      timezone: fc.constantFrom('Europe/Oslo', 'UTC', 'America/New_York'),
      assignments: fc.array(
        fc.record({
          worker: fc.nat(2),
          kind: fc.constantFrom(...(assignment.kind.enum as string[])),
          contract: fc.constantFrom(...(assignment.contract.enum as string[])),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      periods: fc.array(
        fc.record({
          assignment: fc.nat(3),
          day: fc.integer({ min: 0, max: 120 }),
          startMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
          minutes: fc.integer({ min: 15, max: 50 * 60 }),
          passiveHours: fc.option(fc.integer({ min: 0, max: 16 }), { nil: undefined }),
        }),
        { maxLength: 12 },
      ),
      agreements: fc.array(fc.constantFrom(...agreementTypes), { maxLength: 2 }),
    })
    .map((r) => {
      const workers = Array.from({ length: r.workers }, (_, i) => ({ id: `w${i + 1}` }));
      const assignments = r.assignments.map((a, i) => ({
        id: `a${i + 1}`,
        workerId: workers[a.worker % workers.length]!.id,
        kind: a.kind,
        contract: a.contract,
      }));
      const periods = r.periods.map((p) => {
        const start = BASE_DAY + p.day * DAY + p.startMinute * 60_000;
        return {
          assignmentId: assignments[p.assignment % assignments.length]!.id,
          start: wallTime(start),
          end: wallTime(start + p.minutes * 60_000),
          ...(p.passiveHours !== undefined
            ? { passiveHours: Math.min(p.passiveHours, Math.floor(p.minutes / 60)) }
            : {}),
        };
      });
      // A save (no `version` in its schema) holds workers' parts only: agreements name a worker.
      if (!rotaSchema.properties.version)
        return { workers, assignments, periods, agreements: r.agreements.map((type) => ({ type, workerId: 'w1' })) };
      return {
        version: 1,
        timezone: r.timezone,
        workers,
        assignments,
        periods,
        agreements: r.agreements.map((type) => ({ type })),
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Text bodies

/** One edit of a text: a line dropped or doubled, a character changed, the text cut, something inserted. */
const textEdit = fc.record({
  how: fc.constantFrom('drop-line', 'double-line', 'change-char', 'truncate', 'insert'),
  at: fc.nat(),
  text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('\r\n', '"', ';', ',', '\u0000', ':')),
});

function editText(text: string, e: { how: string; at: number; text: string }): string {
  const lines = text.split('\n');
  const line = e.at % Math.max(1, lines.length);
  const pos = e.at % Math.max(1, text.length);
  switch (e.how) {
    case 'drop-line':
      return lines.filter((_, i) => i !== line).join('\n');
    case 'double-line':
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'change-char':
      return text.slice(0, pos) + (e.text || 'x') + text.slice(pos + 1);
    case 'truncate':
      return text.slice(0, pos);
    default:
      return text.slice(0, pos) + e.text + text.slice(pos);
  }
}

/** Texts that break parsers: nesting, aliases, tabs, byte-order marks, binary. */
const HOSTILE_TEXT = [
  '',
  ' ',
  '[',
  '{',
  '['.repeat(5000),
  'a: &a [*a, *a]\nb: *a',
  '\t- x',
  '\uFEFF{}',
  '\u0000\u0001\u0002',
  'null',
  '1',
  '"x"',
  '--- !!binary AAAA',
  'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\nEND:VEVENT\nEND:VCALENDAR',
  'worker;start;end\n;;\n',
];

// ---------------------------------------------------------------------------------------------
// Requests

function pathParams(op: Json): Json[] {
  return (op.parameters ?? []).filter((p: Json) => p.in === 'path');
}
function queryParams(op: Json): Json[] {
  return (op.parameters ?? []).filter((p: Json) => p.in === 'query');
}

function buildUrl(path: string, pathValues: Record<string, string>, query: Array<[string, string]>, raw: boolean) {
  // Unencoded, a `%` stays as written (a malformed escape is the point); the rest is still encoded,
  // and a value `.` or `..` always is: as a path segment it would name another path (RFC 3986 § 5.2.4).
  const encode = (v: string) => (raw ? encodeURIComponent(v).replace(/%25/g, '%') : encodeURIComponent(v));
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = pathValues[name] ?? '';
    return v === '.' || v === '..' ? v.replace(/\./g, '%2E') : encode(v);
  });
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`).join('&');
  return qs ? `${url}?${qs}` : url;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Parameter values: every required one, optional ones sometimes. */
function paramValues(params: Json[], value: (p: Json) => fc.Arbitrary<unknown>) {
  return fc.tuple(
    ...params.map((p) =>
      p.required
        ? value(p).map((v) => [p.name as string, asText(v)] as [string, string])
        : fc.option(
            value(p).map((v) => [p.name as string, asText(v)] as [string, string]),
            { nil: undefined },
          ),
    ),
  );
}

function encodeBody(media: string, doc: unknown): string {
  return media === 'application/json' || media.endsWith('+json') ? JSON.stringify(doc) : toYaml(doc);
}

const isYaml = (media: string) => /yaml/.test(media);
const isJson = (media: string) => media === 'application/json' || media.endsWith('+json');

/** Requests for one operation: valid, boundary and mutated, in that order of weight. */
export function requestArbitrary({ method, path, op }: Operation, seeds: Seeds): fc.Arbitrary<FuzzRequest> {
  const inPath = pathParams(op);
  const inQuery = queryParams(op);
  const content: Json | undefined = op.requestBody?.content;
  const medias = Object.keys(content ?? {});
  // Documents (JSON, YAML) are generated from the schema; the other media types are files edited.
  const docMedias = medias.filter((m) => isJson(m) || isYaml(m));
  const textMedias = medias.filter((m) => !isJson(m) && !isYaml(m));
  if (content && (docMedias.length === 0 || !content['application/json']?.schema)) {
    throw new Error(`${method} ${path}: the fuzzer expects a JSON schema body`);
  }
  const rotaSchema: Json | undefined = content?.['application/json']?.schema;
  const upper = method.toUpperCase();

  const validParam = (p: Json) => {
    const known = seeds.known[p.name];
    return known?.length ? fc.oneof(fc.constantFrom(...known), schemaArbitrary(p.schema)) : schemaArbitrary(p.schema);
  };
  const boundaryParam = (p: Json) => {
    const values = boundaryValues(p.schema);
    return values.length ? fc.oneof(fc.constantFrom(...values), validParam(p)) : validParam(p);
  };
  const mutatedParam = (p: Json) => fc.oneof(strangeValue, boundaryParam(p));

  const params = (value: (p: Json) => fc.Arbitrary<unknown>) =>
    fc.record({
      path: paramValues(inPath, value),
      query: paramValues(inQuery, value),
      extra: fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { nil: undefined, freq: 4 }),
    });

  const validBody: fc.Arbitrary<{ media: string; payload: string; note: string }> = content
    ? fc.constantFrom(...medias).chain((media) => {
        if (isJson(media) || isYaml(media)) {
          return rotaArbitrary(rotaSchema!).map((doc) => ({ media, payload: encodeBody(media, doc), note: 'rota' }));
        }
        const texts = seeds.texts[media] ?? [''];
        return fc.constantFrom(...texts).map((payload) => ({ media, payload, note: 'file' }));
      })
    : fc.constant({ media: '', payload: '', note: '' });

  const boundaryBody: fc.Arbitrary<{ media: string; payload: string; note: string }> = content
    ? fc.oneof(
        // Whatever the schema accepts, references and times or not.
        fc
          .tuple(fc.constantFrom(...docMedias), schemaArbitrary(rotaSchema!))
          .map(([media, doc]) => ({ media, payload: encodeBody(media, doc), note: 'schema-valid document' })),
        // A rota with one value at or just past its schema's bounds.
        fc
          .tuple(fc.constantFrom(...docMedias), rotaArbitrary(rotaSchema!), fc.nat(), fc.nat())
          .map(([media, doc, target, pick]) => {
            let note = '';
            const changed = replaceOne(doc, target, (p) => {
              const values = boundaryValues(schemaAt(rotaSchema, p) ?? {});
              const v = values.length ? values[pick % values.length] : null;
              note = `${p.join('.')} = ${asText(v).slice(0, 40)}`;
              return v;
            });
            return { media, payload: encodeBody(media, changed), note };
          }),
      )
    : fc.constant({ media: '', payload: '', note: '' });

  const mutatedBody: fc.Arbitrary<{ media: string; payload: string; note: string }> = content
    ? fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .tuple(
              fc.constantFrom(...docMedias),
              rotaArbitrary(rotaSchema!),
              fc.nat(),
              fc.constantFrom<Mutation>('delete', 'replace', 'add-field', 'duplicate'),
              strangeValue,
            )
            .map(([media, doc, target, how, value]) => ({
              media,
              payload: encodeBody(media, mutate(doc, target, how, value)),
              note: `${how} ${asText(value).slice(0, 40)}`,
            })),
        },
        // Files of the text media types edited, where the operation takes any (a save does not).
        ...(textMedias.length > 0
          ? [
              {
                weight: 2,
                arbitrary: fc.tuple(fc.constantFrom(...textMedias), fc.nat(), textEdit).map(([media, n, edit]) => {
                  const texts = seeds.texts[media] ?? [''];
                  return { media, payload: editText(texts[n % texts.length]!, edit), note: `edited file: ${edit.how}` };
                }),
              },
            ]
          : []),
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom(...medias), fc.constantFrom(...HOSTILE_TEXT))
            .map(([media, payload]) => ({ media, payload, note: 'hostile text' })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.constantFrom(
                'text/plain',
                'application/xml',
                'multipart/form-data',
                'application/octet-stream',
                '',
                'application',
                'APPLICATION/JSON',
                'application/json; charset=utf-16',
                'application/json;;',
                'text/csv; charset=x-unknown',
              ),
              validBody,
            )
            .map(([media, b]) => ({ media, payload: b.payload, note: 'media type changed' })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(...medias).map((media) => ({
            media,
            payload: `{"version":1,"workers":[{"id":"${'x'.repeat(seeds.bodyLimit)}"}]}`,
            note: 'body past the limit',
          })),
        },
      )
    : fc.constant({ media: '', payload: '', note: '' });

  const request = (
    kind: RequestKind,
    value: (p: Json) => fc.Arbitrary<unknown>,
    body: fc.Arbitrary<{ media: string; payload: string; note: string }>,
    raw: fc.Arbitrary<boolean>,
  ): fc.Arbitrary<FuzzRequest> =>
    fc.tuple(params(value), body, raw).map(([p, b, rawUrl]) => {
      const query = p.query.filter((x): x is [string, string] => x !== undefined);
      if (p.extra) query.push(p.extra);
      const pathValues = Object.fromEntries(p.path.filter((x): x is [string, string] => x !== undefined));
      return {
        kind,
        method: upper,
        url: buildUrl(path, pathValues, query, rawUrl),
        headers: content ? { 'content-type': b.media } : ({} as Record<string, string>),
        ...(content ? { payload: b.payload } : {}),
        note: [b.note, rawUrl ? 'unencoded % in the URL' : ''].filter(Boolean).join('; '),
      };
    });

  return fc.oneof(
    { weight: 3, arbitrary: request('valid', validParam, validBody, fc.constant(false)) },
    { weight: 2, arbitrary: request('boundary', boundaryParam, boundaryBody, fc.constant(false)) },
    { weight: 3, arbitrary: request('mutated', mutatedParam, mutatedBody, fc.boolean()) },
  );
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Compiles the document's response schemas (JSON Schema 2020-12, as OpenAPI 3.1 says), once each. */
export function responseValidators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  const cache = new Map<object, ValidateFunction>();
  return (schema: Json): ValidateFunction => {
    let v = cache.get(schema);
    if (!v) {
      v = ajv.compile(schema);
      cache.set(schema, v);
    }
    return v;
  };
}

/** A stack frame (`at f (/x/y.js:1:2)`, `at node:internal/…:1:2`), a file of ours, an error class: never in a problem. A time (`at 06:30:00Z`) is none. */
const INTERNALS = [
  /\bat (?:\S+ \()?(?:file:|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+/,
  /\/work\/|node_modules|\.ts:\d+|file:\/\//,
  /"stack"|InputError|ZodError|FastifyError/,
];

/** What is wrong with an answer, measured against the operation's documented responses; empty when nothing is. */
export function responseProblems(
  { op }: Operation,
  res: Answer,
  validatorFor: (schema: Json) => ValidateFunction,
): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode} (a 5xx)`);
  const documented: Json | undefined = op.responses?.[String(res.statusCode)] ?? op.responses?.default;
  if (!documented) {
    problems.push(`status ${res.statusCode} is not documented (documented: ${Object.keys(op.responses ?? {})})`);
    return problems;
  }
  const media = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const content: Json | undefined = documented.content;
  if (!content || Object.keys(content).length === 0) {
    if (res.body !== '') problems.push(`status ${res.statusCode} is documented without a body, but one came`);
    return problems;
  }
  const entry = content[media];
  if (!entry) {
    problems.push(`content type "${media}" is not documented for ${res.statusCode} (${Object.keys(content)})`);
    return problems;
  }
  let body: unknown = res.body;
  if (media === 'application/json' || media.endsWith('+json')) {
    try {
      body = JSON.parse(res.body);
    } catch {
      problems.push(`the ${media} body is not JSON: ${res.body.slice(0, 120)}`);
      return problems;
    }
  }
  if (entry.schema) {
    const validate = validatorFor(entry.schema);
    if (!validate(body)) {
      problems.push(`the body does not match the documented schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  }
  if (media === 'application/problem+json') {
    if ((body as Json)?.status !== res.statusCode)
      problems.push(`the problem's status ${(body as Json)?.status} is not the response's`);
    for (const re of INTERNALS) if (re.test(res.body)) problems.push(`the problem shows internals (${re})`);
  }
  return problems;
}
