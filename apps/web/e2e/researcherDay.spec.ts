// A researcher's day, as issue 19 found it: links that lead nowhere say so in words, a record
// opens beside the records table with its whole abstract and its history, and the review table
// keeps the columns the researcher chose.
import { expect, test } from '@playwright/test';
import { makeRisExport } from '@sift/literature/fixtures';
import { openStep, screenedProject } from './support.ts';

const UNKNOWN = '0f0e0d0c-0b0a-4908-8706-050403020100';

test('a mangled or unknown link shows a page in words, never the server’s raw answer', async ({ page }) => {
  const cases: { hash: string; heading: string }[] = [
    { hash: '#/reviews/not-a-project', heading: 'Project not found' },
    { hash: `#/reviews/${UNKNOWN.slice(0, 30)}/screening`, heading: 'Project not found' },
    { hash: `#/reviews/${UNKNOWN}/screening`, heading: 'Project not found' },
    { hash: `#/reviews/${UNKNOWN}/conflicts`, heading: 'Project not found' },
    { hash: `#/files/${UNKNOWN}/profile`, heading: 'File not found' },
    { hash: '#/files/12345', heading: 'File not found' },
    { hash: '#/nowhere', heading: 'This page does not exist' },
  ];
  for (const { hash, heading } of cases) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 2, name: heading }), hash).toBeVisible();
    const text = await page.locator('main').innerText();
    expect(text, hash).not.toMatch(/[{}[\]]|invalid_|"code"|Invalid UUID/);
  }
  // The way back works.
  await page.getByRole('link', { name: 'Go to your spreadsheets' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Upload a spreadsheet' })).toBeVisible();
});

test('a record opens beside the records table with its full abstract and history; the review table remembers its columns', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await screenedProject(page, testInfo, 'Reading records');
  const firstBlock = makeRisExport(30).split('ER  - ')[0]!;
  const title = /^T1 {2}- (.+)$/m.exec(firstBlock)![1]!.trim();
  const abstract = /^N2 {2}- (.+)$/m.exec(firstBlock)![1]!.trim();

  // A decision of the researcher's, to find in the record's history.
  const review = page.getByRole('region', { name: 'Review the decisions' });
  const row = review.getByRole('region', { name: 'Screened records' }).locator('tbody tr.screened-row').filter({ hasText: title });
  await row.getByRole('button', { name: 'Include' }).click();
  await expect(row.getByRole('button', { name: 'Include' })).toHaveAttribute('aria-pressed', 'true');

  // Every column of the records table is in view at 1280 px.
  await openStep(page, 'Import');
  const records = page.getByRole('region', { name: 'Records', exact: true });
  const headers = records.getByRole('columnheader');
  await expect(headers).toHaveText(['Title', 'First author', 'Year', 'Journal', 'Import', 'Duplicates']);
  const width = page.viewportSize()!.width;
  for (const header of await headers.all()) {
    const box = (await header.boundingBox())!;
    expect(box.x + box.width, `${await header.textContent()} is within the window`).toBeLessThanOrEqual(width);
  }

  await records.getByRole('button', { name: title }).click();
  const panel = page.getByRole('complementary', { name: title });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: title })).toBeFocused();
  await expect(panel.locator('.record-abstract')).toHaveText(abstract);
  await expect(panel.getByRole('list', { name: 'History of this record' })).toContainText('Imported from works.ris, record 1 of that file');
  await expect(panel.getByRole('list', { name: 'History of this record' })).toContainText(/ → Include by you \(no account\) \(criteria v1\)/);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The review table: hide the reason column; a reload keeps the choice.
  await openStep(page, 'Screening');
  const table = review.getByRole('region', { name: 'Screened records' });
  await expect(table.getByRole('columnheader', { name: 'Reason' })).toBeVisible();
  await review.getByRole('group', { name: 'Columns' }).getByLabel('Reason').uncheck();
  await expect(table.getByRole('columnheader', { name: 'Reason' })).toBeHidden();
  await page.reload();
  await expect(review.getByRole('group', { name: 'Columns' }).getByLabel('Reason')).not.toBeChecked();
  await expect(table.getByRole('columnheader', { name: 'Reason' })).toBeHidden();
  await expect(table.getByRole('columnheader', { name: 'Confidence' })).toBeVisible();
});
