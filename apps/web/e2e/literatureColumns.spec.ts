// The column step of a table import: a CSV whose headers Sift is unsure of is read with its
// guesses, the report opens the column form with them preselected, the researcher chooses the
// title column (a Chinese header, shown as it is), and the file is read again with a progress
// bar, replacing its records.
import { expect, test } from '@playwright/test';
import { AMBIGUOUS_CSV } from './literatureFiles.ts';
import { progressSeen, recordProgress, writeInput } from './support.ts';

test('a CSV with unsure columns is imported again with the columns the researcher chose', async ({ page }, testInfo) => {
  const csv = await writeInput(testInfo, 'cnki-export.csv', new TextEncoder().encode(AMBIGUOUS_CSV));
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto('/#/reviews');
  await page.getByLabel('Project name').fill('谵妄 (delirium) in Chinese trials');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/reviews\/[0-9a-f-]{36}\/import$/);

  await page.getByLabel('Literature export files').setInputFiles(csv);
  const card = page.getByRole('article', { name: 'cnki-export.csv' });
  await expect(card.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  const report = card.getByRole('list', { name: 'Import report for cnki-export.csv' }).getByRole('listitem');
  await expect(report).toHaveText(['2 records read', '0 without abstract', '2 without DOI', '0 without year']);
  await expect(card.getByText('1 row skipped')).toBeVisible();

  // The guesses: no title column, a date for the year and "Source" for the journal, each marked.
  await expect(card.getByText('Check the columns Sift guessed')).toBeVisible();
  await expect(card.getByText('Sift is not sure which columns hold: title, year, journal.')).toBeVisible();
  const form = card.getByRole('form', { name: 'Columns of cnki-export.csv' });
  const title = form.getByLabel('Title', { exact: true });
  await expect(title.locator('option:checked')).toHaveText('Not in this file');
  await expect(form.getByLabel('Abstract', { exact: true }).locator('option:checked')).toHaveText('Summary');
  await expect(form.getByLabel('Year', { exact: true }).locator('option:checked')).toHaveText('Date');
  await expect(form.getByLabel('Journal', { exact: true }).locator('option:checked')).toHaveText('Source');
  await expect(form.getByRole('row', { name: /^Year/ }).getByText('guess: check it')).toBeVisible();
  await expect(title.locator('option')).toHaveText(['Not in this file', '文章名称', 'Summary', 'Creators', 'Date', 'Source']);

  const records = page.getByRole('region', { name: 'Records', exact: true });
  const rows = records.locator('tbody tr');
  await expect(records.getByText('Records 1–2 of 2')).toBeVisible();
  await expect(rows.locator('td:nth-child(1)')).toHaveText(['—', '—']);

  // Choosing no title and no abstract cannot be sent.
  await form.getByLabel('Abstract', { exact: true }).selectOption({ label: 'Not in this file' });
  await expect(form.getByText('Choose the column with the title or the abstract')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Import again with these columns' })).toBeDisabled();
  await form.getByLabel('Abstract', { exact: true }).selectOption({ label: 'Summary' });

  await recordProgress(page);
  await title.selectOption({ label: '文章名称' });
  await form.getByRole('button', { name: 'Import again with these columns' }).click();
  await expect(card.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(report).toHaveText(['3 records read', '1 without abstract', '3 without DOI', '0 without year']);
  expect(await progressSeen(page, 'Processing cnki-export.csv'), 'the progress bar of the second read').not.toEqual([]);
  await expect(card.getByText('No rows skipped.')).toBeVisible();
  await expect(card.getByText('Columns you chose')).toBeVisible();
  await expect(card.getByText('Check the columns Sift guessed')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Project counts' })).toContainText('1 file imported');

  // The records now have their Chinese titles, authors, years and journals; Chinese search finds a phrase anywhere.
  await expect(records.getByText('Records 1–3 of 3')).toBeVisible();
  await expect(rows.locator('td:nth-child(1)')).toHaveText(['早期活动预防重症监护病房成人谵妄', '音乐疗法缓解术前焦虑', '睡眠卫生教育对夜班护士的影响']);
  await expect(rows.first().locator('td')).toHaveText(['早期活动预防重症监护病房成人谵妄', 'Wang, Li', '2021', '中国危重病急救医学', 'cnki-export.csv', '—']);
  await records.getByLabel('Search records').fill('谵妄');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('早期活动预防重症监护病房成人谵妄');
  await records.getByLabel('Search records').fill('夜班护士');
  await expect(rows.locator('td:nth-child(1)')).toHaveText(['睡眠卫生教育对夜班护士的影响']);

  // A reload shows the file once, read with the chosen columns.
  await page.reload();
  await expect(page.getByRole('article', { name: 'cnki-export.csv' })).toHaveCount(1);
  await expect(card.getByText('Columns you chose')).toBeVisible();
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});
