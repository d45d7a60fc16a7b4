import { type Selectable, sql } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { EvidenceTable } from '../assessments/assessments.tables.js';

export type EvidenceRow = Selectable<EvidenceTable>;
export type AttachedEvidenceRow = EvidenceRow & {
  assessment_item_id: string;
  attached_at: string;
  link_needs_reconfirmation: number;
};

/** Evidence records and their attachments to assessment items, through the caller's tenant scope. */
export class EvidenceRepository {
  async insert(t: TenantScope, row: EvidenceRow): Promise<void> {
    await t.db.insertInto('evidence').values(row).execute();
  }

  find(t: TenantScope, id: string): Promise<EvidenceRow | undefined> {
    return t.db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keyset pagination over the organisation's evidence library, newest first. */
  list(t: TenantScope, limit: number, after?: { createdAt: string; id: string }): Promise<EvidenceRow[]> {
    let query = t.db.selectFrom('evidence').selectAll();
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async attach(
    t: TenantScope,
    row: {
      org_id: string;
      assessment_item_id: string;
      evidence_id: string;
      attached_by: string;
      attached_at: string;
    },
  ): Promise<boolean> {
    const result = await t.db
      .insertInto('assessment_item_evidence')
      .values({ ...row, needs_reconfirmation: 0 })
      .onConflict((oc) => oc.columns(['assessment_item_id', 'evidence_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async detach(t: TenantScope, itemRowId: string, evidenceId: string): Promise<boolean> {
    const result = await t.db
      .deleteFrom('assessment_item_evidence')
      .where('assessment_item_id', '=', itemRowId)
      .where('evidence_id', '=', evidenceId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  listForItem(t: TenantScope, itemRowId: string): Promise<AttachedEvidenceRow[]> {
    return t.db
      .selectFrom('assessment_item_evidence as link')
      .innerJoin('evidence', 'evidence.id', 'link.evidence_id')
      .selectAll('evidence')
      .select([
        'link.assessment_item_id',
        'link.attached_at',
        'link.needs_reconfirmation as link_needs_reconfirmation',
      ])
      .where('link.assessment_item_id', '=', itemRowId)
      .orderBy('link.attached_at')
      .orderBy('evidence.id')
      .execute();
  }

  /** All evidence attached anywhere in one assessment, in a single join. */
  listForAssessment(t: TenantScope, assessmentId: string): Promise<AttachedEvidenceRow[]> {
    return t.db
      .selectFrom('assessment_item_evidence as link')
      .innerJoin('assessment_item as item', 'item.id', 'link.assessment_item_id')
      .innerJoin('evidence', 'evidence.id', 'link.evidence_id')
      .selectAll('evidence')
      .select([
        'link.assessment_item_id',
        'link.attached_at',
        'link.needs_reconfirmation as link_needs_reconfirmation',
      ])
      .where('item.assessment_id', '=', assessmentId)
      .orderBy('link.attached_at')
      .orderBy('evidence.id')
      .execute();
  }

  /**
   * Copies every evidence link of one assessment onto the matching items (same catalog item) of another,
   * in one INSERT … SELECT.
   */
  async copyLinks(
    t: TenantScope,
    fromAssessmentId: string,
    toAssessmentId: string,
    actorUserId: string,
    at: string,
    needsReconfirmation: boolean,
  ): Promise<void> {
    await t.db
      .insertInto('assessment_item_evidence')
      .columns([
        'org_id',
        'assessment_item_id',
        'evidence_id',
        'attached_by',
        'attached_at',
        'needs_reconfirmation',
      ])
      .expression(
        t.db
          .selectFrom('assessment_item_evidence as link')
          .innerJoin('assessment_item as source', 'source.id', 'link.assessment_item_id')
          .innerJoin('assessment_item as target', (join) =>
            join
              .onRef('target.item_id', '=', 'source.item_id')
              .on('target.assessment_id', '=', toAssessmentId),
          )
          .select([
            'link.org_id',
            'target.id',
            'link.evidence_id',
            sql<string>`${actorUserId}`.as('attached_by'),
            sql<string>`${at}`.as('attached_at'),
            sql<number>`${needsReconfirmation ? 1 : 0}`.as('needs_reconfirmation'),
          ])
          .where('source.assessment_id', '=', fromAssessmentId),
      )
      .execute();
  }
}
