// Deleting one imported file in the browser: the confirmation says what goes with it, its card and
// records leave the project, and the Trash page brings it back.
import { expect, test } from '@playwright/test';
import { EMBASE_RIS, PUBMED_NBIB } from './literatureFiles.ts';
import { writeInput } from './support.ts';

const encode = (text: string) => new TextEncoder().encode(text);

test('an owner deletes an imported file, then restores it from the trash', async ({ page }, testInfo) => {
  const pubmed = await writeInput(testInfo, 'pubmed-export.nbib', encode(PUBMED_NBIB));
  const embase = await writeInput(testInfo, 'embase-export.ris', encode(EMBASE_RIS));
  await page.goto('/#/reviews');
  await page.getByLabel('Project name').fill('Second search by mistake');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/reviews\/[0-9a-f-]{36}\/import$/);
  const projectUrl = page.url();

  await page.getByLabel('Literature export files').setInputFiles([pubmed, embase]);
  const embaseCard = page.getByRole('article', { name: 'embase-export.ris' });
  await expect(page.getByRole('article', { name: 'pubmed-export.nbib' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(embaseCard.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  const counts = page.getByRole('list', { name: 'Project counts' });
  await expect(counts).toContainText('2 files imported');
  await expect(counts).toContainText('8 records');

  await page.getByRole('button', { name: 'Delete embase-export.ris' }).click();
  const confirm = page.getByRole('group', { name: 'Delete embase-export.ris' });
  await expect(confirm).toContainText('“embase-export.ris” will leave this project for every member with its 4 records');
  await expect(confirm).toContainText('stays in the trash for 30 days');
  await confirm.getByRole('button', { name: 'Move to trash' }).click();
  await expect(embaseCard).toHaveCount(0);
  await expect(counts).toContainText('1 file imported');
  await expect(counts).toContainText('4 records');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Trash' }).click();
  const deleted = page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem');
  await expect(deleted).toHaveText([/embase-export\.ris · imported into “Second search by mistake”/]);
  await page.getByRole('button', { name: 'Restore embase-export.ris' }).click();
  await expect(page.getByText('Nothing in the trash.')).toBeVisible();

  await page.goto(projectUrl);
  await expect(embaseCard.getByText('Ready', { exact: true })).toBeVisible();
  await expect(counts).toContainText('2 files imported');
  await expect(counts).toContainText('8 records');
});
