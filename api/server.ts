// Starts the HTTP API: `npm start` (dist/api/server.js, built from this file; `exec` in the script
// makes node npm's child, so a signal npm passes on reaches it). PORT and HOST choose where it listens
// (default 127.0.0.1:3000); the TURNUSSJEKK_* variables in docs/deploy.md set the rest.
// SIGTERM/SIGINT stop accepting connections, let requests in flight finish, then exit.
// TURNUSSJEKK_INSTANCES=N (or `auto`: one per core) runs N processes sharing the port (node:cluster):
// evaluate() is CPU work on one core per process, and the API keeps no state between requests.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { buildApp, type App } from './app.ts';
import { ConfigError } from './config.ts';

const SHUTDOWN_GRACE_MS = 10_000;

function listenAddress(env: Record<string, string | undefined>): { host: string; port: number } {
  const host = env.HOST?.trim() || '127.0.0.1';
  const portText = env.PORT?.trim() || '3000';
  if (!/^\d+$/.test(portText) || Number(portText) > 65_535)
    throw new ConfigError(`PORT must be a port number 0–65535, got "${portText}"`);
  return { host, port: Number(portText) };
}

async function start(): Promise<void> {
  let app: App;
  let address: { host: string; port: number };
  try {
    address = listenAddress(process.env);
    app = await buildApp();
  } catch (err) {
    // A bad setting or a broken rule book: say which, and do not start half-configured.
    console.error(`turnussjekk api: cannot start: ${(err as Error).message}`);
    process.exit(2);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('requests still running after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // close() ends idle connections at once; one whose request is in flight goes idle when it is
    // answered, and a keep-alive client would hold it (and this process) for the keep-alive timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    idle.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  // The threads start now and warm up while the server starts listening (TURNUSSJEKK_WARMUP).
  app.evaluationPool?.warm();
  try {
    await app.listen(address);
  } catch (err) {
    app.log.error({ err }, 'cannot listen');
    console.error(
      `turnussjekk api: cannot listen on ${address.host}:${address.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
    process.exit(1);
  }
  const { tokens, bodyLimit } = app.turnussjekk;
  app.log.info(
    { auth: tokens.length > 0 ? `bearer (${tokens.length} token${tokens.length === 1 ? '' : 's'})` : 'off', bodyLimit },
    'turnussjekk api ready',
  );
}

function instancesWanted(env: Record<string, string | undefined>): number {
  const text = env.TURNUSSJEKK_INSTANCES?.trim() || '1';
  if (text === 'auto') return availableParallelism();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 64)
    throw new ConfigError(`TURNUSSJEKK_INSTANCES must be a whole number from 1 to 64 or "auto", got "${text}"`);
  return Number(text);
}

/** The primary of several instances: starts them, starts a new one when one dies, stops them all on a signal. */
function supervise(count: number): void {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    // An instance that exits 0 was stopped by a signal, as all are on Ctrl-C (the terminal signals
    // the whole process group, and an instance may stop before this process has seen its own).
    if (stopping || code === 0) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `turnussjekk api: instance ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`,
    );
    cluster.fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 1_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

let instances = 1;
try {
  instances = instancesWanted(process.env);
} catch (err) {
  console.error(`turnussjekk api: cannot start: ${(err as Error).message}`);
  process.exit(2);
}
if (instances > 1 && cluster.isPrimary) supervise(instances);
else await start();
