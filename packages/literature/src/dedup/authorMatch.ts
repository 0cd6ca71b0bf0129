// Whether two first authors are one person as different databases write the name: compound
// surnames split at another place ("Lopez, Rubio M." / "Rubio, M. L."), given and family name
// swapped ("Wu, Ching-yi" / "Ching-yi, Wu"), a letter the export lost ("Bu?lova"), one typo.
import { foldText, surnameKeys } from './normalise.ts';

export interface NameParts {
  /** Surname keys as surnameKeys gives them ("vanderberg", "berg"). */
  keys: string[];
  /** Words of the surname, and of the whole name, of three letters or more that are not particles. */
  surname: string[];
  words: string[];
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'del', 'della', 'des', 'dos', 'das', 'jr', 'sr', 'iii', 'null']);

/** "?" between letters is a character the export could not write ("Mu?oz"): dropped, so one edit remains. */
const lostLetter = (name: string) => name.replace(/(\p{L})\?(?=\p{L})/gu, '$1');

export function nameParts(author: string | undefined): NameParts {
  if (!author) return { keys: [], surname: [], words: [] };
  const name = lostLetter(author);
  const comma = name.indexOf(',');
  const wordsOf = (text: string) => foldText(text).split(' ').filter((word) => word.length >= 3 && !PARTICLES.has(word));
  return { keys: surnameKeys(name), surname: wordsOf(comma > 0 ? name.slice(0, comma) : name), words: wordsOf(name) };
}

/** One person: a surname key one edit from the other's (five letters or more), or a surname word found anywhere in the other's name. */
export function sameFirstAuthor(a: NameParts, b: NameParts): boolean {
  if (a.keys.some((x) => b.keys.some((y) => x === y || (Math.min(x.length, y.length) >= 5 && oneEdit(x, y))))) return true;
  return a.surname.some((word) => b.words.includes(word)) || b.surname.some((word) => a.words.includes(word));
}

/** At most one insertion, deletion or substitution apart. */
function oneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
