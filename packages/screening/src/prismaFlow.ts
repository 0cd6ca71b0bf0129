// The PRISMA 2020 flow diagram (new systematic reviews, databases and registers only) as a
// standalone SVG: Identification → Screening → Included, with the counts a review has at the
// title-and-abstract stage. Hand-written: it is a handful of boxes and arrows.

export interface PrismaCounts {
  /** Records per imported file or database. */
  identified: { source: string; count: number }[];
  duplicatesRemoved: number;
  screened: number;
  /** Machine exclusions not overridden by a person. */
  excludedByAutomation: number;
  /** The researcher's own exclusions. */
  excludedByPerson: number;
  /** Records nobody read, excluded once a stopping rule showed the recall target was met. */
  excludedByStoppingRule: number;
  /** The recall claim of that rule, e.g. "recall ≥ 95 % at 95 % confidence (p = 0.031)"; null when no rule was applied. */
  stoppingClaim: string | null;
  exclusionReasons: { reason: string; count: number }[];
  /** Uncertain or conflict without a researcher's decision. */
  awaitingDecision: number;
  included: number;
  /**
   * Included records that are a related report of another included record (an erratum, comment,
   * retraction notice or conference abstract of it): reports of one study, so PRISMA 2020's
   * "studies included" is included minus these.
   */
  relatedIncluded: number;
}

/** What does not add up, one sentence each; [] when the counts are consistent. */
export function checkPrismaCounts(counts: PrismaCounts): string[] {
  const problems: string[] = [];
  const named: [string, number][] = [
    ['duplicatesRemoved', counts.duplicatesRemoved],
    ['screened', counts.screened],
    ['excludedByAutomation', counts.excludedByAutomation],
    ['excludedByPerson', counts.excludedByPerson],
    ['excludedByStoppingRule', counts.excludedByStoppingRule],
    ['awaitingDecision', counts.awaitingDecision],
    ['included', counts.included],
    ['relatedIncluded', counts.relatedIncluded],
    ...counts.identified.map(({ source, count }): [string, number] => [`identified from "${source}"`, count]),
    ...counts.exclusionReasons.map(({ reason, count }): [string, number] => [`excluded for "${reason}"`, count]),
  ];
  for (const [name, value] of named) if (!Number.isInteger(value) || value < 0) problems.push(`The count ${name} is ${value}; counts must be whole numbers of 0 or more.`);
  const identified = sum(counts.identified.map((item) => item.count));
  if (identified - counts.duplicatesRemoved !== counts.screened) {
    problems.push(`Records screened (${counts.screened}) should equal records identified (${identified}) minus duplicates removed (${counts.duplicatesRemoved}) = ${identified - counts.duplicatesRemoved}.`);
  }
  const excluded = excludedTotal(counts);
  const decided = excluded + counts.awaitingDecision + counts.included;
  if (decided !== counts.screened) {
    problems.push(
      `Records screened (${counts.screened}) should equal excluded by automation (${counts.excludedByAutomation}) + excluded by the researcher (${counts.excludedByPerson}) + excluded by the stopping rule (${counts.excludedByStoppingRule}) + awaiting a decision (${counts.awaitingDecision}) + included (${counts.included}) = ${decided}.`,
    );
  }
  if (counts.relatedIncluded > counts.included) problems.push(`Related reports among the included (${counts.relatedIncluded}) cannot outnumber the records included (${counts.included}).`);
  const reasons = sum(counts.exclusionReasons.map((item) => item.count));
  if (reasons > excluded) problems.push(`The exclusion reasons add up to ${reasons}, more than the ${excluded} records excluded.`);
  return problems;
}

const WIDTH = 860;
const PHASE_WIDTH = 36;
const GAP = 40;
const BOX_WIDTH = 330;
const LEFT_X = PHASE_WIDTH + 24;
const RIGHT_X = LEFT_X + BOX_WIDTH + GAP + 40;
const LINE_HEIGHT = 18;
const PADDING = 12;
const FONT_SIZE = 13;
/** Tall enough for the longest phase name written upwards. */
const PHASE_LABEL_HEIGHT = 110;
/** Characters per line in a box at 13 px (about 6.6 px a character, sans-serif). */
const CHARS_PER_LINE = Math.floor((BOX_WIDTH - 2 * PADDING) / 6.6);

interface Box {
  x: number;
  y: number;
  height: number;
  lines: string[];
}

/** PRISMA 2020's studies and reports, once related reports (an erratum, a conference abstract) are among the included. */
function studyLines(counts: PrismaCounts): string[] {
  if (counts.relatedIncluded === 0) return [];
  return [
    `  Studies included (n = ${formatCount(counts.included - counts.relatedIncluded)})`,
    `  Reports of included studies (n = ${formatCount(counts.included)}), ${formatCount(counts.relatedIncluded)} of them an erratum, comment or conference abstract of another included report`,
  ];
}

function excludedTotal(counts: PrismaCounts): number {
  return counts.excludedByAutomation + counts.excludedByPerson + counts.excludedByStoppingRule;
}

export function renderPrismaSvg(counts: PrismaCounts): string {
  const identified = sum(counts.identified.map((item) => item.count));
  const excluded = excludedTotal(counts);
  const top = 20;

  const identifiedLines = [
    `Records identified (n = ${formatCount(identified)}):`,
    ...counts.identified.map(({ source, count }) => `  ${source} (n = ${formatCount(count)})`),
  ];
  const removedLines = ['Records removed before screening:', `  Duplicate records removed (n = ${formatCount(counts.duplicatesRemoved)})`];
  const identification = sideBySide(top, identifiedLines, removedLines);

  const screeningTop = identification.bottom + GAP;
  const excludedLines = [
    `Records excluded (n = ${formatCount(excluded)}):`,
    `  by automation tools (n = ${formatCount(counts.excludedByAutomation)})`,
    `  by the researcher (n = ${formatCount(counts.excludedByPerson)})`,
    ...(counts.stoppingClaim !== null
      ? [`  by a stopping rule, not read (n = ${formatCount(counts.excludedByStoppingRule)}): ${counts.stoppingClaim}`]
      : []),
    ...(counts.exclusionReasons.length > 0 ? ['Reasons:', ...counts.exclusionReasons.map(({ reason, count }) => `  ${reason} (n = ${formatCount(count)})`)] : []),
  ];
  const screening = sideBySide(screeningTop, [`Records screened (n = ${formatCount(counts.screened)})`], excludedLines);
  const awaiting = box(RIGHT_X, screening.bottom + GAP / 2, [`Awaiting a decision (n = ${formatCount(counts.awaitingDecision)}):`, '  uncertain or conflicting, not yet decided by the researcher']);

  const includedTop = Math.max(screening.bottom, awaiting.y + awaiting.height) + GAP;
  const included = box(LEFT_X, includedTop, [`Records included (n = ${formatCount(counts.included)})`, ...studyLines(counts)]);
  const height = includedTop + Math.max(included.height, PHASE_LABEL_HEIGHT) + 20;

  const parts: string[] = [];
  parts.push(phase('Identification', top, identification.bottom));
  parts.push(phase('Screening', screeningTop, includedTop - GAP / 2));
  parts.push(phase('Included', includedTop, included.y + included.height));
  for (const item of [identification.left, identification.right, screening.left, screening.right, awaiting, included]) parts.push(drawBox(item));
  const centre = LEFT_X + BOX_WIDTH / 2;
  parts.push(arrow(centre, identification.left.y + identification.left.height, centre, screening.left.y));
  parts.push(arrow(centre, screening.left.y + screening.left.height, centre, included.y));
  parts.push(arrow(LEFT_X + BOX_WIDTH, identification.left.y + LINE_HEIGHT, RIGHT_X, identification.right.y + LINE_HEIGHT));
  parts.push(arrow(LEFT_X + BOX_WIDTH, screening.left.y + screening.left.height / 2, RIGHT_X, screening.left.y + screening.left.height / 2));
  // Records awaiting a decision branch off the way from screening to inclusion.
  parts.push(arrow(centre, awaiting.y + awaiting.height / 2, RIGHT_X, awaiting.y + awaiting.height / 2));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="${FONT_SIZE}">`,
    '<title>PRISMA 2020 flow diagram</title>',
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function sideBySide(y: number, leftLines: string[], rightLines: string[]): { left: Box; right: Box; bottom: number } {
  const left = box(LEFT_X, y, leftLines);
  const right = box(RIGHT_X, y, rightLines);
  return { left, right, bottom: Math.max(left.y + left.height, right.y + right.height) };
}

function box(x: number, y: number, lines: string[]): Box {
  const wrapped = lines.flatMap((line) => wrap(line, CHARS_PER_LINE));
  return { x, y, height: wrapped.length * LINE_HEIGHT + 2 * PADDING, lines: wrapped };
}

/** Breaks a line at spaces to fit a box, never inside "(n = 1,234)"; continuation lines keep the line's indent. */
function wrap(line: string, width: number): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const words = line.trim().match(/\(n = [^)]*\)\S*|\S+/g) ?? [''];
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    // Cut by characters, not UTF-16 units: half an emoji or CJK extension character is no text.
    const chars = Array.from(word);
    const piece = chars.length > width - indent.length ? `${chars.slice(0, width - indent.length - 1).join('')}…` : word;
    if (current.trim() !== '' && current.length + 1 + piece.length > width) {
      lines.push(current);
      current = `${indent}  ${piece}`;
    } else {
      current = current.trim() === '' ? `${indent}${piece}` : `${current} ${piece}`;
    }
  }
  lines.push(current);
  return lines;
}

function drawBox({ x, y, height, lines }: Box): string {
  const text = lines
    .map((line, index) => {
      const indent = (/^\s*/.exec(line)?.[0].length ?? 0) * 4;
      return `<text x="${x + PADDING + indent}" y="${y + PADDING + (index + 1) * LINE_HEIGHT - 5}" fill="#111">${escapeXml(line.trim())}</text>`;
    })
    .join('');
  return `<g><rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${height}" fill="#fff" stroke="#333" stroke-width="1.2" rx="3"/>${text}</g>`;
}

function phase(label: string, top: number, bottom: number): string {
  const height = Math.max(bottom - top, PHASE_LABEL_HEIGHT);
  const cx = 8 + PHASE_WIDTH / 2;
  const cy = top + height / 2;
  return (
    `<g><rect x="8" y="${top}" width="${PHASE_WIDTH}" height="${height}" fill="#cfe3f5" stroke="#5b8db8" rx="4"/>` +
    `<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" text-anchor="middle" dominant-baseline="middle" font-weight="bold" fill="#173f5f">${escapeXml(label)}</text></g>`
  );
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="1.2" marker-end="url(#arrow)"/>`;
}

/**
 * Escapes markup characters and drops what XML 1.0 cannot hold (control characters, U+FFFE and
 * U+FFFF; a lone surrogate becomes U+FFFD): one such character in a file name would make the
 * whole SVG unreadable, and with it the PNG drawn from it.
 */
function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] as string);
}

function formatCount(count: number): string {
  return count.toLocaleString('en');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
