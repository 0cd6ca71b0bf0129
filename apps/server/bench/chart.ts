// The headline ratios as an SVG of horizontal bars on a log scale centred on 1x (same as the
// baseline): bars to the right mean Sift is ahead of the baseline measured in the same run, bars
// to the left that it is behind (an overhead, or a slower path). No charting library: it is a
// handful of rectangles and labels.
import { advantage, type ReportRow } from './figures.ts';

const WIDTH = 960;
const LABEL_WIDTH = 420;
const ROW_HEIGHT = 40;
const TOP = 62;
const BOTTOM = 40;

export function ratioChart(rows: ReportRow[], title: string): string {
  const bars = rows.flatMap((row) => {
    const value = advantage(row);
    return row.headline && row.baseline && value !== undefined && Number.isFinite(value) && value > 0
      ? [{ label: row.headline, baseline: `vs ${row.baseline.name}`, value, text: row.comparison! }]
      : [];
  });
  // Whole decades either side of 1x, enough for the longest bar, at most 1/1000x to 1000x (longer bars are clipped and say so).
  const decades = Math.min(3, Math.max(1, ...bars.map((bar) => Math.ceil(Math.abs(Math.log10(bar.value))))));
  const plotLeft = LABEL_WIDTH + 20;
  const plotWidth = WIDTH - plotLeft - 20;
  const centre = plotLeft + plotWidth / 2;
  const x = (value: number) => centre + (Math.max(-decades, Math.min(decades, Math.log10(value))) / decades) * (plotWidth / 2);
  const height = TOP + bars.length * ROW_HEIGHT + BOTTOM;
  const ticks = Array.from({ length: 2 * decades + 1 }, (_, i) => 10 ** (i - decades));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600">${escape(title)}</text>`,
    `<text x="12" y="42" fill="#555">Times better than the baseline measured in the same run, log scale. Right of 1x (green): Sift ahead; left (orange): behind.</text>`,
    ...ticks.map((tick) => {
      const tickX = x(tick).toFixed(1);
      return `<line x1="${tickX}" y1="${TOP - 6}" x2="${tickX}" y2="${height - BOTTOM + 4}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>` +
        `<text x="${tickX}" y="${height - BOTTOM + 20}" text-anchor="middle" fill="#555">${tick >= 1 ? tick.toLocaleString('en') : `1/${(1 / tick).toLocaleString('en')}`}x</text>`;
    }),
    ...bars.map((bar, i) => {
      const y = TOP + i * ROW_HEIGHT;
      const end = x(bar.value);
      const ahead = bar.value >= 1;
      const [left, right] = ahead ? [centre, end] : [end, centre];
      const clipped = Math.abs(Math.log10(bar.value)) > decades ? ' (bar clipped)' : '';
      // The figure in words sits on the other side of 1x, clear of the bar and of the labels.
      const textX = ahead ? centre - 6 : centre + 6;
      return [
        `<text x="${LABEL_WIDTH}" y="${y + 17}" text-anchor="end">${escape(bar.label)}</text>`,
        `<text x="${LABEL_WIDTH}" y="${y + 32}" text-anchor="end" font-size="11" fill="#666">${escape(bar.baseline)}</text>`,
        `<rect x="${left.toFixed(1)}" y="${y + 8}" width="${Math.max(1, right - left).toFixed(1)}" height="${ROW_HEIGHT - 16}" fill="${ahead ? '#2f855a' : '#c05621'}"/>`,
        `<text x="${textX.toFixed(1)}" y="${y + 25}" text-anchor="${ahead ? 'end' : 'start'}" fill="#222">${escape(bar.text + clipped)}</text>`,
      ].join('');
    }),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
