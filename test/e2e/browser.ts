// The page tests' browser: Debian's Chromium, headless and offline, and a page that records every
// request to another origin and every script error (each test file asserts both stay empty).
import { chromium, type Browser, type Page } from 'playwright-core';
import { HANG_MS } from '../support/hang.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: HANG_MS,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Waits as long as the suite's bound, and records requests that leave `base` (data: and blob: URLs are the page's own) and script errors. */
export function watchPage(page: Page, base: string, outside: string[], pageErrors: string[]): void {
  // Playwright's own 30 s default would fail a slow machine, not a broken page.
  page.setDefaultTimeout(HANG_MS);
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      outside.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}
