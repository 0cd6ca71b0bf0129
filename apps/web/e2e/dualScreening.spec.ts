// Dual independent screening in three browsers: the owner screens a project with the built-in
// screener, sets two independent reviewers per record with the screener hidden, and invites two
// reviewers. Each screens the same three records from the keyboard, blind (no other reviewer's
// decision, no screener suggestion); one disagreement becomes a conflict the owner resolves with a
// note (and can undo); kappa and progress are shown; PRISMA counts the consensus; a reviewer
// cannot change the criteria.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openStep, screenedProject, signUp } from './support.ts';

const stamp = Date.now();

async function invite(owner: Page): Promise<string> {
  const people = owner.getByRole('region', { name: 'People' });
  await people.getByLabel('Invite someone as').selectOption('reviewer');
  const shown = people.locator('code.reset-link');
  const before = (await shown.count()) ? await shown.textContent() : null;
  await people.getByRole('button', { name: 'Make an invitation link' }).click();
  await expect(shown).not.toHaveText(before ?? '');
  return (await shown.textContent())!;
}

async function join(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await signUp(page, name, `${name.split(' ')[0]!.toLowerCase()}-${stamp}@example.org`);
  await page.getByRole('button', { name: 'Join the project' }).click();
  await openStep(page, 'People');
  await expect(page.getByRole('region', { name: 'People' })).toContainText('You are a reviewer of this project.');
  return page;
}

/** Decides the first three records of the table from the keyboard, and waits until they are saved. */
async function screenThree(page: Page, keys: [string, string, string]) {
  await openStep(page, 'Screening');
  const review = page.getByRole('region', { name: 'Review the decisions' });
  const queue = review.getByRole('button', { name: /^My queue \d+$/ });
  const before = Number(await queue.locator('.tab-count').textContent());
  await review.locator('tbody tr.screened-row').first().locator('td').nth(1).click();
  for (const key of keys) await page.keyboard.press(key);
  await expect(queue.locator('.tab-count')).toHaveText(String(before - 3));
}

test('two reviewers screen blind, a conflict is resolved with a note, kappa is shown and PRISMA counts the consensus', async ({ browser }, testInfo) => {
  const owner = await (await browser.newContext()).newPage();
  await owner.goto('/#/account');
  await signUp(owner, 'Olga Owner', `olga-dual-${stamp}@example.org`);
  await expect(owner.getByText('Signed in as')).toContainText('Olga Owner');
  await screenedProject(owner, testInfo, 'Dual delirium review');
  await openStep(owner, 'People');

  const settings = owner.getByRole('group', { name: 'How records are screened' });
  // The controls show the saved setting: a click saves, and the control follows once the server has it.
  await settings.getByRole('radio', { name: /By two independent reviewers/ }).click();
  await expect(settings.getByRole('radio', { name: /By two independent reviewers/ })).toBeChecked();
  await settings.getByRole('checkbox', { name: /Hide the screener’s suggestion/ }).click();
  await expect(settings.getByRole('checkbox', { name: /Hide the screener’s suggestion/ })).toBeChecked();

  const ann = await join(browser, await invite(owner), 'Ann Reviewer');
  const ben = await join(browser, await invite(owner), 'Ben Reviewer');

  // Ann: include, include, exclude. Ben: include, exclude, exclude.
  await screenThree(ann, ['i', 'i', 'e']);
  await screenThree(ben, ['i', 'e', 'e']);

  // Blind: Ben sees his own decisions only, no conflict, no screener.
  const benReview = ben.getByRole('region', { name: 'Review the decisions' });
  await expect(benReview.getByRole('note')).toContainText('you see only your own decisions, not the screener’s suggestion');
  const benRows = benReview.locator('tbody tr.screened-row');
  await expect(benRows.nth(1).locator('.decision-cell')).toContainText('Exclude');
  await expect(benRows.nth(1).locator('.decision-cell')).toContainText('your decision');
  await expect(benReview.locator('table')).not.toContainText('Ann Reviewer');
  await expect(benReview.locator('table')).not.toContainText('Conflict');
  await expect(benReview.locator('table')).not.toContainText('screener');
  await expect(benReview.locator('mark')).toHaveCount(0);
  await expect(ben.getByRole('region', { name: 'Conflicts between reviewers' })).toHaveCount(0);

  // A reviewer cannot change the criteria.
  const benScreening = ben.getByRole('region', { name: 'Screening', exact: true });
  await benScreening.getByLabel('Population').fill('Children');
  await benScreening.getByRole('button', { name: 'Save criteria' }).click();
  await expect(benScreening.getByRole('alert')).toContainText("Only the project's owners can do this");

  // The owner: one conflict, both reviewers side by side; resolved with a note, undone, resolved again.
  await owner.reload();
  await openStep(owner, 'Screening');
  const conflicts = owner.getByRole('region', { name: 'Conflicts between reviewers' });
  const items = conflicts.getByRole('list', { name: 'Conflicts' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Ann Reviewer');
  await expect(items.first()).toContainText('Ben Reviewer');
  const resolve = async () => {
    const item = items.first();
    await item.getByRole('radio', { name: 'Include' }).check();
    await item.getByLabel('Why (kept in the audit trail)').fill('Adults in hospital: in scope');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await expect(items).toHaveCount(0);
  };
  await resolve();
  await expect(conflicts).toContainText('No conflicts');
  await conflicts.getByRole('button', { name: 'Undo resolution' }).click();
  await expect(items).toHaveCount(1);
  await resolve();

  // Agreement: both decided three records, one disagreement: raw 2/3, kappa 0.4.
  const agreement = owner.getByRole('region', { name: 'Agreement between reviewers' });
  const pair = agreement.getByRole('table', { name: 'Agreement per pair of reviewers' }).locator('tbody tr');
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('Ann Reviewer and Ben Reviewer');
  await expect(pair.locator('td').nth(1)).toHaveText('3');
  await expect(pair.locator('td').nth(3)).toHaveText('66.7 %');
  await expect(pair.locator('td').nth(4)).toHaveText('0.40');
  await expect(agreement.getByRole('list', { name: 'Progress per reviewer' })).toContainText('Ann Reviewer: 3 of');

  // The owner's table and PRISMA count the consensus: two includes (one resolved), one exclude by the researchers.
  const review = owner.getByRole('region', { name: 'Review the decisions' });
  const rows = review.locator('tbody tr.screened-row');
  await expect(rows.nth(0).locator('.decision-cell')).toContainText('both reviewers agree');
  await expect(rows.nth(1).locator('.decision-cell')).toContainText('resolved by an owner');
  await expect(rows.nth(2).locator('.decision-cell')).toContainText('both reviewers agree');
  const included = await review.getByRole('button', { name: /^Include \d+$/ }).locator('.tab-count').textContent();
  await openStep(owner, 'PRISMA & exports');
  const figure = owner.getByRole('region', { name: 'PRISMA 2020 flow diagram' }).getByRole('figure', { name: 'PRISMA 2020 flow diagram' });
  await expect(figure).toContainText('by the researcher (n = 1)');
  await expect(figure).toContainText(`Records included (n = ${included})`);
});
