import { expect, test } from '@playwright/test';
import { makeMixedWorkbook } from '@sift/excel/fixtures';
import { chooseFile, makeMixedCsv, writeInput } from './support.ts';
test('shot', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1100, height: 1000 });
  await page.goto('/');
  await chooseFile(page, await writeInput(testInfo, 'small.xlsx', await makeMixedWorkbook(300, 30)));
  await expect(page.getByText('300 rows × 30 columns')).toBeVisible({ timeout: 30000 });
  await chooseFile(page, await writeInput(testInfo, 'big.csv', makeMixedCsv(40000, 151)));
  await expect(page.getByRole('article', { name: 'big.csv' }).getByText('Running', { exact: true })).toBeVisible({ timeout: 30000 });
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: 'Next page' }).focus();
  await page.screenshot({ path: '/tmp/shot2.png', fullPage: true });
});
