import { describe, expect, it } from 'vitest';
import { LiteratureFormatError, parseLiterature } from '../src/index.ts';
import { fields, fixture, lineOf, parseFixture } from './helpers.ts';

describe('EndNote XML', () => {
  it('Desktop: joins <style> runs in order, decodes &amp; and &#xD;, takes PMID from an NLM accession number', () => {
    const { format, records, report } = parseFixture('endnote-desktop.xml');
    expect(format).toBe('endnote-xml');
    expect(report).toEqual({ recordsRead: 2, withoutAbstract: 1, withoutDoi: 0, withoutYear: 0, skipped: [] });
    expect(fields(records[0])).toEqual({
      title: 'Effect of early mobilisation on delirium in critically ill adults & a randomised controlled trial',
      abstract: 'BACKGROUND: Delirium is common. METHODS: We randomly assigned 200 adults.',
      authors: ['Müller, H. P.', 'García-López, J.'],
      year: 2019,
      journal: 'PLoS One',
      volume: '14',
      issue: '8',
      pages: 'e0221183',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['Adult', 'Delirium/prevention & control'],
      language: 'eng',
      publicationType: 'Journal Article',
    });
    expect(records[0]?.raw).toMatch(/^<record><database name="Review.enl".*<\/record>$/);
  });

  it('Desktop: Chinese title, authors and journal; DOI from a related URL', () => {
    const { records } = parseFixture('endnote-desktop.xml');
    expect(fields(records[1])).toMatchObject({
      title: '帕金森病患者α-突触核蛋白水平分析',
      authors: ['张三', '李四'],
      journal: '中华医学杂志',
      doi: '10.3760/cma.j.issn.0376-2491.2020.03.008',
      publicationType: '期刊论文',
    });
  });

  it('Web: bare text values, "doi:" prefix and upper case removed, PMID from notes; a malformed record is reported with its line', () => {
    const text = fixture('endnote-web.xml');
    const { records, report } = parseLiterature(text, 'endnote-web.xml');
    expect(fields(records[0])).toMatchObject({ title: 'Sleep quality in night-shift nurses: a cross-sectional survey', doi: '10.1000/jn.2021.005', pmid: '33000003', pages: '12-19' });
    expect(fields(records[1])).toMatchObject({ title: 'Guidelines on physical activity', authors: ['World Health Organization'], publicationType: 'Book' });
    expect(report.skipped).toEqual([
      { line: lineOf(text, '<title>Broken record') - 3, reason: `Malformed XML at line ${lineOf(text, '<title>Broken record')}: Expected closing tag 'b' instead of closing tag 'title'.` },
    ]);
  });

  it('a file cut inside a record keeps the complete records and reports the cut one', () => {
    const text = fixture('endnote-desktop.xml');
    const cut = text.slice(0, text.indexOf('<pages><style face="normal" font="default" size="100%">201-205'));
    const { records, report } = parseLiterature(cut, 'cut.xml');
    expect(records.map((record) => record.pmid)).toEqual(['31452104']);
    expect(report.skipped).toEqual([{ line: 1, reason: 'This record has no closing </record>: it looks truncated, so it was not imported' }]);
  });

  it('refuses a file with a <!DOCTYPE>, so declared entities ("billion laughs") never reach the XML parser', () => {
    const dtd = '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const text = fixture('endnote-desktop.xml').replace('<xml>', `${dtd}<xml>`);
    expect(() => parseLiterature(text, 'laughs.xml')).toThrow(LiteratureFormatError);
    expect(() => parseLiterature(text, 'laughs.xml')).toThrow(/contains a <!DOCTYPE> declaration, which EndNote never writes/);
  });

  it('reports a record nested deeper than the parser allows, and imports the others', () => {
    const deep = `<record><titles><title>${'<style>'.repeat(50_000)}deep${'</style>'.repeat(50_000)}</title></titles></record>`;
    const text = fixture('endnote-desktop.xml').replace('<records>', `<records>\n${deep}\n`);
    const { records, report } = parseLiterature(text, 'deep.xml');
    expect(records).toHaveLength(2);
    expect(report.skipped).toEqual([{ line: 2, reason: 'Unreadable XML at line 2: Maximum nested tags exceeded' }]);
  });
});
