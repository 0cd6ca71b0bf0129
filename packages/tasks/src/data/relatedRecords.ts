// Related records: an erratum, retraction or comment and its article, a conference abstract and its
// paper. De-duplication keeps them apart on purpose and links them here (replaced whole by each
// run); the records table and the screening exports name the links, worded once, below.
import type { Db, Prisma, RelationKind } from '@sift/db';
import type { RelatedLink } from '@sift/literature';

type Tx = Db | Prisma.TransactionClient;

/** One link as a record shows it: "Erratum of", then the other record. */
export interface RelatedListing {
  recordId: string;
  label: string;
  title: string | null;
  year: number | null;
}

/** [seen from the notice or abstract, seen from the article or paper]. */
const LABELS: Record<RelationKind, [string, string]> = {
  erratum: ['Erratum of', 'Corrected by erratum'],
  retraction: ['Retraction of', 'Retracted by'],
  comment: ['Comment on', 'Commented on by'],
  conference_abstract: ['Conference abstract of', 'Full paper of conference abstract'],
};

export async function replaceRelatedRecords(tx: Prisma.TransactionClient, projectId: string, links: readonly RelatedLink[]): Promise<void> {
  await tx.relatedRecord.deleteMany({ where: { projectId } });
  await tx.relatedRecord.createMany({
    data: links.map((link) => ({ projectId, recordId: link.ids[0], relatedId: link.ids[1], relation: link.relation, detail: link.detail })),
    skipDuplicates: true,
  });
}

interface LinkRow {
  shown: string;
  relation: RelationKind;
  outgoing: boolean;
  otherId: string;
  title: string | null;
  year: number | null;
}

/**
 * The related links of each record, by record id: its own and those of every copy grouped with it
 * (one work), each to the record found on the other side.
 */
export async function relatedOf(db: Tx, projectId: string, recordIds: readonly string[]): Promise<Map<string, RelatedListing[]>> {
  const byRecord = new Map<string, RelatedListing[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db.$queryRaw<LinkRow[]>`
    WITH wanted AS (SELECT unnest(${[...recordIds]}::uuid[]) AS id),
    copies AS (
      SELECT w.id AS shown, coalesce(m2.record_id, w.id) AS copy FROM wanted w
      LEFT JOIN duplicate_group_member m ON m.record_id = w.id LEFT JOIN duplicate_group_member m2 ON m2.group_id = m.group_id
    ),
    links AS (
      SELECT c.shown, l.relation, true AS outgoing, l.related_id AS other FROM copies c JOIN related_record l ON l.record_id = c.copy AND l.project_id = ${projectId}::uuid
      UNION
      SELECT c.shown, l.relation, false, l.record_id FROM copies c JOIN related_record l ON l.related_id = c.copy AND l.project_id = ${projectId}::uuid
    )
    SELECT links.shown, links.relation, links.outgoing, o.id AS "otherId", o.title, o.year
    FROM links JOIN literature_record o ON o.id = links.other
    ORDER BY links.shown, links.outgoing DESC, o.year NULLS LAST, o.id`;
  for (const row of rows) {
    const listing = { recordId: row.otherId, label: (LABELS[row.relation] as [string, string])[row.outgoing ? 0 : 1], title: row.title, year: row.year };
    byRecord.set(row.shown, [...(byRecord.get(row.shown) ?? []), listing]);
  }
  return byRecord;
}

/** "Erratum of: Early mobilisation … (2019)", for an export's note or column. */
export function relatedText(links: readonly RelatedListing[]): string {
  return links.map((link) => `${link.label}: ${link.title ?? 'untitled record'}${link.year === null ? '' : ` (${link.year})`}`).join('; ');
}
