// The command line as users and CI pipelines meet it (docs/contract.md "CLI"): exit codes 0/1/2, the
// JSON report v1, Norwegian text by default, globs, and input errors that name the file, the
// field and what is wrong, never a stack trace. Most cases run `main()` in-process; a few run the
// real `node bin/turnussjekk.mjs` to prove the installed bin works.
import { cli } from './support/cli.ts';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRota } from '../scripts/generate-rota.ts';
import { EXIT } from '../src/cli/main.ts';
import { HANG_MS } from './support/hang.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Paths as a user types them from the checkout (relative when the test runs from it). */
const rel = (...parts: string[]) => relative(process.cwd(), join(root, ...parts)) || '.';
const scenario = (name: string) => rel('scenarios', `${name}.yaml`);
const invalid = (name: string) => rel('test', 'fixtures', 'invalid', name);
const STACK = /^\s{4}at /m;

interface Run {
  code: number;
  out: string;
  err: string;
}

/** The real bin in a child process; no shell, so a glob reaches the program unexpanded (as if quoted). */
function bin(args: string[], cwd = root, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'turnussjekk.mjs'), ...args],
      { cwd, timeout: HANG_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GITHUB_ACTIONS: '', ...env } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, out: stdout, err: stderr });
      },
    );
  });
}

/**
 * A JSON check of `file` in parts on two worker processes by the real bin, started for a test that
 * acts on it while it runs (its temporary folders in `temp`): its stderr collected, its exit code
 * awaited, and whether it has ended.
 */
function startCheck(file: string, temp: string, stdout: 'pipe' | 'ignore', detached = false) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'turnussjekk.mjs'), 'check', file, '--format', 'json', '--jobs', '2'],
    {
      cwd: root,
      env: { ...process.env, GITHUB_ACTIONS: '', TMPDIR: temp, TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' },
      stdio: ['ignore', stdout, 'pipe'],
      detached,
    },
  );
  const run = { child, err: '', ended: false, code: undefined as unknown as Promise<number | null> };
  child.stderr!.on('data', (d) => (run.err += d));
  run.code = new Promise((resolve) =>
    child.on('close', (c) => {
      run.ended = true;
      resolve(c);
    }),
  );
  return run;
}

/** The processes whose environment names `temp` as TMPDIR (a run's, from /proc). */
function processesWith(temp: string): string[] {
  const mark = `\0TMPDIR=${temp}\0`;
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(mark);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

/** `use` given a rota file of `text` and an empty folder to be its run's TMPDIR, both removed after. */
async function withRotaFile(text: string, use: (file: string, temp: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-run-'));
  try {
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    const file = join(dir, 'rota.json');
    writeFileSync(file, text);
    await use(file, temp);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A lawful rota: four day shifts 13:00–20:30 (30 h, 16.5 h off between shifts, a long weekend; no
// night work, so not even an info finding).
const LAWFUL = `# lawful: four day shifts, 30 hours in the week
version: 1
workers:
  - id: w-ola
    name: Ola Bakketun
assignments:
  - { id: kveld, workerId: w-ola, kind: employment, contract: arbeidsavtale }
periods:
  - { assignmentId: kveld, start: 2025-09-01T13:00, end: 2025-09-01T20:30 }
  - { assignmentId: kveld, start: 2025-09-02T13:00, end: 2025-09-02T20:30 }
  - { assignmentId: kveld, start: 2025-09-03T13:00, end: 2025-09-03T20:30 }
  - { assignmentId: kveld, start: 2025-09-04T13:00, end: 2025-09-04T20:30 }
`;

let tmp: string;
let lawful: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'turnussjekk-cli-'));
  lawful = join(tmp, 'lawful.yaml');
  writeFileSync(lawful, LAWFUL);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit codes and report', () => {
  it('exits 0 on a lawful rota, with the Norwegian no-findings line', async () => {
    const r = await cli('check', lawful);
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ingen funn');
    expect(r.out).toContain('Oppsummering: 0 brudd');
  });

  it('exits 1 on a rota with violations', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
  });

  it('--format json prints one parseable report v1', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'), '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.version).toBe(1);
    expect(Array.isArray(report.findings)).toBe(true);
    expect(Array.isArray(report.conversions)).toBe(true);
    expect(report.ledger).toEqual([
      expect.objectContaining({ workerId: 'w-ingrid', assignmentId: 'avl-ingrid-helg', hours: 144 }),
    ]);
    expect(report.findings.some((f: { severity: string }) => f.severity === 'violation')).toBe(true);
    for (const f of report.findings) {
      expect(f).toMatchObject({ unit: 'hours', workerId: 'w-ingrid', hypothetical: true });
      expect(f.ruleId).toMatch(/^(aml|avl|med|rota)\.[0-9a-z-]+\.[a-z0-9-]+$/);
    }
  });

  it('--format json on a lawful rota exits 0 with no violations', async () => {
    const r = await cli('check', lawful, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.version).toBe(1);
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'violation')).toEqual([]);
    expect(report.ledger).toEqual([expect.objectContaining({ assignmentId: 'kveld', hours: 30 })]);
  });

  it('text output is Norwegian by default: a line per worker, then each incident once (at most 25 lines for the weekend scenario)', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'));
    expect(r.out).toContain('Arbeidstaker Ingrid Solbakken (w-ingrid): 15 brudd, 13 advarsler i 2 hendelser — 144 t');
    expect(r.out).toContain(
      'BRUDD     fre. 10.01 16:00 – søn. 12.01 16:00: 48 timer arbeid i strekk — bryter 5 regler (gjentas 3 ganger: 10.01, 07.02, 07.03)',
    );
    expect(r.out).toContain(
      'Regler: aml.10-6.overtime-week 22 t > 10 t; aml.10-6.total-day 24 t > 13 t; aml.10-8.daily-rest 0 t < 11 t',
    );
    expect(r.out).toContain('Minst margin: ');
    expect(r.out).toContain('Oppsummering:');
    expect(r.out).not.toContain('VIOLATION');
    // Each stay is named once; info and rolling advice wait for --details.
    expect(r.out.match(/48 timer arbeid i strekk/g)).toHaveLength(1);
    expect(r.out).not.toContain('aml.10-11.night-work');
    expect(r.out.trimEnd().split('\n').length).toBeLessThanOrEqual(25);
  });

  it('--details lists every finding in full, with the paragraph and the ledger', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'), '--details');
    expect(r.out).toContain('§ 10-4');
    expect(r.out).toContain('aml.10-11.night-work');
    expect(r.out).toContain('Timeregnskap: avl-ingrid-helg 144 t');
    expect(r.out.match(/BRUDD/g)!.length).toBe(15);
  });

  it('--lang en prints English text throughout, headings included', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Worker Ingrid Solbakken (w-ingrid): 15 violations, 13 warnings in 2 incidents — 144 h');
    expect(r.out).toContain(
      'VIOLATION Fri 10.01 16:00 – Sun 12.01 16:00: 48 hours of work in one stretch — breaks 5 rules',
    );
    expect(r.out).toContain('Least room left: ');
    expect(r.out).toContain('Converting oppdrag to arbeidsavtale');
    expect(r.out).toContain('Summary:');
    expect(r.out).not.toMatch(/BRUDD|Oppsummering|Regler:|Arbeidstaker|Kan bli lovlig/);
    const details = await cli('check', scenario('weekend-respite-48h'), '--lang', 'en', '--details');
    expect(details.out).toContain('Ledger: avl-ingrid-helg 144 h');
  });
});

describe('several files and globs', () => {
  it('checks several files: JSON is an array with each file named, exit 1 when any file has a violation', async () => {
    const r = await cli('check', lawful, scenario('weekend-respite-48h'), '--format', 'json');
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.out);
    expect(reports).toHaveLength(2);
    expect(reports.map((x: { file: string }) => x.file)).toEqual([lawful, scenario('weekend-respite-48h')]);
    for (const x of reports) expect(x.version).toBe(1);
    expect(reports[0].summary.violations).toBe(0);
    expect(reports[1].summary.violations).toBeGreaterThan(0);
  });

  it('several files in text name each file', async () => {
    const r = await cli('check', lawful, scenario('friday-to-monday-respite'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(lawful);
    expect(r.out).toContain(scenario('friday-to-monday-respite'));
  });

  // The respite scenarios: four files, not the municipality's 27 oppdrag, which prove nothing more here.
  it('expands a quoted glob (scenarios/*respite*.yaml) itself, sorted', async () => {
    const r = await cli('check', `${rel('scenarios')}/*respite*.yaml`, '--format', 'json');
    expect(r.code).toBe(1);
    const files = JSON.parse(r.out).map((x: { file: string }) => x.file);
    expect(files).toEqual([
      scenario('carer-with-day-job-weekend-respite'),
      scenario('friday-to-monday-respite'),
      scenario('holiday-week-respite'),
      scenario('weekend-respite-48h'),
    ]);
  });

  it('a glob that matches nothing is invalid input (exit 2)', async () => {
    const r = await cli('check', `${rel('scenarios')}/no-such-*.yaml`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-*.yaml');
  });

  it('one bad file among good ones: exit 2 and only the error, never a partial report', async () => {
    const r = await cli('check', lawful, invalid('bad-date.yaml'), '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(invalid('bad-date.yaml'));
  });
});

describe('invalid input: exit 2, the file, the field and what is wrong', () => {
  const cases: Array<[what: string, fixture: string, field: string, wrong: RegExp]> = [
    ['invalid YAML', 'invalid-yaml.yaml', '', /not valid YAML/],
    ['invalid JSON', 'invalid-json.json', '', /not valid JSON at line 6, column \d+/],
    [
      'a date that does not exist (30 February)',
      'bad-date.yaml',
      'periods[0].start',
      /"2025-02-30T10:00" is not a real calendar date/,
    ],
    [
      'a wall time in the spring DST gap',
      'dst-gap.yaml',
      'periods[0].start',
      /"2025-03-30T02:30" does not exist in Europe\/Oslo/,
    ],
    [
      'a wall time in the autumn DST overlap',
      'dst-overlap.yaml',
      'periods[0].end',
      /"2025-10-26T02:30" happens twice.*\+02:00.*\+01:00/,
    ],
    ['end before start', 'end-before-start.yaml', 'periods[0].end', /must be after start/],
    ['an unknown assignment id', 'unknown-assignment.yaml', 'periods[0].assignmentId', /unknown assignment "a2"/],
    ['an unknown field', 'unknown-field.yaml', 'periods[0].colour', /unknown field/],
    ['a missing required field', 'missing-field.yaml', 'periods[0].end', /: missing \(line \d+, column \d+\)$/],
    ['an unknown time zone', 'unknown-timezone.yaml', 'timezone', /not a known IANA time zone/],
    ['a wrong version', 'wrong-version.yaml', 'version', /must be one of 1\b/],
  ];

  it.each(cases)('%s', async (_what, fixture, field, wrong) => {
    const file = invalid(fixture);
    const r = await cli('check', file);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toBe('');
    const line = r.err.split('\n').find((l) => l.startsWith(`${file}: `));
    expect(line, r.err).toBeDefined();
    if (field) expect(line).toContain(`${file}: ${field}: `);
    expect(line).toMatch(wrong);
    expect(r.err).not.toMatch(STACK);
  });

  it('the same errors in --format json still go to stderr with exit 2', async () => {
    const r = await cli('check', invalid('dst-gap.yaml'), '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${invalid('dst-gap.yaml')}: periods[0].start:`);
  });

  it('a file that does not exist, and an unknown file type', async () => {
    const missing = await cli('check', join(tmp, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`${join(tmp, 'nope.yaml')}: cannot read file (ENOENT)`);
    const txt = join(tmp, 'rota.txt');
    writeFileSync(txt, LAWFUL);
    const wrongType = await cli('check', txt);
    expect(wrongType.code).toBe(2);
    expect(wrongType.err).toContain(`${txt}: unknown file type`);
  });

  it('a YAML syntax error names its line', async () => {
    const r = await cli('check', invalid('invalid-yaml.yaml'));
    expect(r.err).toMatch(/not valid YAML at line \d+/);
  });
  it('a wrong version says which value it got', async () => {
    const r = await cli('check', invalid('wrong-version.yaml'));
    expect(r.err).toContain('version: must be one of 1, got 2');
  });
  it('a wrongly typed value says what it got, and a misspelt kind shows the spelling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-'));
    const file = join(dir, 'typed.yaml');
    writeFileSync(
      file,
      'version: 1\nworkers: [{id: w1}]\nassignments: [{id: a1, workerId: w1, kind: employmnt, contract: oppdrag}]\nperiods:\n  - {assignmentId: a1, start: 2025-01-01T08:00, end: 2025-01-01T09:00, passiveHours: "8"}\n',
    );
    const r = await cli('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('periods[0].passiveHours: must be a number, got "8"');
    expect(r.err).toContain('assignments[0].kind: "employmnt" is not an assignment kind; did you mean "employment"?');
  });
});

describe('usage errors', () => {
  it('an unknown command exits 2 with usage', async () => {
    const r = await cli('frobnicate', scenario('weekend-respite-48h'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "frobnicate"');
    expect(r.err).toContain('Usage:');
    expect(r.err).not.toMatch(STACK);
  });

  it('a bad --format exits 2', async () => {
    const r = await cli('check', scenario('weekend-respite-48h'), '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--format');
    expect(r.err).toContain('"xml"');
  });

  it('a bad --lang, an unknown option and check without files exit 2', async () => {
    for (const argv of [
      ['check', scenario('weekend-respite-48h'), '--lang', 'sv'],
      ['check', scenario('weekend-respite-48h'), '--colour'],
      ['check'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).not.toMatch(STACK);
    }
  });
});

describe('the real bin (node bin/turnussjekk.mjs)', () => {
  it('exits 0 on a lawful rota and prints Norwegian text', async () => {
    const r = await bin(['check', lawful]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ingen funn');
  });

  it('expands a quoted glob and prints JSON, exit 1', async () => {
    const r = await bin(['check', 'scenarios/*respite*.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.out);
    expect(reports.map((x: { file: string }) => x.file)).toEqual([
      'scenarios/carer-with-day-job-weekend-respite.yaml',
      'scenarios/friday-to-monday-respite.yaml',
      'scenarios/holiday-week-respite.yaml',
      'scenarios/weekend-respite-48h.yaml',
    ]);
    for (const x of reports) expect(x.version).toBe(1);
  });

  it('exits 2 on invalid input with a message and no stack trace', async () => {
    const r = await bin([
      'check',
      'test/fixtures/invalid/dst-overlap.yaml',
      'test/fixtures/invalid/unknown-field.yaml',
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('test/fixtures/invalid/dst-overlap.yaml: periods[0].end:');
    expect(r.err).toContain('test/fixtures/invalid/unknown-field.yaml: periods[0].colour:');
    expect(r.err).not.toMatch(STACK);
  });

  it('checks a file of 8 MB or more in a second process with a larger young generation: the same report and exit code', async () => {
    // A scenario padded with whitespace past 8 MB: bin/turnussjekk.mjs runs itself again with
    // --max-semi-space-size, and what it prints and returns must not change.
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-large-'));
    try {
      const small = await bin(['check', 'scenarios/weekend-respite-48h.yaml', '--format', 'json']);
      const large = join(dir, 'weekend-respite-48h.yaml');
      writeFileSync(
        large,
        `${readFileSync(join(root, 'scenarios', 'weekend-respite-48h.yaml'), 'utf8')}\n${' '.repeat(8 * 1024 * 1024)}\n`,
      );
      const r = await bin(['check', large, '--format', 'json']);
      expect(r.code).toBe(small.code);
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      expect(r.out).toBe(small.out);
      // An invalid large file: exit 2 and the message, through the second process too.
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, `{"version": 1, "workers": [${' '.repeat(8 * 1024 * 1024)}`);
      const bad = await bin(['check', broken]);
      expect(bad.code).toBe(2);
      expect(bad.out).toBe('');
      expect(bad.err).toContain('broken.json');
      expect(bad.err).not.toMatch(STACK);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a large file’s report in parts from the second process, which collects its garbage while it waits: the same text', async () => {
    // Padded past 8 MB, evaluated in parts on two worker processes: the second process has gc
    // exposed and the streamed report calls it when the first part is back (WaitingGarbage).
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-large-'));
    try {
      const rota = JSON.stringify(generateRota({ workers: 6, weeks: 6, seed: 5 }), null, 2);
      const small = join(dir, 'small.json');
      writeFileSync(small, rota);
      const large = join(dir, 'large.json');
      writeFileSync(large, `${rota}\n${' '.repeat(8 * 1024 * 1024)}\n`);
      const whole = await bin(['check', small]);
      const parts = await bin(['check', large, '--jobs', '2'], root, { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' });
      expect(whole.code).toBe(1);
      expect(parts.code).toBe(whole.code);
      expect(parts.out).toBe(whole.out);
      expect(parts.err).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends quietly with exit 141 when its reader closes the output (… | head), its temporary folders removed', async () => {
    // A JSON report of several megabytes from parts on two worker processes, read until its first
    // bytes: the rest cannot be written. Before, Node's unhandled EPIPE printed a stack trace and the
    // worker processes another, and the parts' folder was left in TMPDIR.
    await withRotaFile(JSON.stringify(generateRota({ workers: 40, weeks: 12, seed: 3 })), async (file, temp) => {
      const run = startCheck(file, temp, 'pipe');
      let read = 0;
      run.child.stdout!.once('data', (d: Buffer) => {
        read = d.length;
        run.child.stdout!.destroy();
      });
      expect(await run.code).toBe(141);
      expect(read).toBeGreaterThan(0);
      expect(run.err).toBe('');
      expect(readdirSync(temp)).toEqual([]);
    });
  });

  it('ended by a signal in the middle of a run (Ctrl-C, a cancelled CI job): exit 128 + the signal, nothing left running or in TMPDIR', async () => {
    // A file of 8 MB or more, so the bin runs the check in a second process, evaluated in parts on
    // two worker processes. Before, SIGTERM ended the bin and left the second process running on,
    // orphaned, to the end of the run; Ctrl-C (every process of the group) left the folders behind.
    const rota = JSON.stringify(generateRota({ workers: 200, weeks: 52, seed: 4 }));
    await withRotaFile(`${rota}\n${' '.repeat(8 * 1024 * 1024)}\n`, async (file, temp) => {
      for (const [signal, code, group] of [
        ['SIGTERM', 143, false],
        ['SIGINT', 130, true],
      ] as const) {
        const run = startCheck(file, temp, 'ignore', true);
        const { child } = run;
        // Once the run has made its folders (the parts', the JSON report's tail), it is in the middle of the parts.
        while (readdirSync(temp).length < 2 && !run.ended) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(run.ended).toBe(false);
        // The bin, its second process and the two worker processes.
        expect(processesWith(temp).length).toBe(4);
        if (group) process.kill(-child.pid!, signal);
        else child.kill(signal);
        expect({ code: await run.code, err: run.err }).toEqual({ code, err: '' });
        expect(readdirSync(temp)).toEqual([]);
        // No process of the run is left (the second process, the worker processes, each in a group
        // of its own): they are ended with the run, not left to finish the part in hand.
        const ending = Date.now();
        while (processesWith(temp).length > 0 && Date.now() - ending < 2_000)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect(processesWith(temp)).toEqual([]);
      }
    });
  });

  it('exits 2 on an unknown command with no stack trace', async () => {
    const r = await bin(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command');
    expect(r.err).not.toMatch(STACK);
  });
});
