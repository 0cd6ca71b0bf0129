// Writes the hostile corpus to .fixtures/hostile/ (git-ignored) for a human to open: each file
// under a numbered, file-system-safe name (some uploaded names are attacks on paths), and
// cases.json with the name it is uploaded under, what it attacks and the outcome Sift must reach.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHostileCorpus } from './corpus.ts';

const folder = join(import.meta.dirname, '../../../../.fixtures/hostile');
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });

const cases = buildHostileCorpus().map((entry, index) => {
  const extension = /\.[a-z0-9]{1,5}$/i.exec(entry.fileName)?.[0] ?? '';
  const file = `${String(index + 1).padStart(2, '0')}-${entry.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}${extension}`;
  writeFileSync(join(folder, file), entry.bytes);
  const { expected } = entry;
  return {
    file,
    uploadedAs: entry.fileName,
    kind: entry.kind,
    why: entry.why,
    expected: expected.outcome === 'error' ? { ...expected, message: expected.message.source } : expected,
    ...(entry.storedName ? { storedName: entry.storedName } : {}),
    bytes: entry.bytes.length,
  };
});
// The 10 MB expected cell is shown by its start and length.
const shortened = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 40)}… (${value.length.toLocaleString('en-US')} characters)` : value);
writeFileSync(join(folder, 'cases.json'), `${JSON.stringify(cases, shortened, 2)}\n`);
console.log(`${cases.length} files and cases.json in ${folder}`);
