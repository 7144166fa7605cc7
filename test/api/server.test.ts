// Over a real socket: the app listening on 127.0.0.1 (ephemeral port), and api/server.ts as a
// process (PORT/HOST, graceful shutdown on SIGTERM, refusal to start on a bad setting).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/hang.ts';
import { smallRota, SMALL_ROTA_YAML, testApp } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('over a real socket', () => {
  it('listens on 127.0.0.1:0, answers fetch, and closes', async () => {
    const app = await testApp({ requestTimeout: 5_000, connectionTimeout: 7_000 });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(app.server.requestTimeout).toBe(5_000);
      expect(app.server.timeout).toBe(7_000);

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });

      const yaml = await fetch(`${base}/v1/evaluate`, {
        method: 'POST',
        body: SMALL_ROTA_YAML,
        headers: { 'content-type': 'application/yaml' },
      });
      expect(yaml.status).toBe(200);
      const json = await fetch(`${base}/v1/evaluate`, {
        method: 'POST',
        body: JSON.stringify(smallRota()),
        headers: { 'content-type': 'application/json' },
      });
      expect(await yaml.json()).toEqual(await json.json());

      const bad = await fetch(`${base}/v1/evaluate`, {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await bad.json()) as { errors: unknown[] }).errors).toHaveLength(1);

      const big = await fetch(`${base}/v1/evaluate`, {
        method: 'POST',
        body: 'x'.repeat(6 * 1024 * 1024),
        headers: { 'content-type': 'application/json' },
      });
      expect(big.status).toBe(413);
      expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
    }
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built server, as `npm start` runs it (the suite's global setup builds dist/ from the sources first). */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/api/server.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  // No timer of its own: the suite's bound ends a hang, and a busy machine may be slow to start it.
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`server exited: ${stdout}${stderr}`)));
  });
  ready.catch(() => undefined); // a test that expects the exit does not await readiness
  return { child, ready, exited, output: () => stdout };
}

describe('api/server.ts', () => {
  it('honours PORT and HOST, and shuts down cleanly on SIGTERM', async () => {
    const server = startServer({ PORT: '0', HOST: '127.0.0.1' });
    try {
      const base = await server.ready;
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    const run = await server.exited;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/"msg":"shutting down"/);
    expect(run.stdout).toMatch(/"auth":"off"/);
  });

  it('runs TURNUSSJEKK_INSTANCES processes on one port, and stops them all on SIGTERM', async () => {
    const server = startServer({ PORT: '0', HOST: '127.0.0.1', TURNUSSJEKK_INSTANCES: '2' });
    try {
      const base = await server.ready;
      // Both instances come up, each logging that it listens, on the same port.
      await expect
        .poll(
          () => [...server.output().matchAll(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]),
          { timeout: HANG_MS },
        )
        .toEqual([base, base]);
      for (let i = 0; i < 4; i++) expect((await fetch(`${base}/health`)).status).toBe(200);
      const pids = new Set([...server.output().matchAll(/"pid":(\d+)/g)].map((m) => m[1]));
      expect(pids.size).toBe(2);
    } finally {
      server.child.kill('SIGTERM');
    }
    const run = await server.exited;
    expect(run.code).toBe(0);
    expect(run.stdout.match(/"msg":"shutting down"/g)).toHaveLength(2);
  });

  it('refuses to start, with a message and exit code 2, on a bad setting', async () => {
    const settings: Array<Record<string, string>> = [
      { TURNUSSJEKK_TOKENS: ' ' },
      { PORT: 'eighty' },
      { TURNUSSJEKK_BODY_LIMIT: 'lots' },
      { TURNUSSJEKK_INSTANCES: 'many' },
    ];
    const runs = await Promise.all(settings.map((env) => startServer({ PORT: '0', ...env }).exited));
    for (const [i, run] of runs.entries()) {
      const env = settings[i];
      expect(run.code, JSON.stringify(env)).toBe(2);
      expect(run.stderr).toMatch(
        /turnussjekk api: cannot start: (TURNUSSJEKK_TOKENS|PORT|TURNUSSJEKK_BODY_LIMIT|TURNUSSJEKK_INSTANCES)/,
      );
    }
  });
});
