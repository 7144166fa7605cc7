// A large rota's JUnit XML is written from its parts as they come (JunitReportStream): the test
// cases wait in a temporary file until the counts that open the XML are known, then are copied out
// a mebibyte at a time. The XML must be the one the whole report gives, collected or through raw
// stdout, however the copy's pieces cut a character.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRota } from '../../scripts/generate-rota.ts';
import { buildLoadRota } from '../../scripts/load-test.ts';
import { JunitReportStream } from '../../src/format/junit.ts';
import { validateRotaDocument } from '../../src/rota/load.ts';
import { aFinding, run, tempDir, write } from './fixtures.ts';

// A temporary folder of this file's own (a test thread's environment is its own copy): other test
// files stream JUnit in parts too, and their folders in a shared one made this count flicker.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'turnussjekk-junit-test-'));

const IN_PARTS = { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '1' };
const WHOLE = { TURNUSSJEKK_PARALLEL_MIN_PERIODS: '100000000' };
const leftBehind = () => readdirSync(tmpdir()).filter((n) => n.startsWith('turnussjekk-junit-')).length;

describe('JUnit of a rota in parts', () => {
  const dir = tempDir();
  const files = [
    write(dir, 'load.json', JSON.stringify(buildLoadRota())),
    // More than a mebibyte of test cases, with "ø" and "–" in them: the copy cuts characters.
    write(dir, 'year.json', JSON.stringify(generateRota({ workers: 60, weeks: 20, seed: 3 }))),
  ];
  for (const file of files)
    for (const failOn of ['violation', 'warning', 'info'])
      it(`${file.split('/').pop()}, --fail-on ${failOn}: the XML of the rota evaluated whole`, async () => {
        const before = leftBehind();
        const args = ['check', file, '--format', 'junit', '--fail-on', failOn];
        const whole = await run(args, { env: WHOLE });
        const inParts = await run(args, { env: IN_PARTS });
        expect(inParts).toEqual(whole);
        expect(whole.out.startsWith('<?xml') && whole.out.endsWith('</testsuites>')).toBe(true);
        const pieces: Buffer[] = [];
        const raw = await run(args, { env: IN_PARTS, write: (c) => pieces.push(Buffer.from(c)) });
        expect(raw.code).toBe(whole.code);
        expect(Buffer.concat(pieces).toString('utf8')).toBe(`${whole.out}\n`);
        if (file.endsWith('year.json')) expect(Buffer.concat(pieces).byteLength).toBeGreaterThan(1 << 20);
        expect(leftBehind()).toBe(before);
      });

  it('refuses a finding of a rule it was not told of, rather than leave it out of the earlier workers', () => {
    const rota = validateRotaDocument(buildLoadRota());
    const stream = new JunitReportStream('x.json', { ruleIds: ['aml.10-4.normal-day'] }, () => {});
    const report = { findings: [aFinding({ ruleId: 'local.own-rule', workerId: rota.workers[0]!.id })] };
    expect(() => stream.add({ rota, report } as never)).toThrow(/local\.own-rule/);
  });
});
