// Settings for the HTTP API: explicit options first, then the environment, then defaults.
// A setting that is present but unusable stops the server at startup with a message naming it;
// in particular a token variable that is set but names no token never runs the API open.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 60_000;
/** Two years and a leap day: any annual or two-year plan fits. */
export const DEFAULT_MAX_SPAN_DAYS = 731;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ApiConfigOptions {
  /** Largest accepted request body in bytes (TURNUSSJEKK_BODY_LIMIT; default 5 MiB). */
  bodyLimit?: number;
  /** Bearer tokens; a non-empty list turns auth on for /v1 (TURNUSSJEKK_TOKENS, TURNUSSJEKK_TOKENS_FILE). */
  tokens?: string[];
  /** Milliseconds a client has to send a whole request (TURNUSSJEKK_REQUEST_TIMEOUT_MS; default 30 s; 0 = none). */
  requestTimeout?: number;
  /** Milliseconds a socket may stay idle before it is closed (TURNUSSJEKK_CONNECTION_TIMEOUT_MS; default 60 s; 0 = none). */
  connectionTimeout?: number;
  /** pino level (TURNUSSJEKK_LOG_LEVEL; default info). */
  logLevel?: string;
  /**
   * Longest calendar span, first period start to last period end, evaluated in one request
   * (TURNUSSJEKK_MAX_SPAN_DAYS; default 731; 0 = no limit). Work grows with the span, so without
   * it a 300-byte body with one century-long period keeps a core busy for many seconds.
   */
  maxSpanDays?: number;
  /** Bytes of reports kept for identical requests (TURNUSSJEKK_CACHE_MB in MiB; default 64 MiB; 0 = off). */
  cacheBytes?: number;
  /** Bytes of single workers' reports kept for turnuses posted again with changes (TURNUSSJEKK_WORKER_CACHE_MB in MiB; default 64 MiB; 0 = off). */
  workerCacheBytes?: number;
  /**
   * Threads that evaluate rotas off the event loop (TURNUSSJEKK_THREADS; default one per core;
   * 0 = on the event loop, as before the pool).
   */
  threads?: number;
  /** Requests that may wait for a busy thread; one more is answered 503 with Retry-After (TURNUSSJEKK_QUEUE; default 32). */
  queue?: number;
  /**
   * A started server's threads evaluate a bundled scenario a few times before the first request, so
   * it does not pay for code not yet optimized (TURNUSSJEKK_WARMUP on|off; default on).
   */
  warmUp?: boolean;
}

export interface ApiConfig {
  bodyLimit: number;
  tokens: string[];
  requestTimeout: number;
  connectionTimeout: number;
  logLevel: string;
  maxSpanDays: number;
  cacheBytes: number;
  workerCacheBytes: number;
  threads: number;
  queue: number;
  warmUp: boolean;
}

export const DEFAULT_QUEUE = 32;

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

type Env = Record<string, string | undefined>;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** `5242880`, `512k`, `5MiB` → bytes. */
export function parseByteSize(name: string, text: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new ConfigError(`${name} must be a size in bytes (e.g. 5242880, 512KiB or 5MiB), got "${text}"`);
  const bytes = Number(m[1]) * unit;
  if (bytes < 1 || !Number.isSafeInteger(bytes))
    throw new ConfigError(`${name} must be at least 1 byte, got "${text}"`);
  return bytes;
}

function parseWhole(name: string, text: string, unit: string, zero = 'no limit'): number {
  if (!/^\s*\d+\s*$/.test(text))
    throw new ConfigError(`${name} must be a whole number of ${unit} (0 = ${zero}), got "${text}"`);
  return Number(text);
}
const parseMillis = (name: string, text: string) => parseWhole(name, text, 'milliseconds');

/** Lines of a token file: one token a line; blank lines and lines starting with # are skipped. */
export function tokensFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function tokensFromEnv(env: Env): string[] {
  const tokens: string[] = [];
  if (env.TURNUSSJEKK_TOKENS !== undefined) {
    const listed = env.TURNUSSJEKK_TOKENS.split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (listed.length === 0)
      throw new ConfigError('TURNUSSJEKK_TOKENS is set but names no token; unset it to run without authentication');
    tokens.push(...listed);
  }
  if (env.TURNUSSJEKK_TOKENS_FILE !== undefined) {
    let text: string;
    try {
      text = readFileSync(env.TURNUSSJEKK_TOKENS_FILE, 'utf8');
    } catch (err) {
      throw new ConfigError(
        `TURNUSSJEKK_TOKENS_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const listed = tokensFromText(text);
    if (listed.length === 0)
      throw new ConfigError('TURNUSSJEKK_TOKENS_FILE names no token; unset it to run without authentication');
    tokens.push(...listed);
  }
  return tokens;
}

function checkTokens(tokens: string[]): string[] {
  for (const t of tokens) {
    if (!/^[\x21-\x7e]+$/.test(t)) throw new ConfigError('a bearer token must be printable ASCII without spaces');
    if (t.length < 16) throw new ConfigError('a bearer token must be at least 16 characters long');
  }
  return [...new Set(tokens)];
}

export function resolveConfig(options: ApiConfigOptions = {}, env: Env = process.env): ApiConfig {
  const bodyLimit =
    options.bodyLimit ??
    (env.TURNUSSJEKK_BODY_LIMIT !== undefined
      ? parseByteSize('TURNUSSJEKK_BODY_LIMIT', env.TURNUSSJEKK_BODY_LIMIT)
      : DEFAULT_BODY_LIMIT);
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1)
    throw new ConfigError(`bodyLimit must be a whole number of bytes, got ${bodyLimit}`);
  const requestTimeout =
    options.requestTimeout ??
    (env.TURNUSSJEKK_REQUEST_TIMEOUT_MS !== undefined
      ? parseMillis('TURNUSSJEKK_REQUEST_TIMEOUT_MS', env.TURNUSSJEKK_REQUEST_TIMEOUT_MS)
      : DEFAULT_REQUEST_TIMEOUT_MS);
  const connectionTimeout =
    options.connectionTimeout ??
    (env.TURNUSSJEKK_CONNECTION_TIMEOUT_MS !== undefined
      ? parseMillis('TURNUSSJEKK_CONNECTION_TIMEOUT_MS', env.TURNUSSJEKK_CONNECTION_TIMEOUT_MS)
      : DEFAULT_CONNECTION_TIMEOUT_MS);
  const tokens = checkTokens(options.tokens ?? tokensFromEnv(env));
  const logLevel = options.logLevel ?? env.TURNUSSJEKK_LOG_LEVEL ?? 'info';
  const maxSpanDays =
    options.maxSpanDays ??
    (env.TURNUSSJEKK_MAX_SPAN_DAYS !== undefined
      ? parseWhole('TURNUSSJEKK_MAX_SPAN_DAYS', env.TURNUSSJEKK_MAX_SPAN_DAYS, 'days')
      : DEFAULT_MAX_SPAN_DAYS);
  const cacheBytes =
    options.cacheBytes ??
    (env.TURNUSSJEKK_CACHE_MB !== undefined
      ? parseWhole('TURNUSSJEKK_CACHE_MB', env.TURNUSSJEKK_CACHE_MB, 'MiB') * 1024 * 1024
      : DEFAULT_CACHE_BYTES);
  const workerCacheBytes =
    options.workerCacheBytes ??
    (env.TURNUSSJEKK_WORKER_CACHE_MB !== undefined
      ? parseWhole('TURNUSSJEKK_WORKER_CACHE_MB', env.TURNUSSJEKK_WORKER_CACHE_MB, 'MiB') * 1024 * 1024
      : DEFAULT_CACHE_BYTES);
  const threads =
    options.threads ??
    (env.TURNUSSJEKK_THREADS !== undefined && env.TURNUSSJEKK_THREADS.trim() !== 'auto'
      ? parseWhole('TURNUSSJEKK_THREADS', env.TURNUSSJEKK_THREADS, 'threads', 'on the event loop')
      : availableParallelism());
  if (!Number.isSafeInteger(threads) || threads < 0 || threads > 256)
    throw new ConfigError(`TURNUSSJEKK_THREADS must be a whole number from 0 to 256 or "auto", got ${threads}`);
  const queue =
    options.queue ??
    (env.TURNUSSJEKK_QUEUE !== undefined
      ? parseWhole('TURNUSSJEKK_QUEUE', env.TURNUSSJEKK_QUEUE, 'requests', 'none wait')
      : DEFAULT_QUEUE);
  const warmUpText = env.TURNUSSJEKK_WARMUP?.trim();
  if (warmUpText !== undefined && warmUpText !== '' && warmUpText !== 'on' && warmUpText !== 'off')
    throw new ConfigError(`TURNUSSJEKK_WARMUP must be on or off, got "${warmUpText}"`);
  const warmUp = options.warmUp ?? warmUpText !== 'off';
  return {
    bodyLimit,
    tokens,
    requestTimeout,
    connectionTimeout,
    logLevel,
    maxSpanDays,
    cacheBytes,
    workerCacheBytes,
    threads,
    queue,
    warmUp,
  };
}
