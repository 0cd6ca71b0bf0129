// Opened over plain http by a name other than localhost (a LAN address, a server's host name),
// the page must render: a CSP `upgrade-insecure-requests` would send its scripts to https, where
// nothing answers, and leave a blank page. Chromium exempts localhost, so the browser here
// resolves sift.test to this machine instead.
import { expect, test } from '@playwright/test';

test('the page renders over plain http from a non-loopback name', async ({ playwright, launchOptions, baseURL }) => {
  const port = new URL(baseURL!).port;
  const browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP sift.test 127.0.0.1'] });
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`http://sift.test:${port}/`);
    await expect(page.getByText(/up to [\d.]+ MB/)).toBeVisible({ timeout: 10_000 });
    expect(failed).toEqual([]);
    expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
  } finally {
    await browser.close();
  }
});
