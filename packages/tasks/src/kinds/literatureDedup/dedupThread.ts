// The dedup's worker thread: findDuplicates and the merge over a whole project (about a second
// for 20,000 records) would otherwise block the event loop that heartbeats and serves the API.
// Besides the groups it returns the pairs left for the researcher: possible duplicates and related records.
import { analyseDuplicates, type DedupInput, type PossibleDuplicate, type RelatedLink } from '@sift/literature';
import { mergeGroups, type MergedGroup } from '../../data/mergeGroups.ts';
import { threadChannel } from '../../workerThread.ts';

export interface DedupThreadInput {
  records: DedupInput[];
  keepApart: [string, string][];
  mergePairs: [string, string][];
}

export interface DedupThreadOutput {
  groups: MergedGroup[];
  possible: PossibleDuplicate[];
  related: RelatedLink[];
}

const channel = threadChannel<DedupThreadInput, never, DedupThreadOutput>();
try {
  const { records, keepApart, mergePairs } = channel.input;
  const { groups, possible, related } = analyseDuplicates(records, { keepApart, mergePairs });
  channel.done({ groups: mergeGroups(groups, records), possible, related });
} catch (error) {
  channel.fail(error);
}
