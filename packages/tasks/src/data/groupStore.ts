// A project's duplicate groups: replaced whole by each de-duplication run, or one at a time when
// the researcher splits a group. Every change holds the project's advisory lock for its whole
// transaction, so two runs (or a run and a split) never interleave and leave stale groups behind.
import { randomUUID } from 'node:crypto';
import type { Db, Prisma } from '@sift/db';
import { splitGroup, type DuplicateGroup, type DuplicateLink } from '@sift/literature';
import { TaskInputError } from '../errors.ts';
import { mergeGroups, type MergedGroup } from './mergeGroups.ts';
import { loadDedupInputs, loadKeepApart, loadPairDecisions } from './recordStore.ts';
import { memberOf } from './members.ts';

/** Serialises group changes per project until the transaction ends. */
export async function lockProjectGroups(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('duplicate_group'), hashtext(${projectId}))`;
}

export async function saveGroups(tx: Prisma.TransactionClient, projectId: string, groups: readonly MergedGroup[]): Promise<void> {
  const rows = groups.map((group) => ({ ...group, id: randomUUID() }));
  await tx.duplicateGroup.createMany({
    data: rows.map((group) => ({
      id: group.id,
      projectId,
      reason: group.reason,
      links: group.links as unknown as Prisma.InputJsonValue,
      merged: group.merged as unknown as Prisma.InputJsonValue,
    })),
  });
  await tx.duplicateGroupMember.createMany({
    data: rows.flatMap((group) => group.merged.sources.map((recordId, rank) => ({ recordId, groupId: group.id, rank }))),
  });
}

export async function replaceGroups(tx: Prisma.TransactionClient, projectId: string, groups: readonly MergedGroup[]): Promise<void> {
  await tx.duplicateGroup.deleteMany({ where: { projectId } });
  await saveGroups(tx, projectId, groups);
}

/**
 * Takes `recordIds` out of a group: stores keep-apart pairs between them and the rest (so later
 * runs keep them apart) and regroups the group's records. Null when the group is not this owner's.
 * The split's id undoes it (undoSplit).
 */
export async function splitDuplicateGroup(db: Db, ownerId: string, groupId: string, recordIds: readonly string[]): Promise<{ groups: number; splitId: string; projectId: string } | null> {
  return db.$transaction(async (tx) => {
    const select = { id: true, projectId: true, reason: true, links: true, members: { select: { recordId: true } } } as const;
    // A de-duplication that ran since the researcher's page loaded replaced the group (new id):
    // the split applies to the group those records are in now.
    const currentGroup = async () =>
      (await tx.duplicateGroup.findFirst({ where: { id: groupId, project: memberOf(ownerId) }, select })) ??
      (await tx.duplicateGroup.findFirst({ where: { members: { some: { recordId: recordIds[0] } }, project: memberOf(ownerId) }, select }));
    const found = await currentGroup();
    if (!found) return null;
    await lockProjectGroups(tx, found.projectId);
    // Read again under the lock: a de-duplication may have replaced the groups while this waited.
    const group = await currentGroup();
    if (!group) return null;
    const ids = group.members.map((member) => member.recordId);
    if (recordIds.some((id) => !ids.includes(id))) throw new TaskInputError('Those records are not all in this duplicate group. Reload the groups and try again.');
    const members = await loadDedupInputs(tx, { id: { in: ids } });
    // The researcher's earlier word on pairs in this group: splits, dismissed and merged possible duplicates.
    const inGroup = ([a, b]: readonly [string, string]) => ids.includes(a) && ids.includes(b);
    const decided = await loadPairDecisions(tx, group.projectId);
    const earlier = {
      keepApart: [...(await loadKeepApart(tx, group.projectId, ids)), ...decided.keep_apart.filter(inGroup)],
      mergePairs: decided.merge.filter(inGroup),
    };
    const asFound: DuplicateGroup = { ids, reason: group.reason, links: group.links as unknown as DuplicateLink[] };
    const { groups, keepApart } = splitGroup(asFound, recordIds, members, earlier);
    const splitId = randomUUID();
    const pairs = keepApart.map(([a, b]) => (a < b ? { recordA: a, recordB: b } : { recordA: b, recordB: a }));
    await tx.keepApart.createMany({ data: pairs.map((pair) => ({ ...pair, projectId: group.projectId, splitId })), skipDuplicates: true });
    // The split is the researcher's latest word on these pairs: it replaces an earlier "Merge" of any of them.
    await tx.pairDecision.deleteMany({ where: { projectId: group.projectId, verdict: 'merge', OR: pairs } });
    await tx.duplicateGroup.delete({ where: { id: group.id } });
    await saveGroups(tx, group.projectId, mergeGroups(groups, members));
    return { groups: groups.length, splitId, projectId: group.projectId };
  });
}

/**
 * Undoes a split: removes the keep-apart pairs it stored, so the next de-duplication may group
 * those records again (the caller starts one). Null when the split is not this owner's or was undone.
 */
export async function undoSplit(db: Db, ownerId: string, splitId: string): Promise<{ projectId: string; pairs: number } | null> {
  return db.$transaction(async (tx) => {
    const pair = await tx.keepApart.findFirst({ where: { splitId, project: memberOf(ownerId) }, select: { projectId: true } });
    if (!pair) return null;
    await lockProjectGroups(tx, pair.projectId);
    const { count } = await tx.keepApart.deleteMany({ where: { splitId, projectId: pair.projectId } });
    return { projectId: pair.projectId, pairs: count };
  });
}

