import { describe, expect, it } from 'vitest';
import { notificationStatus } from './incidents.js';
import { providerAuditDue, providerStatus } from './provider-status.js';
import { hashLinkToken, linkRefusal, newLinkToken } from './questionnaire-rules.js';

describe('notificationStatus', () => {
  const occurred = '2026-11-01T00:00:00.000Z';
  it('is on time within the window and late after it', () => {
    expect(notificationStatus(occurred, '2026-11-01T23:59:00.000Z', 24)).toBe('on_time');
    expect(notificationStatus(occurred, '2026-11-02T00:01:00.000Z', 24)).toBe('late');
  });
  it('turns a silent provider from pending to missing when the window closes', () => {
    expect(notificationStatus(occurred, null, 24, new Date('2026-11-01T12:00:00Z'))).toBe('pending');
    expect(notificationStatus(occurred, null, 24, new Date('2026-11-02T00:00:01Z'))).toBe('missing');
  });
});

describe('questionnaire links', () => {
  it('stores only a hash of a high-entropy token', () => {
    const { token, hash } = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashLinkToken(token));
    expect(hash).not.toContain(token);
    expect(newLinkToken().token).not.toBe(token);
  });
  it('refuses revoked, used and expired links and allows coming back before submitting', () => {
    const future = '2099-01-01T00:00:00Z';
    expect(linkRefusal('sent', future)).toBeNull();
    expect(linkRefusal('in_progress', future)).toBeNull();
    expect(linkRefusal('returned', future)).toBeNull();
    expect(linkRefusal('revoked', future)).toBe('QUESTIONNAIRE_LINK_REVOKED');
    expect(linkRefusal('submitted', future)).toBe('QUESTIONNAIRE_LINK_USED');
    expect(linkRefusal('accepted', future)).toBe('QUESTIONNAIRE_LINK_USED');
    expect(linkRefusal('in_progress', '2020-01-01T00:00:00Z')).toBe('QUESTIONNAIRE_LINK_EXPIRED');
  });
});

describe('providerStatus: the first audit', () => {
  // Registered 2026-12-01 (Taipei): 16:30 UTC on 30 November is past midnight in Taipei.
  const facts = (contractStart: string | null, lastAuditDate: string | null = null) => ({
    contract_start: contractStart,
    last_audit_date: lastAuditDate,
    created_at: '2026-11-30T16:30:00.000Z',
    audit_interval_months: 12,
    star_status: 'none',
    star_valid_until: null,
  });
  it('falls due one interval after the contract start, so a provider added today is not overdue', () => {
    expect(providerStatus(facts('2026-10-01'), null, '2026-12-01')).toMatchObject({
      nextAuditDue: '2027-10-01',
      auditOverdue: false,
      auditDueBasis: 'contract_start',
    });
  });
  it('counts from registration (Taipei date) without a contract date', () => {
    expect(providerStatus(facts(null), null, '2026-12-01')).toMatchObject({
      nextAuditDue: '2027-12-01',
      auditOverdue: false,
      auditDueBasis: 'registration',
    });
  });
  it('counts from the last-audit date the form asked for, before the contract start', () => {
    expect(providerStatus(facts('2020-01-01', '2026-03-15'), null, '2026-12-01')).toMatchObject({
      lastAuditDate: '2026-03-15',
      nextAuditDue: '2027-03-15',
      auditOverdue: false,
      auditDueBasis: 'last_audit',
    });
  });
  it('is never overdue when entered: a contract or audit older than an interval gets the grace months', () => {
    const old = providerStatus(facts('2020-01-01'), null, '2026-12-01');
    expect(old).toMatchObject({ nextAuditDue: '2027-03-01', auditOverdue: false });
    expect(old.auditDueBasis).toBe('registration_grace');
    expect(providerStatus(facts(null, '2024-05-01'), null, '2026-12-01')).toMatchObject({
      lastAuditDate: '2024-05-01',
      nextAuditDue: '2027-03-01',
      auditDueBasis: 'registration_grace',
    });
    // Once the grace has passed without an audit, it is overdue.
    expect(providerStatus(facts('2020-01-01'), null, '2027-03-02').auditOverdue).toBe(true);
    expect(providerStatus(facts('2020-01-01'), null, '2027-03-01').auditOverdue).toBe(false);
  });
  it('follows audits recorded in the register, without grace, once they are the latest', () => {
    expect(providerStatus(facts('2020-01-01', '2026-03-15'), '2026-06-01', '2026-12-01')).toMatchObject({
      lastAuditDate: '2026-06-01',
      nextAuditDue: '2027-06-01',
      auditDueBasis: 'last_audit',
    });
    // A recorded audit older than the one given on the form does not take over.
    expect(providerStatus(facts(null, '2026-03-15'), '2025-01-10', '2026-12-01').lastAuditDate).toBe(
      '2026-03-15',
    );
    // A recorded audit long ago leaves the provider overdue: the register itself knew of it.
    expect(providerStatus(facts(null), '2025-01-10', '2026-12-01')).toMatchObject({
      nextAuditDue: '2026-01-10',
      auditOverdue: true,
    });
  });
  it('refuses an interval that is not a positive whole number of months', () => {
    expect(() =>
      providerAuditDue({ ...facts(null), audit_interval_months: 0 }, null, '2026-12-01'),
    ).toThrow();
  });
});
