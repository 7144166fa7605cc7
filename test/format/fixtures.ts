// Fixture rotas for the formatter tests, written to a temp dir, and a way to run the CLI in-process.
// Every period line carries a marker comment (YAML) or sits on its own line (JSON), so the
// expected line numbers are found by reading the text, not by the code under test.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main, type Io } from '../../src/cli/main.ts';
import type { Finding } from '../../src/report/schema.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'turnussjekk-format-'));
}

export function write(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** 1-based line of the first line containing `marker`. */
export function lineOf(text: string, marker: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`marker ${marker} not in text`);
  return i + 1;
}

/**
 * Two workers. w1 (employment): P0 Mon 8 h, P1 Tue 07:00–20:30 (13.5 h) → violations on P1
 * (aml.10-6.total-day over 13 h, and aml.10-8.daily-rest: 10.5 h off in the 24 hours from its
 * start) and a warning (aml.10-4.normal-day: 4.5 h of planned overtime). w2: P2 Mon 10–20, P3 Tue
 * 07–13 after 11 h off → one warning (aml.10-4.normal-day: P2 is 10 h, 1 h of planned overtime).
 * Comments and blank lines push the periods to lines a naive count would miss.
 */
export const YAML_ROTA = `# turnussjekk fixture
version: 1
timezone: Europe/Oslo

workers:
  - id: w1
    name: Kari
  - id: w2
assignments:
  - id: a1
    workerId: w1
    kind: employment
    contract: arbeidsavtale
  - id: a2
    workerId: w2
    kind: employment
    contract: arbeidsavtale

periods:
  # week 10
  - assignmentId: a1   # P0
    start: 2025-03-03T08:00
    end: 2025-03-03T16:00

  - assignmentId: a1   # P1
    start: 2025-03-04T07:00
    end: 2025-03-04T20:30
  - { assignmentId: a2, start: 2025-03-03T10:00, end: 2025-03-03T20:00 }   # P2
  -
    # P3
    assignmentId: a2
    start: 2025-03-04T07:00
    end: 2025-03-04T13:00
`;

/** The same rota as JSON with one period per line; P3's object starts on the line marked P3. */
export const JSON_ROTA = `{
  "version": 1,
  "workers": [{ "id": "w1", "name": "Kari" }, { "id": "w2" }],
  "assignments": [
    { "id": "a1", "workerId": "w1", "kind": "employment", "contract": "arbeidsavtale" },
    { "id": "a2", "workerId": "w2", "kind": "employment", "contract": "arbeidsavtale" }
  ],
  "periods": [
    { "assignmentId": "a1", "start": "2025-03-03T08:00", "end": "2025-03-03T16:00" },
    { "assignmentId": "a1", "start": "2025-03-04T07:00", "end": "2025-03-04T20:30" },
    { "assignmentId": "a2", "start": "2025-03-03T10:00", "end": "2025-03-03T20:00" },
    {
      "assignmentId": "a2",
      "start": "2025-03-04T07:00",
      "end": "2025-03-04T13:00"
    }
  ]
}
`;
/** JSON_ROTA period lines: P0..P2 one per line, P3 at its opening brace. */
export const JSON_PERIOD_LINES = [9, 10, 11, 12];

/** Only a warning (one 10-hour day: an hour of planned overtime), no violation. */
export const WARNING_ONLY_ROTA = `version: 1
workers: [{ id: w1 }]
assignments: [{ id: a1, workerId: w1, kind: employment, contract: arbeidsavtale }]
periods:
  - { assignmentId: a1, start: 2025-03-03T08:00, end: 2025-03-03T18:00 }
`;

/** Nothing to find. */
export const CLEAN_ROTA = `version: 1
workers: [{ id: w1 }]
assignments: [{ id: a1, workerId: w1, kind: employment, contract: arbeidsavtale }]
periods:
  - { assignmentId: a1, start: 2025-03-03T08:00, end: 2025-03-03T15:30 }
`;

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process; env defaults to {} so a CI runner's GITHUB_ACTIONS does not leak in. */
export async function run(args: string[], extra: Partial<Io> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    stderrTty: null,
    ...extra,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A finding made by hand, for formatter tests that need one without evaluating a rota. */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'aml.10-4.normal-day',
    citation: 'arbeidsmiljøloven § 10-4 første ledd',
    severity: 'violation',
    workerId: 'w1',
    assignmentIds: [],
    window: { start: '2025-03-04T00:00:00+01:00', end: '2025-03-05T00:00:00+01:00' },
    measured: 1,
    limit: 9,
    unit: 'hours',
    curedBy: [],
    message: { nb: 'm', en: 'm' },
    title: { nb: 't', en: 't' },
    reading: 'fixed-day-frame',
    confidence: 'verified',
    ...overrides,
  };
}
