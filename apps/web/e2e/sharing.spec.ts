// A shared review in two browsers: the owner (with an account) invites a reviewer by link; the
// reviewer creates an account from the link, joins, sees the project without its import zone,
// and the owner sees them among the people and can make them a viewer.
import { expect, test } from '@playwright/test';
import { openStep, signUp } from './support.ts';

const stamp = Date.now();

test('an owner invites a reviewer by link, who joins from another browser', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await owner.goto('/#/account');
  await signUp(owner, 'Olga Owner', `olga-${stamp}@example.org`);
  await expect(owner.getByText('Signed in as')).toContainText('Olga Owner');
  await owner.goto('/#/reviews');
  await owner.getByLabel('Project name').fill('Shared delirium review');
  await owner.getByRole('button', { name: 'Create project' }).click();
  await openStep(owner, 'People');
  const people = owner.getByRole('region', { name: 'People' });
  await expect(people).toContainText('You are an owner of this project.');
  await people.getByLabel('Invite someone as').selectOption('reviewer');
  await people.getByRole('button', { name: 'Make an invitation link' }).click();
  const link = (await people.locator('code.reset-link').textContent())!;
  expect(link).toMatch(/\/#\/join\//);

  const reviewer = await (await browser.newContext()).newPage();
  await reviewer.goto(link);
  await expect(reviewer.getByRole('note').filter({ hasText: 'You were invited to a review project.' })).toBeVisible();
  await signUp(reviewer, 'Rui Reviewer', `rui-${stamp}@example.org`);
  await reviewer.getByRole('button', { name: 'Join the project' }).click();
  await expect(reviewer.getByRole('heading', { level: 2, name: 'Shared delirium review' })).toBeVisible();
  await expect(reviewer.getByRole('region', { name: 'Imported files' })).toBeVisible();
  await expect(reviewer.getByLabel('Literature export files')).toHaveCount(0);
  await openStep(reviewer, 'People');
  await expect(reviewer.getByRole('region', { name: 'People' })).toContainText('You are a reviewer of this project.');

  // The link is spent: a third person cannot use it.
  const third = await (await browser.newContext()).newPage();
  await third.goto('/#/account');
  await signUp(third, 'Tom Third', `tom-${stamp}@example.org`);
  await expect(third.getByText('Signed in as')).toContainText('Tom Third');
  await third.goto(link);
  await third.getByRole('button', { name: 'Join the project' }).click();
  await expect(third.getByRole('alert')).toContainText('This invitation link has been used or has expired.');

  await owner.reload();
  const members = owner.getByRole('list', { name: 'Members' });
  await expect(members.getByRole('listitem')).toHaveCount(2);
  await members.getByLabel('Role of Rui Reviewer').selectOption('viewer');
  await reviewer.reload();
  await expect(reviewer.getByRole('region', { name: 'People' })).toContainText('You are a viewer of this project.');
});
