// The paging state of a server-paged table with a search box: the text typed, the query sent
// once typing pauses (not on every key), and the offset of the page shown, which goes back to
// the first page for every new query.
import { useState } from 'react';
import { useDebouncedValue } from './useDebouncedValue.ts';

export const SEARCH_DELAY_MS = 300;

/** `onNewQuery` resets whatever else belongs to the page shown (it runs while rendering, like the offset's reset). */
export function useSearchPaging(onNewQuery?: () => void) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  // The debounced query changes after the typed text: the render that sees it starts at the first page.
  const [searched, setSearched] = useState(query);
  if (searched !== query) {
    setSearched(query);
    setOffset(0);
    onNewQuery?.();
  }
  return { search, setSearch, query, offset, setOffset };
}
