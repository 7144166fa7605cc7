// The web page end to end, in a real browser (Debian's chromium through playwright-core) against
// the app listening on 127.0.0.1: open a bundled scenario, see its violations on the timeline,
// open a finding, switch an agreement on and watch the conversion row change. Skipped, saying
// why, where /usr/bin/chromium is not installed (.ci/run installs it in CI).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { testApp } from '../api/helpers.ts';
import { CHROMIUM, launchChromium, watchPage } from './browser.ts';
import { HANG_MS } from '../support/hang.ts';

const HAS_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SCENARIO = 'friday-to-monday-respite';
/** The scenario's violations, from its committed expected report (the page draws every one). */
const EXPECTED_VIOLATIONS: number = JSON.parse(
  readFileSync(new URL(`../../scenarios/${SCENARIO}.expected.json`, import.meta.url), 'utf8'),
).summary.violations;
const ASSIGNMENT = 'avl-knut-langhelg';

if (!HAS_CHROMIUM) {
  console.warn(`test/e2e/page.test.ts: skipped, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);
}

describe.skipIf(!HAS_CHROMIUM)(
  `web page in chromium${HAS_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`,
  () => {
    let app: App;
    let base: string;
    let browser: Browser;
    let page: Page;
    const outside: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      app = await testApp();
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      watchPage(page, base, outside, pageErrors);
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    it('opens a bundled scenario from the address and draws its violations on the timeline', async () => {
      await page.goto(`${base}/?scenario=${SCENARIO}`);
      const violation = page.locator('#timeline .finding[data-severity="violation"]').first();
      await violation.waitFor({ timeout: HANG_MS });
      expect(await page.locator('#timeline .period').count()).toBe(3);
      expect(await page.locator('#timeline .finding[data-severity="violation"]').count()).toBe(EXPECTED_VIOLATIONS);
      expect(await page.locator('#summary [data-count="violations"]').textContent()).toMatch(
        new RegExp(`${EXPECTED_VIOLATIONS} brudd`),
      );
      // Bokmål by default; summer time starts inside the plan and is marked.
      expect(await page.getAttribute('html', 'lang')).toBe('nb');
      expect(await page.locator('#timeline .dst-text').first().textContent()).toMatch(/Sommertid \+02:00/);
    });

    it('opens a finding with the keyboard: rule, paragraph with its link, measured against the limit, agreements that lift it', async () => {
      const finding = page.locator('#timeline .finding[data-rule="aml.10-4.normal-week"]').first();
      await finding.focus();
      await page.keyboard.press('Enter');
      const details = page.locator('#details .finding-details');
      await details.waitFor();
      expect(await details.locator('h3').textContent()).toBe('For lang arbeidsuke');
      expect(await details.locator('code').textContent()).toBe('aml.10-4.normal-week');
      expect(await details.locator('a.law-link').getAttribute('href')).toBe(
        'https://lovdata.no/lov/2005-06-17-62/%C2%A710-4',
      );
      expect(await details.locator('.measured').textContent()).toBe('56 timer');
      expect(await details.locator('.limit').textContent()).toBe('40 timer');
      expect(await details.locator('.cures').textContent()).toMatch(
        /Skriftlig avtale om lengre sammenhengende avlastning/,
      );
      expect(await finding.getAttribute('aria-pressed')).toBe('true');
    });

    it('switching on the § 12 agreement re-evaluates: the conversion row and the timeline change', async () => {
      const row = page.locator(`#conversions tr[data-assignment="${ASSIGNMENT}"]`);
      expect(await row.getAttribute('data-verdict')).toBe('convertible-with-agreement');
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('violations');
      expect(await row.locator('.verdict').textContent()).toBe('Kan gjøres om med skriftlig avtale');

      const evaluated = page.waitForResponse(
        (r) => r.url().endsWith('/v1/evaluate') && r.request().method() === 'POST',
      );
      await page.locator('#ag-avl-12-extended-stay').check();
      const posted = JSON.parse((await evaluated).request().postData() ?? '{}') as {
        agreements: Array<{ type: string }>;
      };
      expect(posted.agreements).toEqual([{ type: 'avl-12-extended-stay' }]);

      await row.locator('[data-status="lawful-with-warnings"]').waitFor();
      expect(await row.locator('.now-text').textContent()).toMatch(/Ingen brudd med avtalene som er valgt/);
      expect(await row.locator('.badge.ok').textContent()).toMatch(/valgt/);
      expect(await page.locator('#timeline .finding[data-severity="violation"]').count()).toBe(0);
      expect(await page.locator('#timeline .finding[data-rule="avl.12.extended-stay"]').count()).toBe(3);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}page.png`, fullPage: true });

      // And off again: back to the violations.
      await page.locator('#ag-avl-12-extended-stay').uncheck();
      await row.locator('[data-status="violations"]').waitFor();
    });

    it('switches to English', async () => {
      await page.locator('#lang').click();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator(`#conversions tr[data-assignment="${ASSIGNMENT}"] .verdict`).textContent()).toBe(
        'Convertible with a written agreement',
      );
      expect(await page.locator('#summary [data-count="violations"]').textContent()).toMatch(
        new RegExp(`${EXPECTED_VIOLATIONS} violations`),
      );
    });

    it("shows a bad file's problems with the line and column of each", async () => {
      const yaml = [
        'version: 1',
        'workers:',
        '  - id: w1',
        'assignments:',
        '  - id: a1',
        '    workerId: w1',
        '    kind: employment',
        '    contract: arbeidsavtale',
        'periods:',
        '  - assignmentId: a1',
        '    start: 2025-03-03T08:00',
        '    end: tomorrow',
        '',
      ].join('\n');
      await page
        .locator('#file')
        .setInputFiles({ name: 'bad.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
      const row = page.locator('#errors .error-table tbody tr').first();
      await row.waitFor();
      // English since the test above.
      expect(await row.locator('td').first().textContent()).toBe('periods[0].end (line 12, column 5)');
      expect(await row.locator('td').nth(1).textContent()).toMatch(/tomorrow/);
    });

    it('made no request outside the app and raised no script error', () => {
      expect(outside).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  },
);
