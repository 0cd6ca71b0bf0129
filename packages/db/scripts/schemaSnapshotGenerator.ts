// A Prisma generator that writes the parsed schema (Prisma's own DMMF datamodel: tables, columns,
// types, nullability, keys, indexes, enums) to src/generated/schema-snapshot.json. The drift test
// compares the migrated database with it, since the offline CLI cannot run `prisma migrate diff`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import helper from '@prisma/generator-helper';

helper.generatorHandler({
  onManifest: () => ({ prettyName: 'Sift schema snapshot', defaultOutput: '../packages/db/src/generated' }),
  async onGenerate(options) {
    const output = options.generator.output?.value;
    if (!output) throw new Error('schema snapshot generator needs an output folder');
    await mkdir(output, { recursive: true });
    await writeFile(path.join(output, 'schema-snapshot.json'), JSON.stringify(options.dmmf.datamodel, null, 2));
  },
});
