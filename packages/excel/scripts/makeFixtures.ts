// Writes the shared test files into /work/main/.fixtures/ (git-ignored); the generators
// live in src/fixtures.ts so tests can build the same bytes in memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorruptXlsx, makeEmptyCsv, makeMixedWorkbook, makeSampleCsv } from '../src/fixtures.ts';

const folder = join(dirname(fileURLToPath(import.meta.url)), '../../../.fixtures');
mkdirSync(folder, { recursive: true });

const mixed = await makeMixedWorkbook(3339, 151);
const files: Record<string, Uint8Array> = {
  'mixed-3339x151.xlsx': mixed,
  'corrupt.xlsx': makeCorruptXlsx(mixed),
  'empty.csv': makeEmptyCsv(),
  'sample.csv': makeSampleCsv(),
};
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(folder, name), bytes);
  console.log(`${join(folder, name)} (${bytes.length} bytes)`);
}
