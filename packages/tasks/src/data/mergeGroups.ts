// Duplicate groups with their merged record, ready to store. Pure, so the dedup thread can run it
// next to findDuplicates; the merged record drops `raw` (the members keep theirs).
import { mergeGroup, type DedupInput, type DuplicateGroup, type MergedRecord } from '@sift/literature';

export type MergedGroup = DuplicateGroup & { merged: Omit<MergedRecord, 'record'> & { record: Omit<MergedRecord['record'], 'raw'> } };

export function mergeGroups(groups: readonly DuplicateGroup[], records: readonly DedupInput[]): MergedGroup[] {
  const byId = new Map(records.map((entry) => [entry.id, entry]));
  return groups.map((group) => {
    const { record, ...rest } = mergeGroup(group.ids.map((id) => byId.get(id) as DedupInput));
    const { raw: _raw, ...kept } = record;
    return { ...group, merged: { ...rest, record: kept } };
  });
}
