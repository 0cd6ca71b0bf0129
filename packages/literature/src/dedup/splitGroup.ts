// Undoing a merge: the researcher takes records out of a group. The taken-out records get
// keep-apart pairs with the rest (to be stored and passed to every later findDuplicates), and
// the remaining records are grouped again, since they may still be duplicates of each other.
import { type DedupInput, type DuplicateGroup, findDuplicates } from './findDuplicates.ts';

export interface SplitResult {
  /** Groups among the group's records after the split (the rest, and the taken-out records among themselves). */
  groups: DuplicateGroup[];
  /** Pairs to persist and pass as findDuplicates({ keepApart }) from now on. */
  keepApart: [string, string][];
}

export function splitGroup(group: DuplicateGroup, takeOut: readonly string[], records: readonly DedupInput[], earlierKeepApart: readonly (readonly [string, string])[] = []): SplitResult {
  const out = new Set(takeOut);
  const keepApart: [string, string][] = [];
  for (const id of group.ids) if (out.has(id)) for (const other of group.ids) if (!out.has(other)) keepApart.push([id, other]);
  const members = new Set(group.ids);
  const groups = findDuplicates(
    records.filter((entry) => members.has(entry.id)),
    { keepApart: [...earlierKeepApart, ...keepApart] },
  );
  return { groups, keepApart };
}
