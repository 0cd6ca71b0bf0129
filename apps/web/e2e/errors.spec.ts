// A damaged file fails with the server's actionable message, and the server keeps working.
import { expect, test } from '@playwright/test';
import { makeCorruptXlsx, makeMixedWorkbook, makeSampleCsv, SAMPLE_CSV_COLUMNS, SAMPLE_CSV_ROWS } from '@sift/excel/fixtures';
import { chooseFile, writeInput } from './support.ts';

test('a corrupt workbook shows what to do, and a good file afterwards still works', async ({ page }, testInfo) => {
  const broken = await writeInput(testInfo, 'broken.xlsx', makeCorruptXlsx(await makeMixedWorkbook(200, 12)));
  const good = await writeInput(testInfo, 'after-broken.csv', makeSampleCsv());
  await page.goto('/');

  await chooseFile(page, broken);
  const brokenCard = page.getByRole('article', { name: 'broken.xlsx' });
  await expect(brokenCard.getByText('Failed', { exact: true })).toBeVisible({ timeout: 60_000 });
  const alert = brokenCard.getByRole('alert');
  await expect(alert).toContainText('.xlsx');
  await expect(alert).toContainText(/upload it again/i);
  await expect(brokenCard.getByRole('progressbar')).toHaveCount(0);
  await expect(brokenCard.getByRole('button', { name: /cancel/i })).toHaveCount(0);
  // The same bytes would fail the same way: no "Try again", and the card says what to do instead.
  await expect(brokenCard.getByRole('button', { name: 'Try broken.xlsx again' })).toHaveCount(0);
  await expect(brokenCard.getByText('Trying this file again as it is will not help')).toBeVisible();

  await chooseFile(page, good);
  const goodCard = page.getByRole('article', { name: 'after-broken.csv' });
  await expect(goodCard.getByText(`${SAMPLE_CSV_ROWS.length} rows × ${SAMPLE_CSV_COLUMNS.length} columns`)).toBeVisible({ timeout: 60_000 });
  await expect(goodCard.getByRole('columnheader')).toHaveText(['Row', ...SAMPLE_CSV_COLUMNS]);
  await expect(goodCard.locator('tbody tr').nth(1).locator('td').nth(1)).toHaveText('王芳');
  await expect(brokenCard.getByRole('alert')).toBeVisible();
});

test('a file over the upload limit is refused before sending', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByText(/up to [\d.]+ MB/)).toBeVisible();
  const limit = await page.evaluate(async () => {
    const response = await fetch('/trpc/getSettings');
    return ((await response.json()) as { result: { data: { uploadLimitBytes: number } } }).result.data.uploadLimitBytes;
  });
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/uploads')) requests.push(request.url());
  });
  await chooseFile(page, await writeInput(testInfo, 'too-big.csv', new Uint8Array(limit + 1)));
  await expect(page.getByRole('alert')).toContainText('over this server');
  expect(requests).toEqual([]);
});
