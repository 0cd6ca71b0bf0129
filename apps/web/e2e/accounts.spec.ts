// Accounts in a browser: work done without an account moves into the account created for it; a
// second browser signs in and finds it; an operator's reset link sets a new password and signs the
// person out everywhere else.
import { expect, test, type Page } from '@playwright/test';

const email = `ann-${Date.now()}@example.org`;

async function signInForm(page: Page) {
  await page.goto('/#/account');
  return page.getByRole('region', { name: 'Sign in' });
}

test('work without an account is kept when the person creates one, and follows them to another browser', async ({ browser }) => {
  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  await page.goto('/#/reviews');
  await expect(page.getByRole('note').filter({ hasText: 'your work is kept in this browser only' })).toBeVisible();
  await page.getByLabel('Project name').fill('Kept on sign-up');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Kept on sign-up' })).toBeVisible();

  await page.getByRole('link', { name: 'Create an account or sign in' }).click();
  const signUp = page.getByRole('region', { name: 'Create an account' });
  await signUp.getByLabel('Your name').fill('Ann Reviewer');
  await signUp.getByLabel('Email').fill(email);
  await signUp.getByLabel('Password').fill('short');
  await signUp.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/#\/account$/); // the browser refused the short password before sending it
  await signUp.getByLabel('Password').fill('a long enough password');
  await signUp.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toHaveText('The work from this browser is now in your account: 1 review project.');
  await expect(page.getByText('Signed in as')).toContainText('Ann Reviewer');

  const desktop = await browser.newContext();
  const other = await desktop.newPage();
  await other.goto('/#/reviews');
  await expect(other.getByText('No projects yet.')).toBeVisible();
  const form = await signInForm(other);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('That email and password do not match an account.');
  await form.getByLabel('Password').fill('a long enough password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('region', { name: 'Where you are signed in' }).getByRole('listitem')).toHaveCount(2);
  await other.goto('/#/reviews');
  await expect(other.getByRole('link', { name: 'Kept on sign-up' })).toBeVisible();

  // An operator issues a reset link; using it signs every other browser out.
  const ops = await (await browser.newContext()).newPage();
  await ops.goto('/#/ops');
  await ops.getByLabel('Your name').fill('Dana');
  await ops.getByLabel('Admin token').fill(process.env.SIFT_E2E_ADMIN_TOKEN!);
  await ops.getByRole('button', { name: 'Sign in' }).click();
  await ops.getByLabel('Account email').fill(email);
  await ops.getByRole('button', { name: 'Issue a link' }).click();
  const link = (await ops.locator('code.reset-link').textContent())!;
  expect(link).toMatch(/\/#\/reset\//);
  await expect(ops.getByRole('table', { name: 'Operator actions' }).getByRole('row', { name: /issue-password-reset/ })).toContainText(email);

  await other.goto(link);
  await other.getByRole('textbox', { name: /^New password/ }).fill('the brand new password');
  await other.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(other).toHaveURL(/#\/account$/);
  await expect(other.getByText('Signed in as')).toContainText('Ann Reviewer');
  await page.reload();
  await expect(page.getByRole('note').filter({ hasText: 'your work is kept in this browser only' })).toBeVisible({ timeout: 15_000 });
});
