// Optional bearer tokens: off by default; with tokens configured every /v1 route needs one, while
// /health, /openapi.json and /docs stay open. A misconfigured token setting refuses to start.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { tokenMatches } from '../../api/auth.ts';
import { ConfigError } from '../../api/config.ts';
import { expectProblem, postJson, smallRota, testApp } from './helpers.ts';

const TOKEN_A = 'tk_live_0123456789abcdef';
const TOKEN_B = 'tk_live_fedcba9876543210';
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('auth off (the default)', () => {
  it('every route answers without a token', async () => {
    const app = await testApp();
    try {
      expect(app.turnussjekk.tokens).toEqual([]);
      expect((await app.inject('/v1/rules')).statusCode).toBe(200);
      expect((await postJson(app, smallRota())).statusCode).toBe(200);
      const doc = (await app.inject('/openapi.json')).json();
      expect(doc.components?.securitySchemes).toBeUndefined();
      expect(doc.paths['/v1/evaluate'].post.security).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('auth on, tokens from TURNUSSJEKK_TOKENS', () => {
  let app: App;
  beforeAll(async () => {
    app = await testApp({ env: { TURNUSSJEKK_TOKENS: ` ${TOKEN_A} , ${TOKEN_B} ` } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('401 problem without a token, with WWW-Authenticate, on every /v1 route', async () => {
    for (const res of [
      await app.inject('/v1/rules'),
      await app.inject('/v1/rules/aml.10-8.daily-rest'),
      await postJson(app, smallRota()),
    ]) {
      const p = expectProblem(res, 401);
      expect(p.type).toBe('https://turnussjekk.no/problems/unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="turnussjekk"');
    }
  });

  it('401 for a wrong token, a token of the wrong scheme, or a near miss', async () => {
    for (const authorization of [
      `Bearer ${TOKEN_A}x`,
      `Bearer ${TOKEN_A.slice(0, -1)}`,
      `Basic ${TOKEN_A}`,
      'Bearer',
      `Bearer ${TOKEN_A} ${TOKEN_B}`,
    ]) {
      const res = await app.inject({ url: '/v1/rules', headers: { authorization } });
      expectProblem(res, 401);
    }
    const res = await app.inject({ url: '/v1/rules', headers: bearer('tk_live_wrongwrongwrong') });
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it('200 with either configured token; the scheme name is case-insensitive', async () => {
    expect((await app.inject({ url: '/v1/rules', headers: bearer(TOKEN_A) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/rules', headers: { authorization: `bearer ${TOKEN_B}` } })).statusCode).toBe(
      200,
    );
    expect((await postJson(app, smallRota(), '/v1/evaluate', bearer(TOKEN_B))).statusCode).toBe(200);
  });

  it('the token is checked before the body is read: no token, no 400 or 413', async () => {
    expectProblem(await postJson(app, '{not json'), 401);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/evaluate',
        payload: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      401,
    );
  });

  it('/health, /openapi.json and /docs stay open', async () => {
    expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject('/openapi.json')).statusCode).toBe(200);
    expect((await app.inject('/docs')).statusCode).toBe(200);
  });

  it('the OpenAPI document declares the bearer scheme on the /v1 routes', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/evaluate'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/rules'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/evaluate'].post.responses['401']).toBeDefined();
    expect(doc.paths['/health'].get.security).toBeUndefined();
  });
});

describe('tokens from a file, or as an option', () => {
  it('TURNUSSJEKK_TOKENS_FILE: one token a line, blank lines and # comments skipped', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'turnussjekk-tokens-')), 'tokens');
    writeFileSync(file, `# API tokens\n${TOKEN_A}\r\n\n  ${TOKEN_B}  \n`);
    const app = await testApp({ env: { TURNUSSJEKK_TOKENS_FILE: file } });
    try {
      expect(app.turnussjekk.tokens).toEqual([TOKEN_A, TOKEN_B]);
      expect((await app.inject({ url: '/v1/rules', headers: bearer(TOKEN_B) })).statusCode).toBe(200);
      expectProblem(await app.inject({ url: '/v1/rules', headers: bearer('# API tokens') }), 401);
    } finally {
      await app.close();
    }
  });

  it('the tokens option overrides the environment', async () => {
    const app = await testApp({ tokens: [TOKEN_B], env: { TURNUSSJEKK_TOKENS: TOKEN_A } });
    try {
      expectProblem(await app.inject({ url: '/v1/rules', headers: bearer(TOKEN_A) }), 401);
      expect((await app.inject({ url: '/v1/rules', headers: bearer(TOKEN_B) })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('a token setting that would silently run the API open refuses to start', () => {
  it.each([
    ['TURNUSSJEKK_TOKENS set but empty', { TURNUSSJEKK_TOKENS: ' , ' }, /names no token/],
    [
      'TURNUSSJEKK_TOKENS_FILE missing',
      { TURNUSSJEKK_TOKENS_FILE: '/nonexistent/tokens' },
      /cannot be read \(ENOENT\)/,
    ],
    ['a token too short to be a secret', { TURNUSSJEKK_TOKENS: 'short' }, /at least 16 characters/],
  ])('%s', async (_name, env, message) => {
    await expect(testApp({ env })).rejects.toThrow(ConfigError);
    await expect(testApp({ env })).rejects.toThrow(message);
  });

  it('a token file with no token in it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'turnussjekk-tokens-')), 'empty');
    writeFileSync(file, '# nothing yet\n\n');
    await expect(testApp({ env: { TURNUSSJEKK_TOKENS_FILE: file } })).rejects.toThrow(/names no token/);
  });
});

describe('tokenMatches', () => {
  const known = [TOKEN_A, TOKEN_B].map((t) => createHash('sha256').update(t).digest());
  it('matches exactly one of the known tokens, whatever the length presented', () => {
    expect(tokenMatches(TOKEN_A, known)).toBe(true);
    expect(tokenMatches(TOKEN_B, known)).toBe(true);
    expect(tokenMatches('', known)).toBe(false);
    expect(tokenMatches(TOKEN_A.toUpperCase(), known)).toBe(false);
    expect(tokenMatches(TOKEN_A + TOKEN_A, known)).toBe(false);
    expect(tokenMatches(TOKEN_A, [])).toBe(false);
  });
});
