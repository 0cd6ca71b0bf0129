// The other ways in: the keyboard opens the file picker, and a dropped file uploads.
import { expect, test } from '@playwright/test';
import { makeSampleCsv, SAMPLE_CSV_COLUMNS, SAMPLE_CSV_ROWS } from '@sift/excel/fixtures';

test('the drop zone opens the file picker with Enter or Space', async ({ page }) => {
  await page.goto('/');
  const dropZone = page.getByRole('button', { name: /drop a spreadsheet here/i });
  await dropZone.focus();
  for (const key of ['Enter', ' ']) {
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press(key);
    expect((await chooser).isMultiple()).toBe(false);
  }
  await expect(page.getByRole('button', { name: 'Choose a file…' })).toBeEnabled();
});

test('a file dropped on the drop zone uploads and is processed', async ({ page }) => {
  await page.goto('/');
  const csv = new TextDecoder().decode(makeSampleCsv());
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  const dropZone = page.getByRole('button', { name: /drop a spreadsheet here/i });
  await dropZone.dispatchEvent('dragover', { dataTransfer });
  await dropZone.dispatchEvent('drop', { dataTransfer });

  const card = page.getByRole('article', { name: 'dropped.csv' });
  await expect(card.getByText(`${SAMPLE_CSV_ROWS.length} rows × ${SAMPLE_CSV_COLUMNS.length} columns`)).toBeVisible({ timeout: 60_000 });
  await expect(card.locator('tbody tr').nth(2).locator('td').nth(1)).toHaveText('Zoë 🧪');
});
