// CSV / iCalendar → rota → rota file text (through `turnussjekk convert`) → loadRotaFile must
// name the same instants: the conversion is lossless for everything the engine reads.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCommand } from '../../src/cli/convert.ts';
import { loadInputFile } from '../../src/import/index.ts';
import { loadRotaFile } from '../../src/rota/load.ts';
import type { Rota } from '../../src/rota/schema.ts';
import { parseInstant } from '../../src/time/instant.ts';
import { buildTimeline } from '../../src/timeline/build.ts';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const SCENARIO = new URL('../../scenarios/weekend-respite-48h.yaml', import.meta.url).pathname;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turnussjekk-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await convertCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** What the engine reads of each period: assignment, exact start and end, passive hours. */
function instants(rota: Rota) {
  return rota.periods.map((p) => ({
    assignmentId: p.assignmentId,
    start: parseInstant(p.start, rota.timezone),
    end: parseInstant(p.end, rota.timezone),
    passiveHours: p.passiveHours ?? 0,
  }));
}

async function roundTrip(
  input: string,
  to: 'yaml' | 'json',
  extra: string[] = [],
): Promise<{ direct: Rota; reloaded: Rota; text: string }> {
  const direct = await loadInputFile(input);
  const { code, out, err } = await run([input, '--to', to, ...extra]);
  expect(err).toBe('');
  expect(code).toBe(0);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.${to}`);
  await writeFile(file, out);
  return { direct, reloaded: await loadRotaFile(file), text: out };
}

describe('round trips through convert', () => {
  it('CSV → rota → YAML → loadRotaFile gives the same periods and instants', async () => {
    const { direct, reloaded, text } = await roundTrip(`${FIXTURES}vakter-semikolon.csv`, 'yaml');
    expect(text).toMatch(
      /^# Rota file v1, converted by turnussjekk from vakter-semikolon\.csv\nversion: 1\ntimezone: Europe\/Oslo\n/,
    );
    expect(text).toContain('start: 2025-03-07T16:00\n');
    expect(instants(reloaded)).toEqual(instants(direct));
    expect(reloaded).toEqual(direct);
  });

  it('CSV with DST nights and 24:00 → JSON → loadRotaFile: same instants', async () => {
    const { direct, reloaded } = await roundTrip(`${FIXTURES}vakter-komma.csv`, 'json');
    expect(instants(reloaded)).toEqual(instants(direct));
    // 22:00–07:00 on the autumn night is 10 h, on the spring night 8 h.
    expect(buildTimeline(reloaded).intervals.map((i) => (i.end - i.start) / 3_600_000)).toEqual([10, 8, 33]);
  });

  it('iCalendar → rota → YAML → loadRotaFile: same instants; the autumn night stays 10 h', async () => {
    const { direct, reloaded, text } = await roundTrip(`${FIXTURES}vakter.ics`, 'yaml');
    expect(text).toContain('start: 2025-10-25T22:00:00+02:00\n    end: 2025-10-26T07:00:00+01:00\n');
    expect(instants(reloaded)).toEqual(instants(direct));
    expect(reloaded).toEqual(direct);
    const night = buildTimeline(reloaded).intervals.find((i) =>
      reloaded.periods[i.periodIndex]!.start.startsWith('2025-10-25'),
    )!;
    expect((night.end - night.start) / 3_600_000).toBe(10);
  });

  it('iCalendar with options → JSON: the options name worker, assignment, kind and contract', async () => {
    const { reloaded } = await roundTrip(`${FIXTURES}vakter.ics`, 'json', [
      '--worker',
      'w-kari',
      '--assignment',
      'avl',
      '--kind',
      'respite-user-home',
      '--contract',
      'oppdrag',
    ]);
    expect(reloaded.assignments).toEqual([
      { id: 'avl', workerId: 'w-kari', kind: 'respite-user-home', contract: 'oppdrag' },
    ]);
    expect(reloaded.periods).toHaveLength(5);
  });

  it('a rota file converts to itself (YAML → JSON normalises it)', async () => {
    const { direct, reloaded } = await roundTrip(SCENARIO, 'json');
    expect(reloaded).toEqual(direct);
    expect(reloaded.periods).toHaveLength(3);
  });
});

describe('turnussjekk convert', () => {
  it('--out writes the file (format from its extension) and reports on stderr', async () => {
    const out = join(dir, 'fra-csv.json');
    const r = await run([`${FIXTURES}vakter-semikolon.csv`, '--out', out]);
    expect(r).toEqual({
      code: 0,
      out: '',
      err: `turnussjekk convert: wrote ${out} (2 workers, 3 assignments, 4 periods)`,
    });
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(await loadInputFile(`${FIXTURES}vakter-semikolon.csv`));
  });

  it('invalid input: exit 2, every error names the file, the row and the column', async () => {
    const r = await run([`${FIXTURES}feil-rader.csv`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/feil-rader\.csv: row 3\.start: "31\.02\.2025 10:00" is not a valid date/);
    expect(lines[1]).toMatch(/feil-rader\.csv: row 4\.kind: "avlastning" is not a kind/);
    expect(lines[2]).toMatch(/feil-rader\.csv: row 5\.end: "30\.03\.2025 02:30" does not exist in Europe\/Oslo/);
    const ics = await run([`${FIXTURES}heldag.ics`]);
    expect(ics.code).toBe(2);
    expect(ics.err).toMatch(/heldag\.ics: VEVENT\[1\]\.DTSTART: event "Avspasering" on 2025-03-07 is an all-day event/);
  });

  it('usage errors: exit 2 with the usage text', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /convert needs one input file/],
      [['a.csv', 'b.csv'], /takes one input file/],
      [[`${FIXTURES}vakter.ics`, '--to', 'xml'], /--to must be yaml or json/],
      [[SCENARIO, '--worker', 'w1'], /--worker only apply to \.csv and \.ics input/],
      [[`${FIXTURES}vakter.ics`, '--kind', 'nurse'], /--kind: "nurse" is not a kind/],
      [[`${FIXTURES}vakter.ics`, '--until', '2025-13-01'], /--until: "2025-13-01" is not a date/],
      [[`${FIXTURES}vakter-komma.csv`, '--from', '2025-01-01'], /--from and --until apply to \.ics input only/],
      [[`${FIXTURES}vakter.ics`, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err).toContain('Usage:');
    }
  });

  it('unknown file types and missing files are input errors (exit 2)', async () => {
    expect((await run(['rota.xlsx'])).err).toMatch(/rota\.xlsx: .*unknown file type/);
    const missing = await run([join(dir, 'finnes-ikke.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/finnes-ikke\.csv: .*cannot read file \(ENOENT\)/);
  });

  it('--help prints the usage, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage:\n {2}turnussjekk convert/);
  });
});
