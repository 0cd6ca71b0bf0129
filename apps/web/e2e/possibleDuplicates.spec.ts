// The Duplicates step's grey zone in the browser: one trial indexed under two journals is listed
// as a possible duplicate side by side; "Merge" makes it one group, "Undo" takes it back, "Keep
// apart" dismisses it. An erratum and a conference abstract show their related record.
import { expect, test } from '@playwright/test';
import { openStep, stepLink, writeInput } from './support.ts';

const TRIAL = 'Early mobilisation and delirium in critically ill adults: a randomised trial';
const COHORT = 'Haloperidol prophylaxis for delirium after hip fracture surgery in older adults';

const RIS = [
  ['TY  - JOUR', `TI  - ${TRIAL}`, 'AU  - Smith, Anna', 'PY  - 2019', 'JO  - Critical Care Medicine', 'VL  - 47', 'SP  - 100', 'EP  - 108', 'ER  - '],
  ['TY  - JOUR', `TI  - ${TRIAL}`, 'AU  - Smith, Anna', 'PY  - 2019', 'JO  - Chest', 'VL  - 155', 'SP  - 20', 'EP  - 28', 'ER  - '],
  ['TY  - JOUR', `TI  - ${COHORT}`, 'AU  - Okafor, Chidi', 'PY  - 2020', 'JO  - Age and Ageing', 'VL  - 49', 'SP  - 300', 'ER  - '],
  ['TY  - JOUR', `TI  - Erratum to: ${COHORT}`, 'PY  - 2020', 'JO  - Age and Ageing', 'VL  - 49', 'SP  - 720', 'ER  - '],
].map((lines) => lines.join('\r\n')).join('\r\n\r\n');

test('possible duplicates are judged side by side, merged, undone and kept apart; related records are named', async ({ page }, testInfo) => {
  const file = await writeInput(testInfo, 'grey-zone.ris', new TextEncoder().encode(RIS));
  await page.goto('/#/reviews');
  await page.getByLabel('Project name').fill('Grey zone');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/reviews\/[0-9a-f-]{36}\/import$/);
  await page.getByLabel('Literature export files').setInputFiles([file]);
  await expect(page.getByRole('article', { name: 'grey-zone.ris' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });

  await expect(stepLink(page, 'Duplicates')).toHaveAccessibleName(/, 1 to decide$/, { timeout: 60_000 });
  await openStep(page, 'Duplicates');
  const possible = page.getByRole('region', { name: 'Possible duplicates' });
  const groups = page.getByRole('region', { name: 'Duplicate groups' });
  await expect(possible.getByRole('status')).toHaveText('1 pair to judge', { timeout: 60_000 });
  const pair = possible.getByRole('article');
  await expect(pair).toContainText('Kept apart because journal, volume or first page differ.');
  // Which record is the first column follows their ids; what differed reads in the columns' order.
  const journalRow = pair.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Journal', exact: true }) });
  await expect(journalRow.getByRole('cell')).toHaveCount(2);
  const journals = await journalRow.getByRole('cell').allTextContents();
  expect([...journals].sort()).toEqual(['Chest', 'Critical Care Medicine']);
  await expect(pair).toContainText(`Differed: journal ${journals[0]} / ${journals[1]}`);
  await expect(groups.getByRole('status')).toHaveText('0 duplicate groups');

  await pair.getByRole('button', { name: 'Merge' }).click();
  await expect(groups.getByRole('status')).toHaveText('1 duplicate group', { timeout: 60_000 });
  await expect(groups.getByText('merged by you')).toBeVisible();
  await expect(pair).toContainText('You merged these: they are one duplicate group.');
  await expect(possible.getByRole('status')).toHaveText('0 pairs to judge, 1 judged');

  await pair.getByRole('button', { name: 'Undo' }).click();
  await expect(groups.getByRole('status')).toHaveText('0 duplicate groups', { timeout: 60_000 });
  await expect(possible.getByRole('status')).toHaveText('1 pair to judge');

  await pair.getByRole('button', { name: 'Keep apart' }).click();
  await expect(pair).toContainText('You kept these apart.');
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await expect(page.getByRole('region', { name: 'Duplicates' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(pair).toContainText('You kept these apart.');

  await openStep(page, 'Import');
  const records = page.getByRole('region', { name: 'Records of this project' });
  await expect(records.getByRole('list', { name: 'Related records' })).toHaveText([`Corrected by erratum: Erratum to: ${COHORT} (2020)`, `Erratum of: ${COHORT} (2020)`]);
});
