// Narrow screens: at 400 px wide no main page is wider than the window (tables scroll inside
// themselves, the PRISMA diagram pans inside its frame). The pages that came out pixel-identical
// in two runs on the development machine are also visual baselines (toHaveScreenshot, 1%
// tolerance, in narrow.spec.ts-snapshots/); the screening and duplicates steps (live ranking and
// de-duplication) and the first visit were not, so they are only checked for width. With
// SIFT_E2E_SCREENSHOTS=<folder> every page is saved there at 1280 and 400 px (docs/screenshots).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chooseFile, openStep, screenedProject, writeInput, type StepLabel } from './support.ts';

const NARROW = { width: 400, height: 800 };
const WIDE = { width: 1280, height: 800 };
const shots = process.env.SIFT_E2E_SCREENSHOTS;

/** The page fits the window's width, at both sizes; saved as pictures when asked. */
async function checkPage(page: Page, name: string, baseline = true): Promise<void> {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${name} at ${size.width} px: the page is no wider than the window`).toBeLessThanOrEqual(innerWidth);
    if (baseline) await expect(page).toHaveScreenshot(`${name}-${size.width}.png`, { fullPage: true, maxDiffPixelRatio: 0.01 });
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${name}-${size.width}.png`), fullPage: true });
    }
  }
}

test('at 400 px nothing widens the page: spreadsheets, a project’s steps, help, account, trash', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await checkPage(page, 'welcome', false);
  await page.getByRole('button', { name: 'Got it' }).click();

  const columns = Array.from({ length: 40 }, (_, index) => `Measurement ${index + 1}`);
  const wide = [columns.join(','), ...Array.from({ length: 30 }, (_, row) => columns.map((_, col) => `value ${row}-${col}`).join(','))].join('\n');
  await chooseFile(page, await writeInput(testInfo, 'wide-measurements.csv', new TextEncoder().encode(wide)));
  const card = page.getByRole('article', { name: 'wide-measurements.csv' });
  await expect(card.getByRole('grid').locator('tbody tr')).toHaveCount(30, { timeout: 60_000 });
  await checkPage(page, 'spreadsheets');
  for (const view of ['Profile', 'Export', 'Preview']) {
    await card.getByRole('navigation', { name: /^Views of sheet/ }).getByRole('link', { name: view }).click();
    await expect(page).toHaveURL(new RegExp(`/${view.toLowerCase()}$`));
    await checkPage(page, `file-${view.toLowerCase()}`);
  }

  await page.setViewportSize(WIDE);
  await screenedProject(page, testInfo, 'Narrow screens');
  const steps: [StepLabel, string][] = [
    ['Import', 'project-import'],
    ['Duplicates', 'project-duplicates'],
    ['Screening', 'project-screening'],
    ['PRISMA & exports', 'project-prisma'],
    ['People', 'project-people'],
  ];
  for (const [step, name] of steps) {
    await page.setViewportSize(WIDE);
    await openStep(page, step);
    if (step === 'PRISMA & exports') await expect(page.getByRole('figure', { name: 'PRISMA 2020 flow diagram' })).toBeVisible();
    await checkPage(page, name, step !== 'Screening' && step !== 'Duplicates');
  }
  // The diagram keeps a readable size at 400 px and pans inside its frame.
  await openStep(page, 'PRISMA & exports');
  const figure = page.getByRole('figure', { name: 'PRISMA 2020 flow diagram' });
  const frame = await figure.evaluate((element) => ({ client: element.clientWidth, scroll: element.scrollWidth, svg: element.querySelector('svg')!.getBoundingClientRect().width }));
  expect(frame.svg, 'the diagram is not shrunk to the narrow window').toBeGreaterThanOrEqual(600);
  expect(frame.scroll).toBeGreaterThan(frame.client);

  for (const [hash, name] of [
    ['#/reviews', 'reviews'],
    ['#/help', 'help'],
    ['#/account', 'account'],
    ['#/trash', 'trash'],
  ] as const) {
    await page.setViewportSize(WIDE);
    await page.goto(`/${hash}`);
    await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toBeVisible();
    await checkPage(page, name);
  }
});
