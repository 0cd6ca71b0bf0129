// Cancelling a running task stops it for good, until the researcher tries it again.
import { expect, test } from '@playwright/test';
import { chooseFile, makeMixedCsv, progressValue, writeInput } from './support.ts';

test('cancel stops a running task and it stays cancelled, and Try again runs it to the end', async ({ page }, testInfo) => {
  const file = await writeInput(testInfo, 'big-cancel.csv', makeMixedCsv(40_000, 151));
  await page.goto('/');
  await chooseFile(page, file);

  const card = page.getByRole('article', { name: 'big-cancel.csv' });
  await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => progressValue(page, 'Processing big-cancel.csv'), { timeout: 60_000 }).toBeGreaterThan(0);

  await card.getByRole('button', { name: 'Cancel processing big-cancel.csv' }).click();
  await expect(card.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(card.getByRole('progressbar')).toHaveCount(0);
  await expect(card.getByRole('button', { name: /^cancel/i })).toHaveCount(0);

  // Long enough for the worker to have finished the file had it ignored the cancel.
  await page.waitForTimeout(8_000);
  await page.reload();
  await expect(card.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(card.getByRole('grid')).toHaveCount(0);

  // The researcher changes their mind: the same task runs again, to the end.
  await card.getByRole('button', { name: 'Try big-cancel.csv again' }).click();
  await expect(card.getByText('Ready', { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(card).toContainText('40,000 rows');
});
