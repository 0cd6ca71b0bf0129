// A workbook with several sheets: every sheet is listed (the hidden one marked), another sheet is
// read as a new task, and its profile, paged and sorted preview, cell notes and CSV download
// show the values written into the generated file.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator } from '@playwright/test';
import ExcelJS from 'exceljs';
import { buildXlsx, sheetXml } from '@sift/excel/fixtures';
import { chooseFile, writeInput } from './support.ts';

const LAB_ROWS = 120;
const LAB_COLUMNS = ['ID', 'Glucose', 'Comment', 'Fasting'];
const FORMULA_LIKE_ID = 7;
const CHINESE_ID = 9;
const ERROR_ID = 50;

/** Glucose of the lab row with this ID (1-based): integers 60-160, with repeats. */
const glucose = (id: number) => 60 + ((id * 37) % 101);
const comment = (id: number) => (id === FORMULA_LIKE_ID ? '=SUM(A1)' : id === CHINESE_ID ? '血压 正常' : `note ${id}`);
const fasting = (id: number) => id % 3 === 0;
const labIds = Array.from({ length: LAB_ROWS }, (_, index) => index + 1);

async function makeWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const visits = workbook.addWorksheet('Visits');
  visits.addRows([
    ['Patient', 'Visit'],
    ['A-1', 'baseline'],
    ['A-2', 'week 4'],
    ['A-3', 'week 8'],
  ]);
  const lookup = workbook.addWorksheet('Lookup', { state: 'hidden' });
  lookup.addRows([
    ['Code', 'Label'],
    ['G', 'Glucose'],
  ]);
  const labs = workbook.addWorksheet('Labs');
  labs.addRow(LAB_COLUMNS);
  for (const id of labIds) {
    // A text cell that looks like a formula stays text; #N/A is an Excel error, read as missing.
    const text: ExcelJS.CellValue = id === ERROR_ID ? { error: '#N/A' } : comment(id);
    labs.addRow([id, glucose(id), text, fasting(id)]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The value shown for a statistic (Min, Max, ...) of one column in the profile. */
function stat(column: Locator, term: string): Locator {
  return column.locator('.stat').filter({ has: column.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
}

test('another sheet of a workbook is read as a new task, profiled, paged, sorted and downloaded', async ({ page }, testInfo) => {
  const file = await writeInput(testInfo, 'sheets.xlsx', await makeWorkbook());
  await page.goto('/');
  await chooseFile(page, file);

  // The first visible sheet is read by default; the picker lists all three in workbook order.
  const firstCard = page.getByRole('article', { name: 'sheets.xlsx', exact: true });
  await expect(firstCard.getByText('3 rows × 2 columns')).toBeVisible({ timeout: 60_000 });
  await expect(firstCard.getByRole('heading', { name: 'Sheet “Visits”' })).toBeVisible();
  const picker = firstCard.getByLabel('Sheet', { exact: true });
  await expect(picker.locator('option')).toHaveText(['Visits', 'Lookup (hidden)', 'Labs']);
  await expect(picker).toHaveValue('Visits');
  await expect(firstCard.getByRole('button', { name: 'Read this sheet' })).toBeDisabled();

  await picker.selectOption('Labs');
  await firstCard.getByRole('button', { name: 'Read this sheet' }).click();
  await expect(firstCard.getByRole('status').filter({ hasText: 'Reading sheet “Labs” as a new task' })).toBeVisible();

  const card = page.getByRole('article', { name: 'sheets.xlsx · Labs' });
  await expect(card.getByText(`${LAB_ROWS} rows × ${LAB_COLUMNS.length} columns`)).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole('heading', { name: 'Sheet “Labs”' })).toBeVisible();
  await expect(firstCard.getByText('3 rows × 2 columns')).toBeVisible();

  // The profile, on the file's own page: types, and the range of the numeric column.
  const views = card.getByRole('navigation', { name: 'Views of sheet Labs' });
  await views.getByRole('link', { name: 'Profile' }).click();
  await expect(page).toHaveURL(/#\/files\/[0-9a-f-]{36}\/profile$/);
  await expect(views.getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
  await expect(firstCard).toHaveCount(0);
  const profile = card.getByRole('region', { name: 'Column profile' });
  const glucoseProfile = profile.getByRole('listitem', { name: 'Glucose' });
  await expect(glucoseProfile.locator('.type-tag')).toHaveText('integer');
  await expect(stat(glucoseProfile, 'Min')).toHaveText(String(Math.min(...labIds.map(glucose))));
  await expect(stat(glucoseProfile, 'Max')).toHaveText(String(Math.max(...labIds.map(glucose))));
  await expect(stat(glucoseProfile, 'Missing')).toHaveText('0');
  const commentProfile = profile.getByRole('listitem', { name: 'Comment' });
  await expect(commentProfile.locator('.type-tag')).toHaveText('text');
  await expect(stat(commentProfile, 'Missing')).toHaveText(/^1 /);
  await expect(profile.getByRole('listitem', { name: 'Fasting' }).locator('.type-tag')).toHaveText('boolean');
  // Distinct counts are exact: every ID is different, and the profile says so.
  await expect(stat(profile.getByRole('listitem', { name: 'ID' }), 'Distinct')).toHaveText(`${LAB_ROWS} · all values unique`);

  // The #N/A cell is counted and listed with the preview.
  await views.getByRole('link', { name: 'Preview' }).click();
  await expect(profile).toHaveCount(0);
  await expect(card.getByText('1 cell was read as missing')).toBeVisible();
  await card.getByText('1 cell was read as missing').click();
  await expect(card.getByText(`Row ${ERROR_ID}, column Comment: Excel error #N/A, read as missing`)).toBeVisible();

  // Page size, then the next page.
  const table = card.getByRole('grid');
  const cell = (row: number, col: number) => table.locator('tbody tr').nth(row).locator('td').nth(col);
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await card.getByLabel('Rows per page').selectOption('25');
  await expect(card.getByText(`Rows 1–25 of ${LAB_ROWS}`)).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(25);
  await card.getByRole('button', { name: 'Next page' }).click();
  await expect(card.getByText(`Rows 26–50 of ${LAB_ROWS}`)).toBeVisible();
  await expect(cell(0, 0)).toHaveText('26');
  await expect(cell(0, 1)).toHaveText(String(glucose(26)));

  // Sorting by Glucose: ascending, then descending (back to the first page); ties keep file order.
  const glucoseHeader = table.getByRole('columnheader', { name: 'Glucose' });
  await glucoseHeader.getByRole('button').click();
  await expect(glucoseHeader).toHaveAttribute('aria-sort', 'ascending');
  await glucoseHeader.getByRole('button').click();
  await expect(glucoseHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(card.getByText(`Rows 1–25 of ${LAB_ROWS}`)).toBeVisible();
  const byGlucoseDesc = [...labIds].sort((a, b) => glucose(b) - glucose(a) || a - b);
  await expect(cell(0, 0)).toHaveText(String(byGlucoseDesc[0]));
  await expect(cell(0, 1)).toHaveText(String(glucose(byGlucoseDesc[0]!)));
  await expect(cell(1, 0)).toHaveText(String(byGlucoseDesc[1]));
  // Next keeps the sort.
  await card.getByRole('button', { name: 'Next page' }).click();
  await expect(card.getByText(`Rows 26–50 of ${LAB_ROWS}`)).toBeVisible();
  await expect(cell(0, 0)).toHaveText(String(byGlucoseDesc[25]));
  // A third click goes back to file order.
  await glucoseHeader.getByRole('button').click();
  await expect(glucoseHeader).not.toHaveAttribute('aria-sort');
  await expect(cell(0, 0)).toHaveText('1');

  // The missing Comment (the #N/A cell) sorts last in both directions.
  await card.getByLabel('Rows per page').selectOption('200');
  await expect(table.locator('tbody tr')).toHaveCount(LAB_ROWS);
  const commentButton = table.getByRole('columnheader', { name: 'Comment' }).getByRole('button');
  const lastRow = table.locator('tbody tr').last();
  await commentButton.click();
  await expect(lastRow.locator('td').nth(0)).toHaveText(String(ERROR_ID));
  await commentButton.click();
  await expect(table.getByRole('columnheader', { name: 'Comment' })).toHaveAttribute('aria-sort', 'descending');
  await expect(lastRow.locator('td').nth(0)).toHaveText(String(ERROR_ID));
  await expect(lastRow.locator('td').nth(2)).toHaveText('');

  // The CSV download: a BOM, the header, the formula-like text neutralised, Chinese intact.
  await views.getByRole('link', { name: 'Export' }).click();
  await expect(page).toHaveURL(/\/export$/);
  const downloading = page.waitForEvent('download');
  await card.getByRole('link', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Labs.csv');
  const csv = await readFile(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  expect(lines.at(-1)).toBe('');
  lines.pop();
  expect(lines).toHaveLength(LAB_ROWS + 1);
  expect(lines[0]).toBe(LAB_COLUMNS.join(','));
  expect(lines[FORMULA_LIKE_ID]).toBe(`${FORMULA_LIKE_ID},${glucose(FORMULA_LIKE_ID)},'=SUM(A1),${fasting(FORMULA_LIKE_ID) ? 'TRUE' : 'FALSE'}`);
  expect(lines[CHINESE_ID]).toBe(`${CHINESE_ID},${glucose(CHINESE_ID)},血压 正常,${fasting(CHINESE_ID) ? 'TRUE' : 'FALSE'}`);
  expect(lines[ERROR_ID]).toBe(`${ERROR_ID},${glucose(ERROR_ID)},,${fasting(ERROR_ID) ? 'TRUE' : 'FALSE'}`);
  expect(lines[LAB_ROWS]).toBe(`${LAB_ROWS},${glucose(LAB_ROWS)},${comment(LAB_ROWS)},${fasting(LAB_ROWS) ? 'TRUE' : 'FALSE'}`);

  // The XLSX download: the same rows, text kept as text.
  const downloadingXlsx = page.waitForEvent('download');
  await card.getByRole('link', { name: 'Download XLSX' }).click();
  const xlsx = await downloadingXlsx;
  expect(xlsx.suggestedFilename()).toBe('Labs.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await xlsx.path())).buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.actualRowCount).toBe(LAB_ROWS + 1);
  expect(sheet.getRow(1).values).toEqual([undefined, ...LAB_COLUMNS]);
  expect(sheet.getCell(FORMULA_LIKE_ID + 1, 3).value).toBe('=SUM(A1)');
  expect(sheet.getCell(CHINESE_ID + 1, 3).value).toBe('血压 正常');
  expect(sheet.getCell(LAB_ROWS + 1, 2).value).toBe(glucose(LAB_ROWS));
});

test('a first sheet that cannot be read still offers the other sheets', async ({ page }, testInfo) => {
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const workbook = buildXlsx({
    sheets: [
      // A DOCTYPE (entity declarations) is refused as built to attack XML readers.
      { name: 'Broken', xml: sheetXml(`<row r="1">${inline('A1', '&x;')}</row>`).replace('?>', '?><!DOCTYPE x [<!ENTITY x "boom">]>') },
      { name: 'Results', xml: sheetXml(`<row r="1">${inline('A1', 'Patient')}${inline('B1', 'Score')}</row><row r="2">${inline('A2', 'A-1')}<c r="B2"><v>7</v></c></row>`) },
    ],
  });
  const file = await writeInput(testInfo, 'broken-first.xlsx', workbook);
  await page.goto('/');
  await chooseFile(page, file);

  const failed = page.getByRole('article', { name: 'broken-first.xlsx', exact: true });
  await expect(failed.getByRole('alert')).toContainText('DOCTYPE', { timeout: 60_000 });
  await expect(failed.getByText('Sheet “Broken” could not be read, but other sheets')).toBeVisible();
  const picker = failed.getByLabel('Sheet', { exact: true });
  await expect(picker.locator('option')).toHaveText(['Broken', 'Results']);
  await picker.selectOption('Results');
  await failed.getByRole('button', { name: 'Read this sheet' }).click();

  const card = page.getByRole('article', { name: 'broken-first.xlsx · Results' });
  await expect(card.getByText('1 row × 2 columns')).toBeVisible({ timeout: 60_000 });
});
