// The server is the source of truth: a reload or a second tab shows the same task, still moving.
import { expect, test } from '@playwright/test';
import { expectedCell } from '@sift/excel/fixtures';
import { chooseFile, makeMixedCsv, progressValue, writeInput } from './support.ts';

const ROWS = 40_000;

test('a running task survives a reload and shows in a second tab', async ({ page, context }, testInfo) => {
  const file = await writeInput(testInfo, 'big-reload.csv', makeMixedCsv(ROWS, 151));
  await page.goto('/');
  await chooseFile(page, file);

  const card = page.getByRole('article', { name: 'big-reload.csv' });
  const bar = 'Processing big-reload.csv';
  await expect(card.getByText('Running', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => progressValue(page, bar), { timeout: 60_000 }).toBeGreaterThan(0);
  const beforeReload = (await progressValue(page, bar))!;
  expect(beforeReload).toBeLessThan(100);

  await page.reload();
  await expect(card).toBeVisible();
  await expect(card.getByText('Running', { exact: true })).toBeVisible();
  // Picked up where it was (not restarted), then still moving.
  await expect.poll(() => progressValue(page, bar)).toBeGreaterThanOrEqual(beforeReload);
  await expect.poll(() => progressValue(page, bar)).toBeGreaterThan(beforeReload);

  const secondTab = await context.newPage();
  await secondTab.goto('/');
  const secondCard = secondTab.getByRole('article', { name: 'big-reload.csv' });
  await expect(secondCard).toBeVisible();
  await expect(secondTab.getByRole('article')).toHaveCount(1);

  await expect(card.getByText('40,000 rows × 151 columns')).toBeVisible({ timeout: 90_000 });
  await expect(secondCard.getByText('40,000 rows × 151 columns')).toBeVisible({ timeout: 30_000 });
  await expect(secondCard.locator('tbody tr').first().locator('td').nth(3)).toHaveText(String(expectedCell(0, 3)));
});
