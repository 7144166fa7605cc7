// Settings: options over environment over defaults; bad values are refused with their name.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BODY_LIMIT, parseByteSize, resolveConfig, tokensFromText } from '../../api/config.ts';

describe('resolveConfig', () => {
  it("defaults: 5 MiB body, 30 s request timeout, 60 s idle timeout, no tokens, 64 MiB report cache and 64 MiB of workers' reports, warm-up on", () => {
    expect(resolveConfig({}, {})).toEqual({
      bodyLimit: DEFAULT_BODY_LIMIT,
      tokens: [],
      requestTimeout: 30_000,
      connectionTimeout: 60_000,
      logLevel: 'info',
      maxSpanDays: 731,
      cacheBytes: 64 * 1024 * 1024,
      workerCacheBytes: 64 * 1024 * 1024,
      threads: availableParallelism(),
      queue: 32,
      warmUp: true,
    });
    expect(DEFAULT_BODY_LIMIT).toBe(5 * 1024 * 1024);
  });

  it('reads the environment', () => {
    expect(
      resolveConfig(
        {},
        {
          TURNUSSJEKK_BODY_LIMIT: '2MiB',
          TURNUSSJEKK_REQUEST_TIMEOUT_MS: '1000',
          TURNUSSJEKK_CONNECTION_TIMEOUT_MS: '0',
          TURNUSSJEKK_LOG_LEVEL: 'warn',
          TURNUSSJEKK_TOKENS: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb,aaaaaaaaaaaaaaaa',
          TURNUSSJEKK_MAX_SPAN_DAYS: '0',
          TURNUSSJEKK_CACHE_MB: '0',
          TURNUSSJEKK_WORKER_CACHE_MB: '2',
          TURNUSSJEKK_THREADS: '0',
          TURNUSSJEKK_QUEUE: '5',
          TURNUSSJEKK_WARMUP: 'off',
        },
      ),
    ).toEqual({
      bodyLimit: 2 * 1024 * 1024,
      tokens: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
      requestTimeout: 1000,
      connectionTimeout: 0,
      logLevel: 'warn',
      maxSpanDays: 0,
      cacheBytes: 0,
      workerCacheBytes: 2 * 1024 * 1024,
      threads: 0,
      queue: 5,
      warmUp: false,
    });
  });

  it('options win over the environment', () => {
    const c = resolveConfig(
      { bodyLimit: 100, requestTimeout: 5 },
      { TURNUSSJEKK_BODY_LIMIT: '1MiB', TURNUSSJEKK_REQUEST_TIMEOUT_MS: '9' },
    );
    expect([c.bodyLimit, c.requestTimeout]).toEqual([100, 5]);
  });

  it.each([
    [{ TURNUSSJEKK_BODY_LIMIT: '5 gigabytes' }, /TURNUSSJEKK_BODY_LIMIT/],
    [{ TURNUSSJEKK_BODY_LIMIT: '0' }, /at least 1 byte/],
    [{ TURNUSSJEKK_REQUEST_TIMEOUT_MS: '-1' }, /TURNUSSJEKK_REQUEST_TIMEOUT_MS/],
    [{ TURNUSSJEKK_CONNECTION_TIMEOUT_MS: '1.5' }, /TURNUSSJEKK_CONNECTION_TIMEOUT_MS/],
    [{ TURNUSSJEKK_TOKENS: 'has space in it 123' }, /printable ASCII/],
    [{ TURNUSSJEKK_MAX_SPAN_DAYS: 'a year' }, /TURNUSSJEKK_MAX_SPAN_DAYS/],
    [{ TURNUSSJEKK_WARMUP: 'yes' }, /TURNUSSJEKK_WARMUP must be on or off, got "yes"/],
  ])('refuses %o', (env, message) => {
    expect(() => resolveConfig({}, env)).toThrow(ConfigError);
    expect(() => resolveConfig({}, env)).toThrow(message);
  });
});

describe('parseByteSize and tokensFromText', () => {
  it('threads: a number, 0 (on the event loop) or auto (one per core); a bad value stops the start', () => {
    expect(resolveConfig({}, { TURNUSSJEKK_THREADS: 'auto' }).threads).toBe(availableParallelism());
    expect(resolveConfig({}, { TURNUSSJEKK_THREADS: '3' }).threads).toBe(3);
    expect(() => resolveConfig({}, { TURNUSSJEKK_THREADS: 'many' })).toThrow(/TURNUSSJEKK_THREADS/);
    expect(() => resolveConfig({}, { TURNUSSJEKK_QUEUE: '-1' })).toThrow(/TURNUSSJEKK_QUEUE/);
  });

  it('warm-up: on unless TURNUSSJEKK_WARMUP is off', () => {
    expect(resolveConfig({}, {}).warmUp).toBe(true);
    expect(resolveConfig({}, { TURNUSSJEKK_WARMUP: 'on' }).warmUp).toBe(true);
    expect(resolveConfig({}, { TURNUSSJEKK_WARMUP: ' off ' }).warmUp).toBe(false);
    expect(resolveConfig({ warmUp: true }, { TURNUSSJEKK_WARMUP: 'off' }).warmUp).toBe(true);
  });

  it('sizes in bytes, KiB and MiB', () => {
    expect(parseByteSize('x', '5242880')).toBe(5_242_880);
    expect(parseByteSize('x', '512k')).toBe(524_288);
    expect(parseByteSize('x', '512KiB')).toBe(524_288);
    expect(parseByteSize('x', ' 5 MiB ')).toBe(5_242_880);
    expect(() => parseByteSize('x', '5GiB')).toThrow(ConfigError);
  });

  it('token files: one a line, comments and blank lines skipped', () => {
    expect(tokensFromText('# comment\n\nabc\r\n  def  \n')).toEqual(['abc', 'def']);
  });
});
