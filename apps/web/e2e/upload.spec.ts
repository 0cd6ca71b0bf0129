// Upload a real workbook: the upload bar, live processing progress, then the clean rows.
import { expect, test } from '@playwright/test';
import { expectedCell, makeMixedWorkbook, mixedColumnName } from '@sift/excel/fixtures';
import { chooseFile, progressSeen, recordProgress, shownCell, writeInput } from './support.ts';

const ROWS = 3339;
const COLS = 151;

test('a workbook uploads, shows live progress and then its clean rows', async ({ page }, testInfo) => {
  const file = await writeInput(testInfo, 'patients.xlsx', await makeMixedWorkbook(ROWS, COLS));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sift' })).toBeVisible();
  await recordProgress(page);

  await chooseFile(page, file);
  const uploadBar = page.getByRole('progressbar', { name: 'Upload of patients.xlsx' });
  await expect(uploadBar).toBeVisible();
  await expect(page.getByText(/patients\.xlsx: [\d.]+ MB of 3\.2 MB/)).toBeVisible();

  const card = page.getByRole('article', { name: 'patients.xlsx' });
  await expect(card).toBeVisible();
  await expect(card.getByText(`3,339 rows × ${COLS} columns`)).toBeVisible({ timeout: 90_000 });
  await expect(card.getByText('Ready', { exact: true })).toBeVisible();

  // The card showed a live bar before it was ready. The server reads 3,339 rows in about a
  // second, so a poll may catch only 0 before "ready"; reload.spec asserts values strictly
  // between 0 and 100 on a file big enough to always show them.
  const seen = await progressSeen(page, 'Processing patients.xlsx');
  testInfo.annotations.push({ type: 'progress seen', description: seen.map((value) => value ?? 'indeterminate').join(', ') });
  expect(seen.length, 'the task card showed a progress bar before it was ready').toBeGreaterThan(0);
  expect(seen.every((value) => value === null || (value >= 0 && value <= 100))).toBe(true);

  const table = card.getByRole('grid');
  await expect(table.getByRole('columnheader')).toHaveText(['Row', ...Array.from({ length: COLS }, (_, col) => mixedColumnName(col))]);
  const cell = (row: number, col: number) => table.locator('tbody tr').nth(row).locator('td').nth(col);
  // Rows from both ends of the page, and one column of every kind (id, numbers, text, Unicode, dates, booleans, codes, blanks).
  for (const row of [0, 1, 49]) {
    for (const col of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 150]) {
      await expect(cell(row, col)).toHaveText(shownCell(expectedCell(row, col)));
    }
  }
  await expect(table.locator('tbody tr')).toHaveCount(50);

  await card.getByRole('button', { name: 'Next page' }).click();
  await expect(card.getByText('Rows 51–100 of 3,339')).toBeVisible();
  await expect(cell(0, 0)).toHaveText(shownCell(expectedCell(50, 0)));
  await expect(cell(0, 3)).toHaveText(shownCell(expectedCell(50, 3)));
  await card.getByRole('button', { name: 'Previous page' }).click();
  await expect(cell(0, 0)).toHaveText('1');
});
