// The municipality overview, end to end in Chromium against the app on 127.0.0.1: the bundled
// Fjordvik scenario (26 workers) opens with the conversion verdicts by tier (the counts are the
// report's), the workers ordered by their worst incident, one incident lane per worker with the
// rule lanes on demand, headroom in a worker's detail, the agreements chosen changing the chart,
// English, and the print layout. It takes the README's screenshots: into test/artifacts/, or into
// docs/ (screenshot-overview.png, screenshot-incidents.png, screenshot-headroom.png) when run with
// TURNUSSJEKK_DOCS_SCREENSHOTS=1. Skipped, saying why, where /usr/bin/chromium is not installed.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import type { Report } from '../../src/report/schema.ts';
import { testApp } from '../api/helpers.ts';
import { CHROMIUM, launchChromium, watchPage } from './browser.ts';
import { HANG_MS } from '../support/hang.ts';

// Page callbacks run in the browser: their `document` is the page's (the project compiles against Node's types).
declare const document: any;
declare const window: any;
declare const Node: any;

const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCENARIO = 'municipality-fjordvik';
const TIERS = ['convertible', 'convertible-with-agreement', 'needs-collective-agreement', 'not-convertible'];
const RANK: Record<string, number> = { violation: 0, warning: 1, info: 2, none: 3 };
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SHOTS =
  process.env.TURNUSSJEKK_DOCS_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/', import.meta.url)) : ARTIFACTS;

if (!HAS_CHROMIUM) {
  console.warn(
    `test/e2e/page-overview.test.ts: skipped, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`,
  );
}

describe.skipIf(!HAS_CHROMIUM)(
  `the municipality overview${HAS_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`,
  () => {
    let app: App;
    let base: string;
    let browser: Browser;
    let page: Page;
    let report: Report;
    const outside: string[] = [];
    const pageErrors: string[] = [];

    const evaluated = () =>
      page.waitForResponse((r) => r.url().endsWith('/v1/evaluate') && r.request().method() === 'POST', {
        timeout: HANG_MS,
      });

    beforeAll(async () => {
      app = await testApp();
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      watchPage(page, base, outside, pageErrors);
      mkdirSync(ARTIFACTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    it('opens with the tier chart: oppdrag per verdict as in the report, with hours and cost', async () => {
      const answer = evaluated();
      await page.goto(`${base}/?scenario=${SCENARIO}`);
      report = (await (await answer).json()) as Report;
      const chart = page.locator('#overview table.tier-chart');
      await chart.waitFor({ timeout: HANG_MS });
      // The overview comes before the timeline.
      const order = await page.evaluate(() => {
        const o = document.getElementById('overview')!;
        return Boolean(
          o.compareDocumentPosition(document.getElementById('timeline')!) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
      });
      expect(order).toBe(true);
      for (const verdict of TIERS) {
        const mine = report.conversions.filter((c) => c.verdict === verdict);
        const row = chart.locator(`tbody tr[data-verdict="${verdict}"]`);
        expect(await row.locator('.tier-count').getAttribute('data-count'), verdict).toBe(String(mine.length));
        const hours = mine.reduce((sum, c) => sum + (c.hours?.asEmployment ?? 0), 0);
        if (mine.length)
          expect((await row.locator('td').nth(1).locator('.tier-num').textContent())!.replace(/\D/g, ''), verdict).toBe(
            String(Math.round(hours)),
          );
      }
      expect(await chart.locator('tfoot [data-total]').getAttribute('data-total')).toBe(
        String(report.conversions.length),
      );
      // Some of each of the first three tiers in this municipality.
      expect(report.conversions.filter((c) => c.verdict === 'convertible').length).toBeGreaterThan(0);
      expect(report.conversions.filter((c) => c.verdict === 'convertible-with-agreement').length).toBeGreaterThan(0);
    });

    it('orders the workers by their worst incident: every worker with violations before one with only warnings', async () => {
      const rows = page.locator('#overview table.worker-table tbody tr');
      expect(await rows.count()).toBe(report.summary.workers);
      const shown = await rows.evaluateAll((trs) =>
        trs.map((tr) => ({ worker: tr.getAttribute('data-worker')!, worst: tr.getAttribute('data-worst')! })),
      );
      const worstOf = (id: string) =>
        report.incidents
          .filter((i) => i.workerId === id)
          .reduce((w, i) => (RANK[i.severity]! < RANK[w]! ? i.severity : w), 'none' as string);
      for (const row of shown) expect(row.worst, row.worker).toBe(worstOf(row.worker));
      const ranks = shown.map((r) => RANK[r.worst]!);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      // Tor Eide (violations) before Nina Fjell (warnings only, no violation).
      const per = new Map(report.summary.perWorker.map((p) => [p.workerId, p]));
      expect(per.get('w-tor')!.violations).toBeGreaterThan(0);
      expect(per.get('w-nina')).toMatchObject({ violations: 0 });
      expect(per.get('w-nina')!.warnings).toBeGreaterThan(0);
      const ids = shown.map((r) => r.worker);
      expect(ids.indexOf('w-tor')).toBeLessThan(ids.indexOf('w-nina'));
      // The counts are the report's.
      const tor = page.locator('#overview tr[data-worker="w-tor"] td');
      expect(await tor.nth(1).textContent()).toBe(String(per.get('w-tor')!.violations));
      expect(await tor.nth(2).textContent()).toBe(String(per.get('w-tor')!.warnings));
      expect(await tor.nth(3).textContent()).toBe(String(per.get('w-tor')!.incidents));
      await page.screenshot({ path: `${ARTIFACTS}overview-as-opened.png` });
    });

    it('draws one incident lane per worker, coloured by severity, with the title on hover and focus; the rule lanes on demand', async () => {
      const withIncidents = new Set(report.incidents.map((i) => i.workerId));
      const lanes = await page
        .locator('#timeline .incident-lane')
        .evaluateAll((gs) => [...new Set(gs.map((g) => g.getAttribute('data-worker')))]);
      expect(new Set(lanes)).toEqual(withIncidents);
      expect(await page.locator('#timeline .incident').count()).toBe(report.incidents.length);
      expect(await page.locator('#timeline .incident[data-severity="violation"]').count()).toBe(
        report.incidents.filter((i) => i.severity === 'violation').length,
      );
      // No rule lanes until asked for.
      expect(await page.locator('#timeline .finding').count()).toBe(0);

      const per = report.incidents.findIndex(
        (i) => i.workerId === 'w-per' && i.severity === 'violation' && (i.occurrences?.length ?? 0) > 1,
      );
      const incident = page.locator(`#timeline .incident[data-incident-index="${per}"]`);
      await incident.focus();
      const tip = page.locator('.tip');
      await tip.waitFor();
      expect(await tip.textContent()).toContain(report.incidents[per]!.title.nb);
      await page.keyboard.press('Enter');
      const details = page.locator('#details .incident-details');
      await details.waitFor();
      expect(await details.locator('h3').textContent()).toBe(report.incidents[per]!.title.nb);
      expect(await details.locator('.incident-rules li').count()).toBe(report.incidents[per]!.ruleIds.length);
      await page.locator(`#timeline .incident[data-incident-index="${per}"]`).focus();
      await page.screenshot({ path: `${SHOTS}screenshot-incidents.png` });

      await page.locator('#rule-lanes').check();
      expect(await page.locator('#timeline .finding').count()).toBe(report.findings.length);
      await page.locator('#rule-lanes').uncheck();
      expect(await page.locator('#timeline .finding').count()).toBe(0);
    });

    it("shows headroom in a worker's detail: the tightest limits, what is left", async () => {
      await page.locator('#timeline .worker-label[data-worker="w-bjorn"]').click();
      const details = page.locator('#details .worker-details[data-worker="w-bjorn"]');
      await details.waitFor();
      const items = details.locator('ol.headroom.tightest > li');
      expect(await items.count()).toBe(5);
      const bjorn = report.headroom.filter((h) => h.workerId === 'w-bjorn' && h.left >= 0);
      // The tightest is the daily rest: half an hour to spare.
      const tightest = bjorn.reduce((a, b) => (b.left / b.limit < a.left / a.limit ? b : a));
      expect(await items.first().getAttribute('data-rule')).toBe(tightest.ruleId);
      expect(await items.first().locator('.headroom-left').textContent()).toBe(
        `${String(tightest.left).replace('.', ',')} t igjen`,
      );
      expect(await details.locator('ol.headroom.broken > li').count()).toBe(
        report.headroom.filter((h) => h.workerId === 'w-bjorn' && h.left < 0).length,
      );
      await page.locator('#timeline .worker-label[data-worker="w-bjorn"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}screenshot-headroom.png` });
    });

    it('switching on an agreement for all workers changes what the chart says the agreements give', async () => {
      await page.locator('#details .worker-details .link-button').click();
      await page.locator('#details .worker-details').waitFor({ state: 'detached' });
      const row = page.locator('#overview tr[data-verdict="convertible-with-agreement"] .tier-now');
      const before = await row.textContent();
      expect(before).toMatch(/^0 uten brudd/);
      const answer = evaluated();
      await page.locator('#ag-avl-4-60h').check();
      const after = (await (await answer).json()) as Report;
      const lawful = after.conversions.filter(
        (c) =>
          c.verdict === 'convertible-with-agreement' &&
          !after.findings.some((f) => f.severity === 'violation' && f.assignmentIds.includes(c.assignmentId)),
      ).length;
      expect(lawful).toBeGreaterThan(0);
      await page
        .locator('#overview tr[data-verdict="convertible-with-agreement"] .tier-now', {
          hasText: new RegExp(`^${lawful} uten brudd`),
        })
        .waitFor();
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        document.querySelector('.side')!.scrollTop = 0;
      });
      await page.screenshot({ path: `${SHOTS}screenshot-overview.png` });
      const back = evaluated();
      await page.locator('#ag-avl-4-60h').uncheck();
      await back;
      await page
        .locator('#overview tr[data-verdict="convertible-with-agreement"] .tier-now', { hasText: /^0 uten brudd/ })
        .waitFor();
    });

    it('speaks English with the language button', async () => {
      await page.locator('#lang').click();
      expect(await page.locator('#overview h2').textContent()).toBe('Overview');
      expect(await page.locator('#overview tr[data-verdict="convertible"] .verdict').textContent()).toBe(
        'Convertible as it stands',
      );
      expect(await page.locator('#overview .worker-table thead th').first().textContent()).toBe('Worker');
      await page.locator('#overview tr[data-worker="w-bjorn"] button').click();
      expect(await page.locator('#details h2').textContent()).toBe('Worker');
      expect(await page.locator('#details .headroom-left').first().textContent()).toMatch(/ h left$/);
      await page.screenshot({ path: `${ARTIFACTS}overview-en.png` });
      await page.locator('#lang').click();
      await page.locator('#details .worker-details .link-button').click();
    });

    it('prints an A4 summary: the overview first, without the editing controls', async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#overview').isVisible()).toBe(true);
      expect(await page.locator('.edit-bar').isVisible()).toBe(false);
      expect(await page.locator('.topbar .actions').isVisible()).toBe(false);
      await page.emulateMedia({ media: null });
      const pdf = await page.pdf({
        path: `${ARTIFACTS}overview.pdf`,
        format: 'A4',
        landscape: true,
        printBackground: true,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('made no request outside the app and raised no script error', () => {
      expect(outside).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  },
);
