// Language names and codes as exports write them ("English", "eng", "en", "chi", "中文"), folded
// to one name, so the criteria's ["English"] matches a record's "eng".

const LANGUAGES: readonly (readonly string[])[] = [
  ['english', 'en', 'eng'],
  ['chinese', 'zh', 'chi', 'zho', 'mandarin', 'cantonese', '中文', '汉语', '漢語'],
  ['spanish', 'es', 'spa', 'español', 'espanol', 'castilian'],
  ['french', 'fr', 'fre', 'fra', 'français', 'francais'],
  ['german', 'de', 'ger', 'deu', 'deutsch'],
  ['japanese', 'ja', 'jpn', '日本語'],
  ['korean', 'ko', 'kor', '한국어'],
  ['portuguese', 'pt', 'por', 'português', 'portugues'],
  ['italian', 'it', 'ita', 'italiano'],
  ['russian', 'ru', 'rus', 'русский'],
  ['dutch', 'nl', 'dut', 'nld', 'nederlands'],
  ['polish', 'pl', 'pol', 'polski'],
  ['turkish', 'tr', 'tur', 'türkçe'],
  ['persian', 'fa', 'per', 'fas', 'farsi'],
  ['arabic', 'ar', 'ara'],
  ['hebrew', 'he', 'heb'],
  ['swedish', 'sv', 'swe', 'svenska'],
  ['danish', 'da', 'dan', 'dansk'],
  ['norwegian', 'no', 'nor', 'nob', 'nno', 'norsk'],
  ['finnish', 'fi', 'fin', 'suomi'],
  ['czech', 'cs', 'cze', 'ces'],
  ['slovak', 'sk', 'slo', 'slk'],
  ['hungarian', 'hu', 'hun', 'magyar'],
  ['greek', 'el', 'gre', 'ell'],
  ['romanian', 'ro', 'rum', 'ron'],
  ['bulgarian', 'bg', 'bul'],
  ['croatian', 'hr', 'hrv', 'scr'],
  ['serbian', 'sr', 'srp', 'scc'],
  ['ukrainian', 'uk', 'ukr'],
  ['lithuanian', 'lt', 'lit'],
  ['slovenian', 'sl', 'slv'],
  ['hindi', 'hi', 'hin'],
  ['thai', 'th', 'tha'],
  ['vietnamese', 'vi', 'vie'],
  ['indonesian', 'id', 'ind'],
  ['malay', 'ms', 'may', 'msa'],
  ['catalan', 'ca', 'cat'],
  ['icelandic', 'is', 'ice', 'isl'],
  ['afrikaans', 'af', 'afr'],
];

const NAME_OF = new Map<string, string>();
for (const names of LANGUAGES) for (const name of names) NAME_OF.set(name, names[0] as string);

/** Values that say nothing about the language. */
const UNKNOWN = new Set(['und', 'mul', 'zxx', 'unknown', 'undetermined', 'multiple', 'multiple languages', 'other']);

/** The folded language name ("eng" → "english"); unknown names stay as written, in lower case. */
export function languageName(value: string): string {
  const lower = value.trim().toLowerCase();
  return NAME_OF.get(lower) ?? lower;
}

/** Exports repeat a handful of language values: each is read once. */
const recordLanguagesCache = new Map<string, string[]>();
const RECORD_LANGUAGES_CACHE_LIMIT = 1000;

/** The languages a record's language field names ("English; Chinese" → both); [] when it says nothing. */
export function recordLanguages(value: string | null): string[] {
  if (!value) return [];
  let languages = recordLanguagesCache.get(value);
  if (!languages) {
    languages = value
      .split(/[;,/|]+|\s+and\s+/i)
      .map((part) => part.replace(/\(.*?\)/g, '').trim())
      .filter((part) => part !== '' && !UNKNOWN.has(part.toLowerCase()))
      .map(languageName);
    if (recordLanguagesCache.size >= RECORD_LANGUAGES_CACHE_LIMIT) recordLanguagesCache.clear();
    recordLanguagesCache.set(value, languages);
  }
  return languages;
}

/** A title written mostly in Chinese, Japanese or Korean script names its language when the field is empty. */
export function titleLanguage(title: string | null): string | null {
  if (!title) return null;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let letters = 0;
  for (const char of title) {
    const code = char.codePointAt(0) as number;
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) han++;
    else if (code >= 0x3040 && code <= 0x30ff) kana++;
    else if (code >= 0xac00 && code <= 0xd7af) hangul++;
    else if (/\p{L}/u.test(char)) letters++;
  }
  const script = han + kana + hangul;
  // A Chinese character counts as about one word; compare with Latin letters in words of ~6.
  if (script === 0 || script < letters / 6) return null;
  if (kana > 0) return 'japanese';
  if (hangul > han) return 'korean';
  return 'chinese';
}
