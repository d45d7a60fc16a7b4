import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../assessments/assessments.repository.js';
import type {
  ProviderAuditTable,
  ProviderContactTable,
  ProviderIncidentTable,
  ProviderTable,
  QuestionnaireTable,
} from './providers.tables.js';

export type ProviderRow = Selectable<ProviderTable>;
export type ContactRow = Selectable<ProviderContactTable>;
export type AuditRow = Selectable<ProviderAuditTable>;
export type IncidentRow = Selectable<ProviderIncidentTable>;
export type QuestionnaireRow = Selectable<QuestionnaireTable>;

/** Kysely queries for the provider register; every query names the organisation. */
export class ProvidersRepository {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async insertProvider(db: Db, row: ProviderRow): Promise<void> {
    await db.insertInto('provider').values(row).execute();
  }

  findProvider(orgId: string, id: string, db: Db = this.db): Promise<ProviderRow | undefined> {
    return db
      .selectFrom('provider')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Keyset pagination by name. */
  listProviders(orgId: string, limit: number, after?: { name: string; id: string }): Promise<ProviderRow[]> {
    let query = this.db.selectFrom('provider').selectAll().where('org_id', '=', orgId);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
      );
    }
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  }

  async updateProviderIfVersion(
    db: Db,
    orgId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<ProviderTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('provider')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertContact(db: Db, row: ContactRow): Promise<void> {
    await db.insertInto('provider_contact').values(row).execute();
  }

  listContacts(orgId: string, providerIds: string[]): Promise<ContactRow[]> {
    if (providerIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('provider_contact')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('provider_id', 'in', providerIds)
      .orderBy('name')
      .execute();
  }

  findContact(orgId: string, id: string, db: Db = this.db): Promise<ContactRow | undefined> {
    return db
      .selectFrom('provider_contact')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insertAudit(db: Db, row: AuditRow): Promise<void> {
    await db.insertInto('provider_audit').values(row).execute();
  }

  listAudits(orgId: string, providerId: string): Promise<AuditRow[]> {
    return this.db
      .selectFrom('provider_audit')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('provider_id', '=', providerId)
      .orderBy('audit_date', 'desc')
      .execute();
  }

  /** Latest audit date per provider, for the whole register in one GROUP BY. */
  async latestAuditDates(orgId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('provider_audit')
      .select(['provider_id', sql<string>`max(audit_date)`.as('last')])
      .where('org_id', '=', orgId)
      .groupBy('provider_id')
      .execute();
    return new Map(rows.map((r) => [r.provider_id, r.last]));
  }

  /** The latest on-site audit per provider (Art. 4.3: required without CSA STAR bronze or above). */
  async latestOnsiteAuditDates(orgId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('provider_audit')
      .select(['provider_id', sql<string>`max(audit_date)`.as('last')])
      .where('org_id', '=', orgId)
      .where('audit_type', '=', 'onsite')
      .groupBy('provider_id')
      .execute();
    return new Map(rows.map((r) => [r.provider_id, r.last]));
  }

  async insertIncident(db: Db, row: IncidentRow): Promise<void> {
    await db.insertInto('provider_incident').values(row).execute();
  }

  findIncident(orgId: string, id: string, db: Db = this.db): Promise<IncidentRow | undefined> {
    return db
      .selectFrom('provider_incident')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateIncident(
    db: Db,
    orgId: string,
    id: string,
    patch: Updateable<ProviderIncidentTable>,
  ): Promise<void> {
    await db
      .updateTable('provider_incident')
      .set(patch)
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
  }

  async insertIncidentUpdate(
    db: Db,
    row: { id: string; org_id: string; incident_id: string; at: string; note: string; created_by: string },
  ): Promise<void> {
    await db.insertInto('provider_incident_update').values(row).execute();
  }

  listIncidents(orgId: string, providerId: string): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('provider_incident')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('provider_id', '=', providerId)
      .orderBy('occurred_at', 'desc')
      .execute();
  }

  listIncidentUpdates(orgId: string, incidentIds: string[]) {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('provider_incident_update')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('incident_id', 'in', incidentIds)
      .orderBy('at')
      .execute();
  }

  async insertQuestionnaire(db: Db, row: QuestionnaireRow): Promise<void> {
    await db.insertInto('questionnaire').values(row).execute();
  }

  findQuestionnaire(orgId: string, id: string, db: Db = this.db): Promise<QuestionnaireRow | undefined> {
    return db
      .selectFrom('questionnaire')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The only lookup that is not by organisation: the link token is the credential, and it names one row. */
  findQuestionnaireByTokenHash(tokenHash: string, db: Db = this.db): Promise<QuestionnaireRow | undefined> {
    return db.selectFrom('questionnaire').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  listQuestionnaires(orgId: string, providerId?: string): Promise<QuestionnaireRow[]> {
    let query = this.db.selectFrom('questionnaire').selectAll().where('org_id', '=', orgId);
    if (providerId) query = query.where('provider_id', '=', providerId);
    return query.orderBy('created_at', 'desc').execute();
  }

  /** Questionnaires still with the provider or awaiting the firm's review. */
  countOpenQuestionnaires(orgId: string): Promise<number> {
    return this.db
      .selectFrom('questionnaire')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('status', 'in', ['sent', 'in_progress', 'returned', 'submitted'])
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  async updateQuestionnaireIfVersion(
    db: Db,
    orgId: string,
    id: string,
    expectedVersion: number,
    patch: Updateable<QuestionnaireTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('questionnaire')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async upsertAnswers(
    db: Db,
    rows: Array<{
      org_id: string;
      questionnaire_id: string;
      item_id: string;
      answer: string;
      explanation: string;
      updated_at: string;
    }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('questionnaire_answer')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['questionnaire_id', 'item_id']).doUpdateSet((eb) => ({
          answer: eb.ref('excluded.answer'),
          explanation: eb.ref('excluded.explanation'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  listAnswers(orgId: string, questionnaireId: string, db: Db = this.db) {
    return db
      .selectFrom('questionnaire_answer')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('item_id')
      .execute();
  }

  async insertAttachment(
    db: Db,
    row: {
      id: string;
      org_id: string;
      questionnaire_id: string;
      item_id: string;
      sha256: string;
      filename: string;
      mime_type: string;
      size_bytes: number;
      created_at: string;
    },
  ): Promise<void> {
    await db.insertInto('questionnaire_attachment').values(row).execute();
  }

  listAttachments(orgId: string, questionnaireId: string, db: Db = this.db) {
    return db
      .selectFrom('questionnaire_attachment')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('created_at')
      .execute();
  }

  /**
   * For each catalog item, how many critical providers have an accepted questionnaire answering "yes":
   * one aggregate over the latest accepted questionnaire of each provider.
   */
  async acceptedYesCountsForCriticalProviders(orgId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('questionnaire_answer as a')
      .innerJoin('questionnaire as q', 'q.id', 'a.questionnaire_id')
      .innerJoin('provider as p', 'p.id', 'q.provider_id')
      .select(['a.item_id', sql<number>`count(distinct p.id)`.as('providers')])
      .where('a.org_id', '=', orgId)
      .where('q.status', '=', 'accepted')
      .where('p.critical', '=', 1)
      .where('a.answer', '=', 'yes')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('questionnaire as newer')
              .select('newer.id')
              .whereRef('newer.provider_id', '=', 'q.provider_id')
              .where('newer.status', '=', 'accepted')
              .whereRef('newer.reviewed_at', '>', 'q.reviewed_at'),
          ),
        ),
      )
      .groupBy('a.item_id')
      .execute();
    return new Map(rows.map((r) => [r.item_id, Number(r.providers)]));
  }
}
