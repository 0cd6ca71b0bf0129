import { describe, expect, it } from 'vitest';
import { decodeLiteratureBytes, detectFormat, LiteratureFormatError, parseLiterature } from '../src/index.ts';
import { fixture } from './helpers.ts';

describe('detectFormat', () => {
  it.each([
    ['pubmed.nbib', 'pubmed-export.txt', 'medline'],
    ['ris/scopus.ris', 'scopus.txt', 'ris'],
    ['endnote-web.xml', 'library.txt', 'endnote-xml'],
    ['refs.bib', 'refs.txt', 'bibtex'],
    ['wos.txt', 'savedrecs.txt', 'wos'],
    ['wos-tab.txt', 'savedrecs.txt', 'csv'],
    ['scopus.csv', 'scopus.csv', 'csv'],
  ])('sniffs %s saved as %s', (name, fileName, format) => {
    expect(detectFormat(fileName, fixture(name))).toBe(format);
  });

  it('falls back to the extension, and knows workbooks by name', () => {
    expect(detectFormat('x.ris', '')).toBe('ris');
    expect(detectFormat('screening.xlsx')).toBe('xlsx');
    expect(detectFormat('notes.txt', 'just some words')).toBeNull();
  });

  it('refuses unknown text and workbooks with a clear error', () => {
    expect(() => parseLiterature('hello', 'notes.txt')).toThrow(LiteratureFormatError);
    expect(() => parseLiterature('', 'sheet.xlsx')).toThrow(/read its rows with @sift\/excel/);
  });
});

describe('decodeLiteratureBytes', () => {
  const text = 'TY  - JOUR\nTI  - Müller α 帕金森\nER  - \n';
  it('reads UTF-8 with or without BOM and UTF-16 with a BOM', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeLiteratureBytes(utf8)).toBe(text);
    expect(decodeLiteratureBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(decodeLiteratureBytes(utf16)).toBe(text);
  });

  it('reads GB18030 Chinese exports and Windows-1252 Western ones', () => {
    const gbk = new Uint8Array([0xb5, 0xda, 0xd2, 0xbb]); // 第一
    expect(decodeLiteratureBytes(gbk)).toBe('第一');
    expect(decodeLiteratureBytes(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20]))).toBe('Müller ');
  });
});

describe('progress and cancellation', () => {
  const many = Array.from({ length: 1200 }, (_, i) => `TY  - JOUR\nTI  - Paper ${i}\nER  - \n`).join('');
  it('reports progress in steps ending at done === total', () => {
    const calls: [number, number][] = [];
    parseLiterature(many, 'many.ris', { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[500, 1200], [1000, 1200], [1200, 1200]]);
  });

  it('stops when the signal is aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the researcher'));
    expect(() => parseLiterature(many, 'many.ris', { signal: controller.signal })).toThrow('cancelled by the researcher');
  });
});
