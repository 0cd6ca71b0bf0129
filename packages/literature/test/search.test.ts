import { describe, expect, it } from 'vitest';
import { searchText, searchWords } from '../src/index.ts';
import { SEARCH_TEXT_LIMIT } from '../src/search.ts';

/** Whether every word of the query begins some word of the text: how Postgres matches `word:*` queries. */
function finds(text: string, query: string): boolean {
  const words = searchText(text).split(' ');
  return searchWords(query).every((prefix) => words.some((word) => word.startsWith(prefix)));
}

describe('searchText', () => {
  it('folds case, accents, Greek letters, entities and tags, and drops punctuation', () => {
    expect(searchText('TNF-α in García’s <i>Study</i> &amp; co.', null, 'Müller, Jörg')).toBe('tnf alpha in garcia s study and co muller jorg');
    expect(searchText(null, undefined, '')).toBe('');
  });

  it('writes Chinese and Japanese as overlapping character pairs, apart from Latin words', () => {
    expect(searchText('谵妄患者')).toBe('谵 谵妄 妄患 患者 者');
    expect(searchText('COVID-19患者，早期活动')).toBe('covid 19 患 患者 者 早 早期 期活 活动 动');
  });

  it('keeps each word once, where it first appears: a search asks only whether a word is there', () => {
    expect(searchText('Delirium after delirium: DELIRIUM in the ICU', 'The abstract about the ICU', 'Delirium, D.')).toBe('delirium after in the icu abstract about d');
    expect(searchText('谵妄谵妄')).toBe('谵 谵妄 妄谵 妄');
  });

  it('stops at the limit Postgres can index', () => {
    expect(searchText('a '.repeat(SEARCH_TEXT_LIMIT)).length).toBeLessThan(SEARCH_TEXT_LIMIT);
  });
});

describe('searchWords', () => {
  it('finds words by their beginning, in any order, whatever their case or accents', () => {
    const title = 'Early mobilisation prevents delirium in critically ill adults (García et al.)';
    expect(finds(title, 'mobil')).toBe(true);
    expect(finds(title, 'DELIRIUM early')).toBe(true);
    expect(finds(title, 'garcia')).toBe(true);
    expect(finds(title, 'García')).toBe(true);
    // Inside a word is not a beginning; every word must be there.
    expect(finds(title, 'bilisation')).toBe(false);
    expect(finds(title, 'delirium children')).toBe(false);
  });

  it('finds a Chinese phrase anywhere in the text, not its characters scattered', () => {
    const title = '早期活动预防重症监护病房成人谵妄的随机对照试验';
    expect(finds(title, '谵妄')).toBe(true);
    expect(finds(title, '重症监护')).toBe(true);
    expect(finds(title, '妄')).toBe(true);
    expect(finds(title, '试验 早期')).toBe(true);
    expect(finds(title, '监重')).toBe(false);
    expect(finds(title, '谵妄患者')).toBe(false);
  });

  it('gives each word once and nothing for punctuation alone', () => {
    expect(searchWords('trial, TRIAL; Trial')).toEqual(['trial']);
    expect(searchWords(' %_ ')).toEqual([]);
  });
});
