// Column names from the header row: what researchers typed, made safe to use as keys.
import type { CellValue } from './types.ts';

/**
 * Names for `width` columns from the header cells: trimmed, line breaks inside a cell
 * joined with a space, blanks named "Column N" (1-based position), and repeats made unique
 * in order ("Age", "Age (2)", "Age (3)"), never colliding with a name that is already taken.
 */
export function columnNames(header: readonly CellValue[], width: number): string[] {
  const names = Array.from({ length: width }, (_, index) => {
    const text = String(header[index] ?? '')
      .split(/\s*[\r\n]+\s*/)
      .join(' ')
      .trim();
    return text === '' ? `Column ${index + 1}` : text;
  });
  const taken = new Set<string>();
  const repeats = new Map<string, number>();
  return names.map((name) => {
    let unique = name;
    for (let count = repeats.get(name) ?? 1; taken.has(unique); ) {
      count += 1;
      unique = `${name} (${count})`;
      repeats.set(name, count);
    }
    taken.add(unique);
    return unique;
  });
}
