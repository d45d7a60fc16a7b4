import { describe, expect, it } from 'vitest';
import {
  auditModeFor,
  certificateExpiringSoon,
  nextAuditDue,
  STAR_STATUSES,
  type StarStatus,
} from './audit-schedule.js';
import { addMonths, daysBetween, isCalendarDate, todayInTaipei } from './calendar-date.js';

describe('auditModeFor (Art. 4.3)', () => {
  const expected: Record<StarStatus, string> = {
    none: 'onsite_required',
    level1_self_assessment: 'onsite_required',
    level2_certification_bronze: 'report_or_onsite',
    level2_certification_silver: 'report_or_onsite',
    level2_certification_gold: 'report_or_onsite',
    level2_attestation: 'onsite_required',
  };

  it.each(STAR_STATUSES)('%s', (status) => {
    expect(auditModeFor(status, '2027-12-31', '2026-11-24').mode).toBe(expected[status]);
  });

  it('treats a certificate expired on the audit date as no certificate', () => {
    expect(auditModeFor('level2_certification_gold', '2026-11-23', '2026-11-24')).toEqual({
      mode: 'onsite_required',
      basis: 'art-4.3-certificate-expired',
    });
    expect(auditModeFor('level2_certification_gold', '2026-11-24', '2026-11-24').mode).toBe(
      'report_or_onsite',
    );
  });
});

describe('calendar arithmetic', () => {
  it('clamps month ends and honours leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2026-11-24', '2026-11-20')).toBe(-4);
  });

  it('rejects impossible dates', () => {
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });

  it('uses the Taipei date near midnight UTC', () => {
    expect(todayInTaipei(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(todayInTaipei(new Date('2026-11-24T15:59:00Z'))).toBe('2026-11-24');
  });
});

describe('nextAuditDue', () => {
  it('falls due twelve months after the last audit by default', () => {
    expect(nextAuditDue('2025-11-30', '2020-01-01', '2026-11-24')).toEqual({
      nextDue: '2026-11-30',
      overdue: false,
      daysLeft: 6,
    });
  });

  it('is overdue the day after the due date, across a leap day', () => {
    const due = nextAuditDue('2027-02-28', '2020-01-01', '2028-03-01');
    expect(due).toEqual({ nextDue: '2028-02-28', overdue: true, daysLeft: -2 });
    expect(nextAuditDue('2027-02-28', '2020-01-01', '2028-02-28').overdue).toBe(false);
  });

  it('supports a configurable interval and a first audit from the contract start', () => {
    expect(nextAuditDue('2026-08-31', '2020-01-01', '2026-11-24', 6).nextDue).toBe('2027-02-28');
    expect(nextAuditDue(null, '2026-10-01', '2026-11-24')).toMatchObject({
      nextDue: '2026-10-01',
      overdue: true,
    });
    expect(() => nextAuditDue(null, '2026-10-01', '2026-11-24', 0)).toThrow();
  });
});

describe('certificateExpiringSoon', () => {
  it('flags certificates expiring within 60 days, not expired ones', () => {
    expect(certificateExpiringSoon('2027-01-23', '2026-11-24')).toBe(true);
    expect(certificateExpiringSoon('2027-01-24', '2026-11-24')).toBe(false);
    expect(certificateExpiringSoon('2026-11-23', '2026-11-24')).toBe(false);
    expect(certificateExpiringSoon(null, '2026-11-24')).toBe(false);
  });
});
