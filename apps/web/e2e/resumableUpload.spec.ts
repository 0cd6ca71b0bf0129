// Uploads that survive: a reload in the middle of an upload (the page warns first) leaves a part on
// the server; choosing the same file again continues from it (the first request after the reload
// starts at the stored offset, not at 0) and the file arrives whole, every row read. Cancel stops
// an upload and the server drops what it kept.
import { expect, test, type Page, type Route } from '@playwright/test';
import { chooseFile, writeInput } from './support.ts';

const ROWS = 300_000;
const CHUNK = 4 * 1024 * 1024; // the web app's tus chunk size

/** About 6 MB: two requests of 4 MiB. */
function bigCsv(): Uint8Array {
  const lines = ['id,site,score'];
  for (let row = 1; row <= ROWS; row += 1) lines.push(`${row},site ${row % 17},${(row % 1000) / 10}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Lets the first PATCH through and holds every later one, as a connection that stalls would. */
async function stallAfterFirstChunk(page: Page): Promise<Route[]> {
  const held: Route[] = [];
  let patches = 0;
  await page.route('**/api/uploads/tus/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    patches += 1;
    if (patches === 1) return route.continue();
    held.push(route);
  });
  return held;
}

/** The Upload-Offset of every PATCH the page sends from now on. */
function recordOffsets(page: Page): number[] {
  const offsets: number[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().includes('/api/uploads/tus/')) offsets.push(Number(request.headers()['upload-offset']));
  });
  return offsets;
}

test('an upload cut off by a reload continues where it stopped and arrives whole', async ({ page }, testInfo) => {
  const bytes = bigCsv();
  const file = await writeInput(testInfo, 'registry.csv', bytes);
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Sift' }).click(); // a user gesture: the page may ask before unload
  const held = await stallAfterFirstChunk(page);
  await chooseFile(page, file);
  await expect.poll(() => held.length, { timeout: 60_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Cancel upload' })).toBeVisible();

  const warned: string[] = [];
  page.on('dialog', (dialog) => {
    warned.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(warned).toEqual(['beforeunload']);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  const interrupted = page.getByRole('list', { name: 'Interrupted uploads' });
  await expect(interrupted).toContainText('The upload of registry.csv');
  await expect(interrupted).toContainText('Choose the same file again to continue');

  const offsets = recordOffsets(page);
  await chooseFile(page, file);
  await expect(page.getByText(/Continuing registry\.csv from 4\.0 MB/)).toBeVisible();
  const card = page.getByRole('article', { name: 'registry.csv' });
  await expect(card.getByText(`${ROWS.toLocaleString('en-US')} rows × 3 columns`)).toBeVisible({ timeout: 90_000 });
  expect(offsets[0], 'the first request after the reload starts at the part the server kept').toBe(CHUNK);
  // Then one request per 4 MiB left: nothing before the stored part was sent again.
  expect(offsets).toEqual(Array.from({ length: Math.ceil(bytes.byteLength / CHUNK) - 1 }, (_, index) => (index + 1) * CHUNK));
  await expect(interrupted).toHaveCount(0);

  const table = card.getByRole('grid');
  await expect(table.locator('tbody tr').first().locator('td')).toHaveText(['1', 'site 1', '0.1']);
});

test('cancel stops an upload and the server drops the part it kept', async ({ page }, testInfo) => {
  const file = await writeInput(testInfo, 'cancelled.csv', bigCsv());
  await page.goto('/');
  const held = await stallAfterFirstChunk(page);
  await chooseFile(page, file);
  await expect.poll(() => held.length, { timeout: 60_000 }).toBe(1);

  const dropped = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().includes('/api/uploads/tus/'));
  await page.getByRole('button', { name: 'Cancel upload' }).click();
  expect((await dropped).status()).toBe(204);
  await expect(page.getByRole('status').filter({ hasText: 'Upload of cancelled.csv cancelled. Nothing of it was kept.' })).toBeVisible();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeEnabled();
  await expect(page.getByRole('list', { name: 'Interrupted uploads' })).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'cancelled.csv' })).toHaveCount(0);
});
