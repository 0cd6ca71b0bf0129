// Full texts after screening: two PDFs dropped at once, one printing the DOI of a record of the
// project (matched to it), one a scan (kept, marked as having no text layer); the match report
// says what is left to match by hand.
import { expect, test } from '@playwright/test';
import { writePdf } from '@sift/fulltext/testing';
import { makeRisExport } from '@sift/literature/fixtures';
import { screenedProject, writeInput } from './support.ts';

/** A record of the export screenedProject imports: its DOI and title (one Helvetica can draw). */
function aRecordOfTheProject(): { doi: string; title: string } {
  for (const block of makeRisExport(30).split('ER  - ')) {
    const doi = /^DO {2}- (?:http:\/\/dx\.doi\.org\/)?(\S+)/m.exec(block)?.[1];
    const title = /^(?:TI|T1) {2}- (.+)$/m.exec(block)?.[1]?.trim();
    if (doi && title && /^[\x20-\x7e]+$/.test(title)) return { doi, title };
  }
  throw new Error('the export should hold a record with a DOI and a plain title');
}

test('PDFs attached after screening are read, matched to their records, and a scan is marked', async ({ page }, testInfo) => {
  await screenedProject(page, testInfo, 'Full texts');
  const { doi, title } = aRecordOfTheProject();
  const paper = await writeInput(testInfo, 'paper.pdf', await writePdf([[`Journal of Tests 2020. doi: ${doi}`, title.slice(0, 90)], ['Methods.']]));
  const scan = await writeInput(testInfo, 'scan.pdf', await writePdf([[]]));

  const panel = page.getByRole('region', { name: 'Full texts', exact: true });
  await panel.getByLabel('Full-text PDF files').setInputFiles([paper, scan]);
  const table = panel.getByRole('table', { name: 'Full texts' });
  await expect(table.getByRole('row', { name: /paper\.pdf/ })).toContainText(`matched: ${title}`, { timeout: 60_000 });
  await expect(table.getByRole('row', { name: /paper\.pdf/ })).toContainText(`DOI ${doi.toLowerCase()} on its first pages`);
  await expect(table.getByRole('row', { name: /scan\.pdf/ })).toContainText('no text layer (a scan)', { timeout: 60_000 });
  await expect(panel.getByRole('status').filter({ hasText: 'full texts' })).toHaveText('2 full texts, 1 to match by hand');
});
