import { describe, expect, it } from 'vitest';
import { isValidBusinessId } from './business-id.js';
import { lockUntil } from './lockout.js';
import { passwordProblem } from './password-policy.js';
import { ROLE_PERMISSIONS, roleGrants } from './permissions.js';

describe('passwordProblem', () => {
  const user = { email: 'chen.mei@broker.com.tw', name: 'Mei Chen' };
  it('accepts a long, unusual passphrase', () => {
    expect(passwordProblem('雲端管控 correct horse 42', user)).toBeNull();
  });
  it('refuses short, common, repetitive and identity-derived passwords', () => {
    expect(passwordProblem('Short1!', user)).toBe('TOO_SHORT');
    expect(passwordProblem('Password1234', user)).toBe('COMMON');
    expect(passwordProblem('ababababababab', user)).toBe('REPETITIVE');
    expect(passwordProblem('xx-chenmei-2026!', user)).toBe('CONTAINS_IDENTITY');
    expect(passwordProblem('Mei-loves-clouds-99', { ...user, email: 'x@y.tw' })).toBe('CONTAINS_IDENTITY');
  });
});

describe('lockUntil', () => {
  const now = new Date('2026-11-24T00:00:00Z');
  it('allows five attempts, then locks with growing backoff capped at an hour', () => {
    expect(lockUntil(4, now)).toBeNull();
    expect(lockUntil(5, now)?.toISOString()).toBe('2026-11-24T00:01:00.000Z');
    expect(lockUntil(6, now)?.toISOString()).toBe('2026-11-24T00:02:00.000Z');
    expect(lockUntil(8, now)?.toISOString()).toBe('2026-11-24T00:08:00.000Z');
    expect(lockUntil(30, now)?.toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
});

describe('isValidBusinessId (統一編號)', () => {
  it('accepts valid numbers, including the 7th-digit-7 special case', () => {
    expect(isValidBusinessId('22099131')).toBe(true);
    expect(isValidBusinessId('04595257')).toBe(true);
    expect(isValidBusinessId('10458575')).toBe(true);
  });
  it('refuses wrong checksums and malformed input', () => {
    expect(isValidBusinessId('22099132')).toBe(false);
    expect(isValidBusinessId('1234567')).toBe(false);
    expect(isValidBusinessId('1234567a')).toBe(false);
  });
});

describe('role permissions', () => {
  it('keeps read-only roles read-only and the audit log from viewers', () => {
    for (const role of ['auditor', 'viewer'] as const) {
      expect(
        ROLE_PERMISSIONS[role].some(
          (p) => p.endsWith(':write') || p.endsWith(':manage') || p === 'assessment:approve',
        ),
      ).toBe(false);
    }
    expect(roleGrants('auditor', 'audit:read')).toBe(true);
    expect(roleGrants('viewer', 'audit:read')).toBe(false);
  });
  it('separates duties: assessors answer, reviewers review, approvers sign off', () => {
    expect(roleGrants('assessor', 'assessment:write')).toBe(true);
    expect(roleGrants('assessor', 'assessment:approve')).toBe(false);
    expect(roleGrants('reviewer', 'assessment:review')).toBe(true);
    expect(roleGrants('reviewer', 'assessment:write')).toBe(false);
    expect(roleGrants('approver', 'assessment:approve')).toBe(true);
    expect(roleGrants('admin', 'members:manage')).toBe(true);
    expect(roleGrants('admin', 'assessment:write')).toBe(false);
  });
});
