import { randomUUID } from 'node:crypto';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import { DEFAULT_AUDIT_INTERVAL_MONTHS, nextAuditDue } from './domain/audit-schedule.js';
import { daysBetween, isCalendarDate, todayInTaipei } from './domain/calendar-date.js';
import { notificationStatus } from './domain/incidents.js';
import './providers.errors.js';
import type { EvidenceRepository } from '../evidence/evidence.repository.js';
import { providerStatus } from './domain/provider-status.js';
import { columns, type ProviderInput } from './provider-input.js';
import { toProviderDto } from './providers.mappers.js';

export type { ProviderInput };

import type {
  AuditRow,
  ContactRow,
  IncidentRow,
  ProviderRow,
  ProvidersRepository,
} from './providers.repository.js';

/** The firm's register of cloud service providers, their audits and incidents. */
export class ProvidersService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: ProvidersRepository,
    private readonly audit: AuditRecorder,
    private readonly evidence: Pick<EvidenceRepository, 'find'>,
  ) {}

  /** Evidence referenced from the register must be the organisation's own. */
  private async ensureEvidence(orgId: string, evidenceId: string | null | undefined): Promise<void> {
    if (evidenceId && !(await this.evidence.find(this.tenants.scope(orgId), evidenceId)))
      throw new AppError(404, 'EVIDENCE_NOT_FOUND');
  }

  async get(orgId: string, id: string): Promise<ProviderRow> {
    const row = await this.repo.findProvider(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'PROVIDER_NOT_FOUND');
    return row;
  }

  /** A last-audit date given on the form is a past, real calendar date. */
  private checkLastAudit(lastAuditDate: string | null | undefined): void {
    if (lastAuditDate && (!isCalendarDate(lastAuditDate) || lastAuditDate > todayInTaipei()))
      throw new AppError(400, 'PROVIDER_LAST_AUDIT_INVALID');
  }

  async create(actor: Actor, input: ProviderInput): Promise<ProviderRow> {
    this.checkLastAudit(input.lastAuditDate);
    await this.ensureEvidence(actor.orgId, input.starReportEvidenceId);
    const at = new Date().toISOString();
    const row: ProviderRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      name: input.name,
      service_models: '[]',
      service_description: '',
      critical: 0,
      contract_start: null,
      contract_end: null,
      last_audit_date: null,
      contract_states_rto: 0,
      rto_hours: null,
      sla_evaluated_on: null,
      sla_result: null,
      sla_compensating_measures: '',
      star_status: 'none',
      star_valid_until: null,
      star_report_evidence_id: null,
      audit_interval_months: DEFAULT_AUDIT_INTERVAL_MONTHS,
      incident_notice_hours: 24,
      notes: '',
      is_self: 0,
      created_at: at,
      updated_at: at,
      version: 1,
      ...columns(input),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertProvider(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.create',
        targetType: 'provider',
        targetId: row.id,
        after: row,
      });
    });
    return row;
  }

  async update(
    actor: Actor,
    id: string,
    expectedVersion: number,
    input: Partial<ProviderInput>,
  ): Promise<ProviderRow> {
    this.checkLastAudit(input.lastAuditDate);
    await this.ensureEvidence(actor.orgId, input.starReportEvidenceId);
    const updated = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findProvider(t, id);
      if (!before) throw new AppError(404, 'PROVIDER_NOT_FOUND');
      const patch = { ...columns(input), updated_at: new Date().toISOString() };
      if (!(await this.repo.updateProviderIfVersion(t, id, expectedVersion, patch))) return null;
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.update',
        targetType: 'provider',
        targetId: id,
        before,
        after: patch,
      });
      return (await this.repo.findProvider(t, id))!;
    });
    if (updated) return updated;
    // Stale: the provider as it now stands, in its public form (never raw rows), read after the transaction.
    const [current] = await this.list(actor.orgId, 1, undefined, id);
    throw new AppError(409, 'VERSION_CONFLICT', {
      current: toProviderDto(current!.row, current!.contacts, current!.status),
    });
  }

  /** A page of the register (or one provider by id) with contacts and derived status: three queries. */
  async list(orgId: string, limit: number, after?: { name: string; id: string }, onlyId?: string) {
    const today = todayInTaipei();
    const rows = onlyId
      ? [await this.get(orgId, onlyId)]
      : await this.repo.listProviders(this.tenants.scope(orgId), limit, after);
    const [lastAudits, contacts] = await Promise.all([
      this.repo.latestAuditDates(this.tenants.scope(orgId)),
      this.repo.listContacts(
        this.tenants.scope(orgId),
        rows.map((r) => r.id),
      ),
    ]);
    const byProvider = new Map<string, ContactRow[]>();
    for (const contact of contacts) {
      byProvider.set(contact.provider_id, [...(byProvider.get(contact.provider_id) ?? []), contact]);
    }
    return rows.map((row) => ({
      row,
      contacts: byProvider.get(row.id) ?? [],
      status: providerStatus(row, lastAudits.get(row.id) ?? null, today),
    }));
  }

  /**
   * Register health at a glance, and for checklist items 1–18 how many critical providers satisfy each:
   * items 1–3 from the register (SLA evaluation, RTO clause, audits on time), 4–18 from accepted
   * questionnaire answers. Shown to the assessor as a hint while answering the item.
   */
  async dashboard(orgId: string) {
    const today = todayInTaipei();
    const [rows, lastAudits, lastOnsite, yesCounts, open] = await Promise.all([
      this.repo.listProviders(this.tenants.scope(orgId), 10_000),
      this.repo.latestAuditDates(this.tenants.scope(orgId)),
      this.repo.latestOnsiteAuditDates(this.tenants.scope(orgId)),
      this.repo.acceptedYesCountsForCriticalProviders(this.tenants.scope(orgId)),
      this.repo.countOpenQuestionnaires(this.tenants.scope(orgId)),
    ]);
    const statuses = rows.map((row) => ({
      row,
      status: providerStatus(row, lastAudits.get(row.id) ?? null, today),
    }));
    // Coverage counts the firm's external providers; its own service answers the provider-side items.
    const critical = statuses.filter((s) => s.row.critical === 1 && s.row.is_self === 0);
    const registerItems: Record<number, (s: (typeof statuses)[number]) => boolean> = {
      1: (s) =>
        s.row.sla_result === 'meets' ||
        (s.row.sla_result !== null && s.row.sla_compensating_measures.trim() !== ''),
      2: (s) => s.row.contract_states_rto === 1,
      // Audited in time, and on site where the STAR status does not allow a report instead (Art. 4.3).
      3: (s) => {
        const last =
          s.status.auditMode.mode === 'onsite_required'
            ? (lastOnsite.get(s.row.id) ?? null)
            : s.status.lastAuditDate;
        return last !== null && !nextAuditDue(last, last, today, s.row.audit_interval_months).overdue;
      },
    };
    const itemCoverage = Array.from({ length: 18 }, (_, i) => i + 1).map((number) => ({
      itemNumber: number,
      itemId: `item-${number}`,
      satisfied: registerItems[number]
        ? critical.filter(registerItems[number]).length
        : (yesCounts.get(`item-${number}`) ?? 0),
      criticalProviders: critical.length,
    }));
    return {
      providers: rows.length,
      critical: critical.length,
      auditsOverdue: statuses.filter((s) => s.status.auditOverdue).length,
      auditsDueWithin30Days: statuses.filter(
        (s) => !s.status.auditOverdue && daysBetween(today, s.status.nextAuditDue) <= 30,
      ).length,
      starExpiringWithin60Days: statuses.filter((s) => s.status.starExpiringSoon).length,
      questionnairesOutstanding: open,
      itemCoverage,
    };
  }

  async addContact(
    actor: Actor,
    providerId: string,
    input: { name: string; email: string; phone?: string; title?: string },
  ): Promise<ContactRow> {
    await this.get(actor.orgId, providerId);
    const row: ContactRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      provider_id: providerId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? '',
      title: input.title ?? '',
      created_at: new Date().toISOString(),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertContact(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.contact.add',
        targetType: 'provider',
        targetId: providerId,
        after: { contactId: row.id },
      });
    });
    return row;
  }

  async recordAudit(
    actor: Actor,
    providerId: string,
    input: {
      auditDate: string;
      auditType: 'onsite' | 'report_review';
      result: 'satisfactory' | 'findings' | 'unsatisfactory';
      findings?: string;
      evidenceId?: string | null;
    },
  ): Promise<AuditRow> {
    await this.get(actor.orgId, providerId);
    await this.ensureEvidence(actor.orgId, input.evidenceId);
    const row: AuditRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      provider_id: providerId,
      audit_date: input.auditDate,
      audit_type: input.auditType,
      result: input.result,
      findings: input.findings ?? '',
      evidence_id: input.evidenceId ?? null,
      created_by: actor.userId,
      created_at: new Date().toISOString(),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertAudit(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.audit.record',
        targetType: 'provider',
        targetId: providerId,
        after: row,
      });
    });
    return row;
  }

  listAudits(orgId: string, providerId: string) {
    return this.repo.listAudits(this.tenants.scope(orgId), providerId);
  }

  async recordIncident(
    actor: Actor,
    providerId: string,
    input: {
      kind: 'security_incident' | 'isolation_failure';
      occurredAt: string;
      notifiedAt?: string | null;
      summary: string;
    },
  ): Promise<IncidentRow> {
    await this.get(actor.orgId, providerId);
    const at = new Date().toISOString();
    const row: IncidentRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      provider_id: providerId,
      kind: input.kind,
      occurred_at: input.occurredAt,
      notified_at: input.notifiedAt ?? null,
      summary: input.summary,
      status: 'open',
      closed_at: null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertIncident(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.incident.record',
        targetType: 'provider',
        targetId: providerId,
        after: row,
      });
    });
    return row;
  }

  /** A follow-up from the provider (Art. 6.3 定期更新), optionally closing the incident. */
  async addIncidentUpdate(
    actor: Actor,
    incidentId: string,
    input: { note: string; at?: string; close?: boolean; notifiedAt?: string },
  ) {
    const incident = await this.repo.findIncident(this.tenants.scope(actor.orgId), incidentId);
    if (!incident) throw new AppError(404, 'INCIDENT_NOT_FOUND');
    const at = input.at ?? new Date().toISOString();
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertIncidentUpdate(t, {
        id: randomUUID(),
        org_id: actor.orgId,
        incident_id: incidentId,
        at,
        note: input.note,
        created_by: actor.userId,
      });
      await this.repo.updateIncident(t, incidentId, {
        updated_at: new Date().toISOString(),
        ...(input.notifiedAt && !incident.notified_at ? { notified_at: input.notifiedAt } : {}),
        ...(input.close ? { status: 'closed', closed_at: at } : {}),
      });
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'provider.incident.update',
        targetType: 'provider_incident',
        targetId: incidentId,
        after: input,
      });
    });
  }

  async listIncidents(orgId: string, providerId: string) {
    const provider = await this.get(orgId, providerId);
    const incidents = await this.repo.listIncidents(this.tenants.scope(orgId), providerId);
    const updates = await this.repo.listIncidentUpdates(
      this.tenants.scope(orgId),
      incidents.map((i) => i.id),
    );
    return incidents.map((incident) => ({
      incident,
      updates: updates.filter((u) => u.incident_id === incident.id),
      notification: notificationStatus(
        incident.occurred_at,
        incident.notified_at,
        provider.incident_notice_hours,
      ),
    }));
  }
}
