// bench/judgement-ceiling.ts measures what the engine would cost with its measuring and judging made
// free, by replaying each pass's judgement (bench/judgement-replay.ts, put in place of the engine's
// own through a module resolve hook). A replay that changed a report, or a hook that no longer
// reached the engine, would make that figure a measurement of something else: the script refuses
// both (a report compared with the judged one, a count of passes replayed). Run as a user runs it,
// small, on the load turnuses and a bundled scenario with oppdrag.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/hang.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function ceiling(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/judgement-ceiling.ts', ...args],
      { cwd: root, timeout: HANG_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, out: stdout, err: stderr });
      },
    );
  });
}

describe('bench/judgement-ceiling.ts', () => {
  it('replays every pass of the load turnuses and of a scenario with oppdrag, and the reports stay the same', async () => {
    const run = await ceiling(['--evals', '20', '--rounds', '1', 'scenarios/carer-with-day-job-weekend-respite.yaml']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines.filter((l) => l.endsWith('reports the same'))).toHaveLength(2);
    expect(run.out).toContain('carer-with-day-job-weekend-respite.yaml (');
    expect(lines.filter((l) => /^ {2}measuring and judging: [\d.]+ of [\d.]+ (ms|s) /.test(l))).toHaveLength(2);
  });

  it('names an option it does not know', async () => {
    const run = await ceiling(['--evals', '20', '--bogus']);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('unknown option --bogus');
  });
});
