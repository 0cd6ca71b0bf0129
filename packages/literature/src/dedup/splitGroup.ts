// Undoing a merge: the researcher takes records out of a group. The taken-out records get
// keep-apart pairs with the rest (to be stored and passed to every later findDuplicates), and
// the remaining records are grouped again, since they may still be duplicates of each other, by
// the matcher or by the researcher's own earlier "Merge" of a pair (which the split keeps).
import { type DedupInput, type DedupOptions, type DuplicateGroup, findDuplicates } from './findDuplicates.ts';

export interface SplitResult {
  /** Groups among the group's records after the split (the rest, and the taken-out records among themselves). */
  groups: DuplicateGroup[];
  /** Pairs to persist and pass as findDuplicates({ keepApart }) from now on. */
  keepApart: [string, string][];
}

export function splitGroup(
  group: DuplicateGroup,
  takeOut: readonly string[],
  records: readonly DedupInput[],
  earlier: Pick<DedupOptions, 'keepApart' | 'mergePairs'> = {},
): SplitResult {
  const out = new Set(takeOut);
  const keepApart: [string, string][] = [];
  for (const id of group.ids) if (out.has(id)) for (const other of group.ids) if (!out.has(other)) keepApart.push([id, other]);
  const members = new Set(group.ids);
  const groups = findDuplicates(
    records.filter((entry) => members.has(entry.id)),
    { keepApart: [...(earlier.keepApart ?? []), ...keepApart], mergePairs: earlier.mergePairs ?? [] },
  );
  return { groups, keepApart };
}
