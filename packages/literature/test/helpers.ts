// Shared test helpers: fixture text, parsing a fixture, and records without their raw text.
import { readFileSync } from 'node:fs';
import { type LiteratureRecord, parseLiterature, type ParseOptions } from '../src/index.ts';

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function parseFixture(name: string, options?: ParseOptions) {
  return parseLiterature(fixture(name), name, options);
}

/** A record's fields without raw and sourceFile, for comparing exact values. */
export function fields(record: LiteratureRecord | undefined): Omit<LiteratureRecord, 'raw' | 'sourceFile'> {
  if (!record) throw new Error('no record');
  const { raw: _raw, sourceFile: _sourceFile, ...rest } = record;
  return rest;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}
