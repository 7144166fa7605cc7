// The server started the README's way, `npm start` (dist/api/server.js; vitest's global setup has
// built dist/), stopped by a signal to npm's own process: the listener closes, a request in flight
// is answered, every server process exits and npm exits 0. The same with TURNUSSJEKK_INSTANCES=auto
// (node:cluster: the primary passes the signal to its instances and exits after them).
// Waits poll with generous bounds; the one bound asserted is the issue's: the port is free within 5 s.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SMALL_ROTA_YAML } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something listens on the port: a listener of our own can take it only if nothing does. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

async function until<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function npmStart(port: number, env: Record<string, string> = {}) {
  const child = spawn(NPM, ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so that a failed test can end everything npm started.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  /** The server processes: every pid in the JSON log but npm's. */
  const serverPids = () =>
    [...new Set([...output.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1])))].filter((pid) => pid !== child.pid);
  const killAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group has ended
    }
  };
  return { child, exited, output: () => output, serverPids, killAll };
}

async function healthy(port: number): Promise<true | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return res.status === 200 ? true : undefined;
}

/** A POST /v1/evaluate whose headers the server has taken (it answered 100 Continue); send() sends the body. */
async function requestInFlight(port: number) {
  const body = Buffer.from(SMALL_ROTA_YAML);
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/evaluate',
    headers: { 'content-type': 'application/yaml', 'content-length': body.length, expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  response.catch(() => undefined); // awaited by the test; a failure before that is not a second error
  await new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
  });
  return { send: () => req.end(body), response };
}

describe('npm start, stopped by a signal to npm', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: closes the listener, answers the request in flight, and exits 0',
    async (signal) => {
      const port = await freePort();
      const server = npmStart(port);
      try {
        await until(
          () => `/health on port ${port} (npm start printed: ${server.output()})`,
          () => healthy(port),
          300_000,
        );
        // The log line that names the server's pid may reach the pipe after /health first answers.
        const pids = await until(
          () => `a log line with the server's pid (npm start printed: ${server.output()})`,
          async () => (server.serverPids().length > 0 ? server.serverPids() : undefined),
          10_000,
        );
        expect(pids).toHaveLength(1);
        const inFlight = await requestInFlight(port);

        server.child.kill(signal);
        await until(
          'the server to stop listening',
          async () => ((await healthy(port).catch(() => 'refused')) === 'refused' ? true : undefined),
          5_000,
        );
        inFlight.send();
        const answer = await inFlight.response;
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ summary: expect.objectContaining({ workers: 1 }) });

        await until('the port to be free', async () => ((await portTaken(port)) ? undefined : true), 5_000);
        expect(await server.exited).toEqual({ code: 0, signal: null });
        await until('the server process to end', async () => (pids.some(alive) ? undefined : true), 5_000);
        expect(server.output()).toContain(`"signal":"${signal}","msg":"shutting down"`);
      } finally {
        server.killAll();
      }
    },
  );

  it('with TURNUSSJEKK_INSTANCES=auto: the primary stops its instances and exits 0 after them', async () => {
    const port = await freePort();
    const server = npmStart(port, { TURNUSSJEKK_INSTANCES: 'auto' });
    try {
      await until(
        () => `/health on port ${port} (npm start printed: ${server.output()})`,
        () => healthy(port),
        300_000,
      );
      const instances = await until(
        'every instance to listen',
        async () => {
          const ready = [...server.output().matchAll(/"pid":(\d+)[^\n]*"msg":"turnussjekk api ready"/g)];
          return ready.length === availableParallelism() ? ready.map((m) => Number(m[1])) : undefined;
        },
        300_000,
      );

      server.child.kill('SIGTERM');
      await until('the port to be free', async () => ((await portTaken(port)) ? undefined : true), 5_000);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      await until('every instance to end', async () => (instances.some(alive) ? undefined : true), 5_000);
      expect(server.output().match(/"msg":"shutting down"/g)).toHaveLength(instances.length);
      expect(server.output()).not.toMatch(/starting another/);
    } finally {
      server.killAll();
    }
  });
});
