// The PRISMA 2020 flow diagram and the consistency check of its counts.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { checkPrismaCounts, type PrismaCounts, renderPrismaSvg } from '../src/index.ts';

const counts: PrismaCounts = {
  identified: [
    { source: 'PubMed (pubmed-sglt2.nbib)', count: 1234 },
    { source: 'Embase <export> & "Ovid"', count: 876 },
  ],
  duplicatesRemoved: 410,
  screened: 1700,
  excludedByAutomation: 1200,
  excludedByPerson: 150,
  excludedByStoppingRule: 0,
  stoppingClaim: null,
  exclusionReasons: [
    { reason: 'wrong study design', count: 700 },
    { reason: 'wrong population', count: 450 },
    { reason: 'language', count: 40 },
  ],
  awaitingDecision: 95,
  included: 255,
  relatedIncluded: 0,
};

/** Every piece of text in the SVG, decoded. */
function textsOf(svg: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: false, preserveOrder: true, processEntities: true, htmlEntities: false }).parse(svg) as unknown;
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text') texts.push(String(value));
        else if (key !== ':@') walk(value);
      }
    }
  };
  walk(parsed);
  return texts;
}

describe('renderPrismaSvg', () => {
  const svg = renderPrismaSvg(counts);

  it('is well-formed XML with explicit size, viewBox and a sans-serif font', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = /<svg [^>]*>/.exec(svg)?.[0] ?? '';
    expect(root).toMatch(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const width = Number(/ width="(\d+)"/.exec(root)?.[1]);
    const height = Number(/ height="(\d+)"/.exec(root)?.[1]);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root).toContain(`viewBox="0 0 ${width} ${height}"`);
    expect(root).toContain('font-family="sans-serif"');
  });

  it('shows every count in the diagram text, with the three phases', () => {
    const text = textsOf(svg).join('\n');
    for (const phase of ['Identification', 'Screening', 'Included']) expect(text).toContain(phase);
    expect(text).toContain('Records identified (n = 2,110)');
    expect(text).toContain('PubMed (pubmed-sglt2.nbib) (n = 1,234)');
    expect(text).toContain('Duplicate records removed (n = 410)');
    expect(text).toContain('Records screened (n = 1,700)');
    expect(text).toContain('Records excluded (n = 1,350)');
    expect(text).toContain('by automation tools (n = 1,200)');
    expect(text).toContain('by the researcher (n = 150)');
    expect(text).toContain('wrong study design (n = 700)');
    expect(text).toContain('Awaiting a decision (n = 95)');
    expect(text).toContain('Records included (n = 255)');
  });

  it('counts studies apart from reports once an erratum or conference abstract of an included record is included too', () => {
    expect(textsOf(svg).join('\n')).not.toContain('Studies included');
    const text = textsOf(renderPrismaSvg({ ...counts, relatedIncluded: 5 })).join('\n');
    expect(text).toContain('Studies included (n = 250)');
    expect(text).toContain('Reports of included studies (n = 255)');
    expect(checkPrismaCounts({ ...counts, relatedIncluded: 256 })).toEqual(['Related reports among the included (256) cannot outnumber the records included (255).']);
  });

  it('escapes markup in source names and reasons', () => {
    expect(svg).toContain('Embase &lt;export&gt; &amp; &quot;Ovid&quot;');
    expect(textsOf(svg).join('\n')).toContain('Embase <export> & "Ovid" (n = 876)');
  });

  it('stays well-formed with control characters and very long names', () => {
    const odd = renderPrismaSvg({ ...counts, identified: [{ source: `bad\u0001name ${'x'.repeat(200)}`, count: 2110 }] });
    expect(XMLValidator.validate(odd)).toBe(true);
  });
});

describe('checkPrismaCounts', () => {
  it('finds nothing wrong with consistent counts', () => {
    expect(checkPrismaCounts(counts)).toEqual([]);
  });

  it('names totals that do not add up', () => {
    const problems = checkPrismaCounts({ ...counts, duplicatesRemoved: 400, included: 250 });
    expect(problems).toEqual([
      'Records screened (1700) should equal records identified (2110) minus duplicates removed (400) = 1710.',
      'Records screened (1700) should equal excluded by automation (1200) + excluded by the researcher (150) + excluded by the stopping rule (0) + awaiting a decision (95) + included (250) = 1695.',
    ]);
  });

  it('names negative counts and reasons that exceed the exclusions', () => {
    const problems = checkPrismaCounts({ ...counts, awaitingDecision: -1, included: 351, exclusionReasons: [{ reason: 'wrong population', count: 2000 }] });
    expect(problems).toContain('The count awaitingDecision is -1; counts must be whole numbers of 0 or more.');
    expect(problems).toContain('The exclusion reasons add up to 2000, more than the 1350 records excluded.');
  });
});

describe('renderPrismaSvg with any stored text', () => {
  const hostile = fc
    .array(fc.oneof(fc.constantFrom('\uFFFE', '\uFFFF', '\uD800', '\uDC00', '\u0000', '\u0008', '<', '&', '"', ']]>', '😀', '血糖'), fc.char16bits(), fc.fullUnicode()), { maxLength: 80 })
    .map((parts) => parts.join(''));

  it('stays XML a strict parser reads (so the SVG and the PNG drawn from it load), whatever the file names and reasons hold', () => {
    fc.assert(
      fc.property(hostile, hostile, (source, reason) => {
        const svg = renderPrismaSvg({ ...counts, identified: [{ source, count: 1234 }, counts.identified[1]!], exclusionReasons: [{ reason, count: 700 }] });
        expect(svg.isWellFormed()).toBe(true);
        expect(() => new SaxesParser().write(svg).close()).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('draws a file name holding U+FFFE with the character left out', () => {
    const svg = renderPrismaSvg({ ...counts, identified: [{ source: 'pubmed\uFFFE.nbib', count: 1234 }, counts.identified[1]!] });
    expect(textsOf(svg).join('\n')).toContain('pubmed.nbib (n = 1,234)');
  });
});

describe('a stopping rule in the PRISMA flow', () => {
  const stopped: PrismaCounts = {
    ...counts,
    excludedByAutomation: 1000,
    excludedByStoppingRule: 200,
    stoppingClaim: 'recall ≥ 95 % at 95 % confidence (p = 0.031)',
    exclusionReasons: [...counts.exclusionReasons.slice(0, 2).map((reason) => ({ ...reason, count: reason.count - 100 })), { reason: 'stopping rule', count: 200 }],
  };

  it('counts the records excluded by the rule among the exclusions, so the totals still add up', () => {
    expect(checkPrismaCounts(stopped)).toEqual([]);
    expect(checkPrismaCounts({ ...stopped, excludedByStoppingRule: 150 })[0]).toMatch(/excluded by the stopping rule \(150\)/);
  });

  it('draws the rule with its count and its recall claim', () => {
    const text = textsOf(renderPrismaSvg(stopped)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Records excluded (n = 1,350)');
    expect(text).toContain('by a stopping rule, not read (n = 200)');
    expect(text).toContain('recall ≥ 95 % at 95 % confidence (p = 0.031)');
    expect(textsOf(renderPrismaSvg(counts)).join(' ')).not.toContain('stopping rule, not read');
  });
});

