// The served OpenAPI document, checked by two linters nobody here wrote: @redocly/cli with its
// recommended rules (redocly.yaml) and Spectral with its OpenAPI ruleset (.spectral.yaml). Both
// must report nothing, with bearer tokens configured and without, since the document differs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
// Ends a hang only (see vitest.config.ts): a busy machine may be many times slower than an idle one.
const LINT_TIMEOUT_MS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'turnussjekk-openapi-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// No usage data, no update check: the run is local and the same every time.
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** Runs a linter; a non-zero exit (it found an error) still hands back what it wrote. */
function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      join(BIN, bin),
      args,
      { cwd: ROOT, env: ENV, timeout: LINT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && (err.killed || typeof err.code !== 'number'))
          return reject(new Error(`${bin} did not finish: ${err.message}\n${stderr}`));
        resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
  });
}

interface RedoclyResult {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}
interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning, 2 information, 3 hint
  path: string[];
  source: string;
}

async function redocly(file: string): Promise<RedoclyResult> {
  const { stdout, stderr } = await run('redocly', [
    'lint',
    file,
    '--config',
    join(ROOT, 'redocly.yaml'),
    '--format',
    'json',
  ]);
  try {
    return JSON.parse(stdout) as RedoclyResult;
  } catch {
    throw new Error(`redocly wrote no JSON report:\n${stdout}\n${stderr}`);
  }
}

/** One run for several files: each result names its file in `source`. */
async function spectral(paths: string[]): Promise<SpectralResult[]> {
  const out = join(dir, 'spectral.json');
  const { stdout, stderr } = await run('spectral', [
    'lint',
    ...paths,
    '--ruleset',
    join(ROOT, '.spectral.yaml'),
    '--format',
    'json',
    '--output',
    out,
    '--quiet',
  ]);
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as SpectralResult[];
  } catch {
    throw new Error(`spectral wrote no JSON report:\n${stdout}\n${stderr}`);
  }
}

const redoclyLines = (r: RedoclyResult) =>
  r.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
const spectralLines = (r: SpectralResult[]) =>
  r.map((p) => `${['error', 'warning', 'info', 'hint'][p.severity]} ${p.code} ${p.path.join('.')}: ${p.message}`);

const CONFIGS: Array<[string, Record<string, string>]> = [
  ['without tokens', {}],
  ['with bearer tokens', { TURNUSSJEKK_TOKENS: 'lint-token-0123456789abcdef' }],
];
const files = new Map<string, string>();
/** The document without what the fixes added: the linters must still find what they found before. */
let stripped: string;

beforeAll(async () => {
  for (const [name, env] of CONFIGS) {
    const app = await testApp({ env });
    try {
      const res = await app.inject('/openapi.json');
      expect(res.statusCode).toBe(200);
      const file = join(dir, `openapi-${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(res.json(), null, 2));
      files.set(name, file);
      if (name === 'without tokens') {
        const doc = res.json();
        delete doc.servers;
        delete doc.security;
        delete doc.info.contact;
        delete doc.info.license;
        stripped = join(dir, 'openapi-stripped.json');
        writeFileSync(stripped, JSON.stringify(doc));
      }
    } finally {
      await app.close();
    }
  }
});

describe('/openapi.json, with bearer tokens configured and without', () => {
  it('@redocly/cli lint (recommended rules) reports no error and no warning', async () => {
    const [open, auth, bare] = await Promise.all([
      redocly(files.get('without tokens')!),
      redocly(files.get('with bearer tokens')!),
      redocly(stripped),
    ]);
    for (const r of [open, auth]) {
      expect(redoclyLines(r)).toEqual([]);
      expect(r.totals).toMatchObject({ errors: 0, warnings: 0 });
    }
    // The linter does look: without servers, security and licence it finds what it found before the fixes.
    expect(bare.problems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['no-empty-servers', 'security-defined', 'info-license']),
    );
    expect(bare.totals.errors).toBeGreaterThan(0);
  });

  it('Spectral (spectral:oas) reports no error and no warning', async () => {
    const results = await spectral([files.get('without tokens')!, files.get('with bearer tokens')!, stripped]);
    const of = (file: string) => results.filter((r) => r.source === file);
    // Information and hints would show here too: none fire today.
    expect(spectralLines(of(files.get('without tokens')!))).toEqual([]);
    expect(spectralLines(of(files.get('with bearer tokens')!))).toEqual([]);
    expect(of(stripped).map((p) => p.code)).toEqual(expect.arrayContaining(['oas3-api-servers', 'info-contact']));
  });
});
