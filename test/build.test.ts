// The built CLI (dist/, which vitest's global setup builds from the sources) against the sources
// themselves: the same bytes out, the same exit code. And a checkout without a build says what to run.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number;
  out: string;
  err: string;
}

function node(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GITHUB_ACTIONS: '' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, out: stdout, err: stderr });
      },
    );
  });
}

const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);

describe('the built CLI', () => {
  // One process for every bundled scenario (a JSON array of their reports), and the README's check.
  it.each([
    ['every scenario as JSON', ['check', ...scenarios, '--format', 'json']],
    ["the README's check as text", ['check', 'scenarios/weekend-respite-48h.yaml']],
    ['the rule list', ['rules', '--format', 'json']],
  ])('prints what the sources print, byte for byte: %s', async (_, args) => {
    const built = await node(join(root, 'bin', 'turnussjekk.mjs'), args);
    const sources = await cli(...args);
    expect(built.out).toBe(sources.out);
    expect(built.err).toBe(sources.err);
    expect(built.code).toBe(sources.code);
  });

  it('is missing from a checkout never built: exit 3 and what to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(join(root, 'bin', 'turnussjekk.mjs'), join(dir, 'bin', 'turnussjekk.mjs'));
      const r = await node(join(dir, 'bin', 'turnussjekk.mjs'), ['rules']);
      expect(r.code).toBe(3);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        /^turnussjekk: the built CLI \(.*dist\/cli\/main\.cjs\) is missing: run `npm run build` in /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
