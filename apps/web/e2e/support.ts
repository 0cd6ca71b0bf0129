// Shared e2e helpers: generated input files (nothing binary is checked in), the upload step,
// a recorder for every value a progress bar shows, so a fast task's progress is not missed
// between two assertions, and a small screened project the screening specs start from.
import { writeFile } from 'node:fs/promises';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { expectedCell, mixedColumnName } from '@sift/excel/fixtures';
import { makeRisExport } from '@sift/literature/fixtures';

export async function writeInput(testInfo: TestInfo, name: string, bytes: Uint8Array): Promise<string> {
  const file = testInfo.outputPath(name);
  await writeFile(file, bytes);
  return file;
}

/**
 * A large CSV with the mixed workbook's header and values. Generating an .xlsx of this size
 * with ExcelJS takes minutes and gigabytes; the CSV is written in seconds and takes the
 * server long enough to parse that a test can act while it runs.
 */
export function makeMixedCsv(rows: number, cols: number): Uint8Array {
  const quote = (value: unknown) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [Array.from({ length: cols }, (_, col) => quote(mixedColumnName(col))).join(',')];
  for (let row = 0; row < rows; row++) {
    lines.push(Array.from({ length: cols }, (_, col) => quote(expectedCell(row, col))).join(','));
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export async function chooseFile(page: Page, file: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(file);
}

/** How the dataset table shows a cell: blanks empty, booleans as Excel writes them. */
export function shownCell(value: ReturnType<typeof expectedCell>): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

declare global {
  interface Window {
    progressSeen?: Record<string, (number | null)[]>;
  }
}

/**
 * From now on, records each value every progress bar shows (null while indeterminate), keyed by
 * its accessible name. A task bar exists only while the task is queued or running.
 */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, (number | null)[]> = {};
    window.progressSeen = seen;
    const sample = () => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        const now = bar.getAttribute('aria-valuenow');
        const value = now === null ? null : Number(now);
        const values = (seen[bar.getAttribute('aria-label') ?? ''] ??= []);
        if (values.length === 0 || values.at(-1) !== value) values.push(value);
      }
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
}

export async function progressSeen(page: Page, name: string): Promise<(number | null)[]> {
  return page.evaluate((key) => window.progressSeen?.[key] ?? [], name);
}

/** The bar's current value; null when it is indeterminate or gone (the task finished). */
export async function progressValue(page: Page, name: string): Promise<number | null> {
  return page.evaluate((key) => {
    const bar = [...document.querySelectorAll('[role="progressbar"]')].find((element) => element.getAttribute('aria-label') === key);
    const value = bar?.getAttribute('aria-valuenow');
    return value == null ? null : Number(value);
  }, name);
}

/**
 * A small project (30 generated records) with criteria saved and one built-in screening run
 * finished, as the screening specs start from.
 */
export async function screenedProject(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const ris = await writeInput(testInfo, 'works.ris', new TextEncoder().encode(makeRisExport(30)));
  await page.goto('/#/reviews');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Literature export files').setInputFiles([ris]);
  await expect(page.getByRole('article', { name: 'works.ris' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Project counts' })).toContainText('records after removing duplicates', { timeout: 60_000 });

  await openStep(page, 'Screening');
  const screening = page.getByRole('region', { name: 'Screening', exact: true });
  await screening.getByLabel('Population').fill('Adults in hospital');
  await screening.getByLabel('Intervention').fill('Early mobilisation or exercise');
  await screening.getByLabel('Outcomes').fill('Delirium, mortality');
  await screening.getByRole('button', { name: 'Save criteria' }).click();
  await expect(screening.getByText('Current version: v1')).toBeVisible();
  await expect(screening.getByRole('button', { name: 'Start screening' })).toBeEnabled({ timeout: 60_000 });
  await screening.getByRole('button', { name: 'Start screening' }).click();
  await expect(screening.getByRole('article', { name: new RegExp(`^Screening · ${name}`) }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
}

export type StepLabel = 'Import' | 'Duplicates' | 'Screening' | 'PRISMA & exports' | 'People';

/** The link to a step of the open project, in its step bar (its name also carries counts). */
export function stepLink(page: Page, step: StepLabel) {
  const escaped = step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('navigation', { name: 'Project steps' }).getByRole('link', { name: new RegExp(`^(Step \\d: )?${escaped}(,|$)`) });
}

/** Opens a step of the project on screen, as a researcher would: by its link in the step bar. */
export async function openStep(page: Page, step: StepLabel): Promise<void> {
  const link = stepLink(page, step);
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Creates an account on the account page (the page must show the sign-up form). */
export async function signUp(page: Page, name: string, email: string): Promise<void> {
  const form = page.getByRole('region', { name: 'Create an account' });
  await form.getByLabel('Your name').fill(name);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill('a long enough password');
  await form.getByRole('button', { name: 'Create account' }).click();
}
