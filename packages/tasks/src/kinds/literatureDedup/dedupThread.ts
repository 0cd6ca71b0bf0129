// The dedup's worker thread: findDuplicates and the merge over a whole project (about a second
// for 20,000 records) would otherwise block the event loop that heartbeats and serves the API.
import { findDuplicates, type DedupInput } from '@sift/literature';
import { mergeGroups, type MergedGroup } from '../../data/mergeGroups.ts';
import { threadChannel } from '../../workerThread.ts';

export interface DedupThreadInput {
  records: DedupInput[];
  keepApart: [string, string][];
}

const channel = threadChannel<DedupThreadInput, never, MergedGroup[]>();
try {
  const { records, keepApart } = channel.input;
  channel.done(mergeGroups(findDuplicates(records, { keepApart }), records));
} catch (error) {
  channel.fail(error);
}
