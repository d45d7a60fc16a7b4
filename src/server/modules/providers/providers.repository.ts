import { type Kysely, PostgresAdapter, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
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

/** Kysely queries for the provider register, each through the caller's tenant scope. */
export class ProvidersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertProvider(t: TenantScope, row: ProviderRow): Promise<void> {
    await t.db.insertInto('provider').values(row).execute();
  }

  findProvider(t: TenantScope, id: string): Promise<ProviderRow | undefined> {
    return t.db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keyset pagination by name. */
  listProviders(t: TenantScope, limit: number, after?: { name: string; id: string }): Promise<ProviderRow[]> {
    let query = t.db.selectFrom('provider').selectAll();
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
      );
    }
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  }

  async updateProviderIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<ProviderTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('provider')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertContact(t: TenantScope, row: ContactRow): Promise<void> {
    await t.db.insertInto('provider_contact').values(row).execute();
  }

  listContacts(t: TenantScope, providerIds: string[]): Promise<ContactRow[]> {
    if (providerIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('provider_contact')
      .selectAll()
      .where('provider_id', 'in', providerIds)
      .orderBy('name')
      .execute();
  }

  findContact(t: TenantScope, id: string): Promise<ContactRow | undefined> {
    return t.db.selectFrom('provider_contact').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAudit(t: TenantScope, row: AuditRow): Promise<void> {
    await t.db.insertInto('provider_audit').values(row).execute();
  }

  listAudits(t: TenantScope, providerId: string): Promise<AuditRow[]> {
    return t.db
      .selectFrom('provider_audit')
      .selectAll()
      .where('provider_id', '=', providerId)
      .orderBy('audit_date', 'desc')
      .execute();
  }

  /** Latest audit date per provider, for the whole register in one GROUP BY. */
  async latestAuditDates(t: TenantScope): Promise<Map<string, string>> {
    const rows = await t.db
      .selectFrom('provider_audit')
      .select(['provider_id', sql<string>`max(audit_date)`.as('last')])
      .groupBy('provider_id')
      .execute();
    return new Map(rows.map((r) => [r.provider_id, r.last]));
  }

  /** The latest on-site audit per provider (Art. 4.3: required without CSA STAR bronze or above). */
  async latestOnsiteAuditDates(t: TenantScope): Promise<Map<string, string>> {
    const rows = await t.db
      .selectFrom('provider_audit')
      .select(['provider_id', sql<string>`max(audit_date)`.as('last')])
      .where('audit_type', '=', 'onsite')
      .groupBy('provider_id')
      .execute();
    return new Map(rows.map((r) => [r.provider_id, r.last]));
  }

  async insertIncident(t: TenantScope, row: IncidentRow): Promise<void> {
    await t.db.insertInto('provider_incident').values(row).execute();
  }

  findIncident(t: TenantScope, id: string): Promise<IncidentRow | undefined> {
    return t.db.selectFrom('provider_incident').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateIncident(t: TenantScope, id: string, patch: Updateable<ProviderIncidentTable>): Promise<void> {
    await t.db.updateTable('provider_incident').set(patch).where('id', '=', id).execute();
  }

  async insertIncidentUpdate(
    t: TenantScope,
    row: { id: string; org_id: string; incident_id: string; at: string; note: string; created_by: string },
  ): Promise<void> {
    await t.db.insertInto('provider_incident_update').values(row).execute();
  }

  listIncidents(t: TenantScope, providerId: string): Promise<IncidentRow[]> {
    return t.db
      .selectFrom('provider_incident')
      .selectAll()
      .where('provider_id', '=', providerId)
      .orderBy('occurred_at', 'desc')
      .execute();
  }

  listIncidentUpdates(t: TenantScope, incidentIds: string[]) {
    if (incidentIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('provider_incident_update')
      .selectAll()
      .where('incident_id', 'in', incidentIds)
      .orderBy('at')
      .execute();
  }

  async insertQuestionnaire(t: TenantScope, row: QuestionnaireRow): Promise<void> {
    await t.db.insertInto('questionnaire').values(row).execute();
  }

  findQuestionnaire(t: TenantScope, id: string): Promise<QuestionnaireRow | undefined> {
    return t.db.selectFrom('questionnaire').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The only lookup that is not by organisation: the link token is the credential, and it names one row. */
  findQuestionnaireByTokenHash(tokenHash: string): Promise<QuestionnaireRow | undefined> {
    return crossTenant(this.db, 'a questionnaire link token names its own row')
      .selectFrom('questionnaire')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  listQuestionnaires(t: TenantScope, providerId?: string): Promise<QuestionnaireRow[]> {
    let query = t.db.selectFrom('questionnaire').selectAll();
    if (providerId) query = query.where('provider_id', '=', providerId);
    return query.orderBy('created_at', 'desc').execute();
  }

  /** Questionnaires still with the provider or awaiting the firm's review. */
  countOpenQuestionnaires(t: TenantScope): Promise<number> {
    return t.db
      .selectFrom('questionnaire')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['sent', 'in_progress', 'returned', 'submitted'])
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  async updateQuestionnaireIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<QuestionnaireTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('questionnaire')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async upsertAnswers(
    t: TenantScope,
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
    await t.db
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

  listAnswers(t: TenantScope, questionnaireId: string) {
    return t.db
      .selectFrom('questionnaire_answer')
      .selectAll()
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('item_id')
      .execute();
  }

  async insertAttachment(
    t: TenantScope,
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
    await t.db.insertInto('questionnaire_attachment').values(row).execute();
  }

  /**
   * Holds one questionnaire until the transaction ends, so count-then-insert under it is atomic:
   * `FOR UPDATE` on PostgreSQL; SQLite runs one transaction at a time on its single connection.
   */
  lockQuestionnaire(t: TenantScope, id: string): Promise<QuestionnaireRow | undefined> {
    let query = t.db.selectFrom('questionnaire').selectAll().where('id', '=', id);
    if (t.db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  listAttachments(t: TenantScope, questionnaireId: string) {
    return t.db
      .selectFrom('questionnaire_attachment')
      .selectAll()
      .where('questionnaire_id', '=', questionnaireId)
      .orderBy('created_at')
      .execute();
  }

  /**
   * For each catalog item, how many critical providers have an accepted questionnaire answering "yes":
   * one aggregate over the latest accepted questionnaire of each provider.
   */
  async acceptedYesCountsForCriticalProviders(t: TenantScope): Promise<Map<string, number>> {
    const rows = await t.db
      .selectFrom('questionnaire_answer as a')
      .innerJoin('questionnaire as q', 'q.id', 'a.questionnaire_id')
      .innerJoin('provider as p', 'p.id', 'q.provider_id')
      .select(['a.item_id', sql<number>`count(distinct p.id)`.as('providers')])
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
