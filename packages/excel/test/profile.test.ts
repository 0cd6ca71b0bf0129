import { describe, expect, it } from 'vitest';
import { HashCount, SlotBudget } from '../src/profile/hashCount.ts';
import { createColumnProfiler, type CellValue, type ColumnProfile } from '../src/index.ts';

function profile(columns: string[], rows: CellValue[][]): ColumnProfile[] {
  const profiler = createColumnProfiler(columns);
  profiler.add(rows);
  return profiler.result();
}

const column = (values: CellValue[]) => values.map((value) => [value]);
const NO_STATS = { min: null, max: null, mean: null };

describe('column profiles of CSV text, judged by content', () => {
  it('integers, with stray spaces and blanks', () => {
    expect(profile(['age'], column(['34', '51', ' 28 ', '', null, '  ', '45', '-3']))).toEqual([
      { name: 'age', type: 'integer', missing: 3, distinct: 5, distinctCapped: false, min: -3, max: 51, mean: 31, top: [], examples: ['34', '51', ' 28 '] },
    ]);
  });

  it('decimals (integers among them), including exponents', () => {
    expect(profile(['weight'], column(['72.5', '80', '.25', '1e2', '-0.5']))[0]).toMatchObject({ type: 'decimal', min: -0.5, max: 100, mean: 50.45 });
  });

  it('codes with leading zeros are text, and make the digit strings beside them codes too', () => {
    expect(profile(['code'], column(['007', '010', '123', '123']))).toEqual([
      {
        name: 'code',
        type: 'text',
        missing: 0,
        distinct: 3,
        distinctCapped: false,
        ...NO_STATS,
        top: [
          { value: '123', count: 2 },
          { value: '007', count: 1 },
          { value: '010', count: 1 },
        ],
        examples: ['007', '010', '123'],
      },
    ]);
  });

  it('IDs longer than 15 digits are text, not rounded numbers', () => {
    expect(profile(['id'], column(['12345678901234567890', '98765432109876543210']))[0]).toMatchObject({ type: 'text', ...NO_STATS });
  });

  it('ISO dates, checked against the calendar', () => {
    expect(profile(['visit'], column(['2024-03-01', '2024-02-29', '2023-12-31']))).toEqual([
      { name: 'visit', type: 'date', missing: 0, distinct: 3, distinctCapped: false, min: '2023-12-31', max: '2024-03-01', mean: '2024-02-09', top: [], examples: ['2024-03-01', '2024-02-29', '2023-12-31'] },
    ]);
    expect(profile(['bad'], column(['2023-02-29', '2024-13-01', '2024-00-10']))[0]?.type).toBe('text');
  });

  it('dates with times (T or space, seconds optional, offsets) make a datetime column; mean is UTC', () => {
    const values = ['2024-03-01T10:30:00', '2024-03-01 12:00', '2024-03-01', '2024-03-01T09:00:00+02:00', '2024-03-01T08:00:00.500Z'];
    expect(profile(['seen'], column(values))[0]).toMatchObject({
      type: 'datetime',
      min: '2024-03-01',
      max: '2024-03-01 12:00',
      mean: '2024-03-01T07:30:00', // 09:00+02:00 counts as 07:00 UTC
    });
  });

  it('elapsed times make a duration column, negative ones too; min, max and mean are durations', () => {
    // As the xlsx reader writes [h]:mm:ss cells, and as Excel's CSV export shows them (one-digit hours).
    expect(profile(['time on ward'], column(['36:00:00', '1:30:00', '-00:45:00', '', '100:00:15']))).toEqual([
      {
        name: 'time on ward',
        type: 'duration',
        missing: 1,
        distinct: 4,
        distinctCapped: false,
        min: '-00:45:00',
        max: '100:00:15',
        mean: '34:11:19',
        top: [],
        examples: ['36:00:00', '1:30:00', '-00:45:00'],
      },
    ]);
  });

  it('text shaped almost like a duration stays text', () => {
    expect(profile(['t'], column(['12:60:00', '1:2:3', '12:30', 'ab:00:00', '12:00:00 AM']))[0]).toMatchObject({ type: 'text', ...NO_STATS });
  });

  it('booleans as TRUE/false text, with the most common first', () => {
    expect(profile(['flag'], column(['TRUE', 'false', 'True', 'TRUE', null]))).toEqual([
      {
        name: 'flag',
        type: 'boolean',
        missing: 1,
        distinct: 3,
        distinctCapped: false,
        ...NO_STATS,
        top: [
          { value: 'TRUE', count: 2 },
          { value: 'false', count: 1 },
          { value: 'True', count: 1 },
        ],
        examples: ['TRUE', 'false', 'True'],
      },
    ]);
  });

  it('text: the five most common values, ties in order of first appearance, long texts shortened', () => {
    const long = `Patient reported ${'mild '.repeat(30)}symptoms`;
    const values = ['b', 'a', 'b', 'c', long, long, 'd', 'e', 'f', 'a', long];
    const [result] = profile(['note'], column(values));
    expect(result?.top).toEqual([
      { value: `${long.slice(0, 100)}…`, count: 3 },
      { value: 'b', count: 2 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
      { value: 'd', count: 1 },
    ]);
    expect(result).toMatchObject({ type: 'text', distinct: 7, examples: ['b', 'a', 'c'] });
  });

  it('an empty column', () => {
    expect(profile(['blank'], column([null, '', ' ']))).toEqual([
      { name: 'blank', type: 'empty', missing: 3, distinct: 0, distinctCapped: false, ...NO_STATS, top: [], examples: [] },
    ]);
  });
});

describe('the type rule: one type must cover at least 95% of the non-missing values', () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));

  it('19 numbers and one "n/a" is an integer column, described by its numbers only', () => {
    expect(profile(['n'], column([...numbers(19), 'n/a']))[0]).toMatchObject({ type: 'integer', min: 1, max: 19, mean: 10, top: [] });
  });

  it('18 numbers and two "<5" is mixed, and shows its top values; two "n/a" are missing values instead', () => {
    expect(profile(['n'], column([...numbers(18), 'n/a', 'n/a']))[0]).toMatchObject({ type: 'integer', missing: 2, missingTokens: [{ value: 'n/a', count: 2 }] });
    expect(profile(['n'], column([...numbers(18), '<5', '<5']))[0]).toMatchObject({
      type: 'mixed',
      ...NO_STATS,
      top: [
        { value: '<5', count: 2 },
        { value: '1', count: 1 },
        { value: '2', count: 1 },
        { value: '3', count: 1 },
        { value: '4', count: 1 },
      ],
    });
  });
});

describe('values from the xlsx reader', () => {
  it('numbers, booleans and ISO dates as the reader returns them; 12 and "12" are different values', () => {
    const rows: CellValue[][] = [
      [1, 2.5, true, '2024-03-01', 12],
      [2, 3, false, '2024-03-02T06:00:00', '12'],
      [3, null, true, '2024-03-03', 'twelve'],
    ];
    expect(profile(['i', 'd', 'b', 'when', 'm'], rows)).toEqual([
      { name: 'i', type: 'integer', missing: 0, distinct: 3, distinctCapped: false, min: 1, max: 3, mean: 2, top: [], examples: [1, 2, 3] },
      { name: 'd', type: 'decimal', missing: 1, distinct: 2, distinctCapped: false, min: 2.5, max: 3, mean: 2.75, top: [], examples: [2.5, 3] },
      {
        name: 'b',
        type: 'boolean',
        missing: 0,
        distinct: 2,
        distinctCapped: false,
        ...NO_STATS,
        top: [
          { value: 'true', count: 2 },
          { value: 'false', count: 1 },
        ],
        examples: [true, false],
      },
      { name: 'when', type: 'datetime', missing: 0, distinct: 3, distinctCapped: false, min: '2024-03-01', max: '2024-03-03', mean: '2024-03-02T02:00:00', top: [], examples: ['2024-03-01', '2024-03-02T06:00:00', '2024-03-03'] },
      {
        name: 'm',
        type: 'mixed',
        missing: 0,
        distinct: 3,
        distinctCapped: false,
        ...NO_STATS,
        top: [
          { value: '12', count: 1 },
          { value: '12', count: 1 },
          { value: 'twelve', count: 1 },
        ],
        examples: [12, '12', 'twelve'],
      },
    ]);
  });
});

describe('bounds and streaming', () => {
  it('counts distinct values exactly past the 10,000 values it tallies', () => {
    const values = Array.from({ length: 30_000 }, (_, i) => `P${i % 12_345}`);
    const [result] = profile(['id'], column(values));
    expect(result).toMatchObject({ type: 'text', missing: 0, distinct: 12_345, distinctCapped: false, examples: ['P0', 'P1', 'P2'] });
    // Long texts are counted by their whole, not by their start.
    const long = Array.from({ length: 11_000 }, (_, i) => `${'x'.repeat(150)}${i % 10_500}`);
    expect(profile(['note'], column(long))[0]).toMatchObject({ distinct: 10_500, distinctCapped: false });
  });

  it('counts the distinct values of every column of a very wide sheet exactly (3,339 IDs among 151 columns)', () => {
    const columns = Array.from({ length: 151 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 3339 }, (_, r) => columns.map((_, c) => (c === 0 ? `ID-${r}` : r % (c + 1))));
    const result = profile(columns, rows);
    expect(result[0]).toMatchObject({ type: 'text', distinct: 3339, distinctCapped: false });
    expect(result[150]).toMatchObject({ type: 'integer', distinct: 151, distinctCapped: false });
  });

  it('says when the memory for counting ran out: the count is then a lower bound', () => {
    const hashes = new HashCount(new SlotBudget(1 << 15));
    for (let i = 0; i < 20_000; i++) hashes.add(i * 7919);
    expect(hashes.full).toBe(true);
    expect(hashes.size).toBeGreaterThanOrEqual(8192);
    expect(hashes.size).toBeLessThan(20_000);
    const roomy = new HashCount(new SlotBudget());
    for (let i = 0; i < 20_000; i++) roomy.add(i % 15_000);
    expect([roomy.size, roomy.full]).toEqual([15_000, false]);
  });

  it('reads NA, N/A, - and . alone in a cell as missing, and says which', () => {
    const [result] = profile(['dose'], column(['5', 'NA', ' n/a ', '-', '.', '', null, '7', '-3', '.5']));
    expect(result).toMatchObject({ type: 'decimal', missing: 6, distinct: 4, min: -3, max: 7 });
    expect(result?.missingTokens).toEqual([
      { value: 'NA', count: 1 },
      { value: 'n/a', count: 1 },
      { value: '-', count: 1 },
      { value: '.', count: 1 },
    ]);
    expect(profile(['x'], column(['a', '']))[0]?.missingTokens).toBeUndefined();
  });

  it('gives the same profile whether rows come in one batch or many', () => {
    const rows = Array.from({ length: 2500 }, (_, r): CellValue[] => [String(r % 97), r % 3 === 0 ? null : `x${r % 11}`, `2024-01-${String((r % 28) + 1).padStart(2, '0')}`]);
    const columns = ['a', 'b', 'c'];
    const batched = createColumnProfiler(columns);
    for (let start = 0; start < rows.length; start += 333) batched.add(rows.slice(start, start + 333));
    expect(batched.result()).toEqual(profile(columns, rows));
  });
});
