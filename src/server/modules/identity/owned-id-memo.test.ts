import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { createMember, type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { type RecordIds, seedRecords } from '../../../../test/support/tenant-records.js';
import { AppError } from '../../platform/errors.js';
import { checkIds, OwnedIdMemo } from './id-access.js';
import { ID_KINDS, type IdKind, type IdKindSpec } from './id-kinds.js';

const stableKinds = (Object.entries(ID_KINDS) as Array<[IdKind, IdKindSpec]>)
  .filter(([, spec]) => spec.stableOwner)
  .map(([kind]) => kind);

/** The code a rejected check answers, or null when it passes. */
async function refusal(run: Promise<void>): Promise<string | null> {
  try {
    await run;
    return null;
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return error.code;
    throw error;
  }
}

// The access layer remembers ids it has confirmed as an organisation's own (one query fewer for a repeat
// request). What it remembers must never let another organisation, or a membership that ended, through.
describeEachDatabase('confirmed ids remembered by the access layer', (db) => {
  let a: SeededOrg;
  let b: SeededOrg;
  let records: RecordIds;

  beforeAll(async () => {
    a = await seedOrganization(db(), 'Memo Alpha Securities');
    b = await seedOrganization(db(), 'Memo Beta Futures');
    records = await seedRecords(db(), a, 'memo-alpha');
  });

  const check = (orgId: string, kind: IdKind, id: string, memo: OwnedIdMemo) =>
    refusal(
      checkIds(
        db().handle.db,
        { orgId, userId: a.users.admin.id, scopeOrgId: null },
        { params: { id: kind } },
        { params: { id } },
        memo,
      ),
    );

  it('covers the record kinds, and not memberships', () => {
    expect(stableKinds).toEqual(
      expect.arrayContaining(['assessment', 'assessmentItem', 'evidence', 'provider']),
    );
    expect(stableKinds).not.toContain('member');
  });

  it("still refuses every kind's id to another organisation after confirming it for its own", async () => {
    const memo = new OwnedIdMemo();
    for (const kind of stableKinds) {
      const id = records[kind as keyof RecordIds];
      expect(await check(a.orgId, kind, id, memo), kind).toBeNull();
      expect(memo.has(kind, a.orgId, id), kind).toBe(true);
      expect(await check(b.orgId, kind, id, memo), kind).toBe(ID_KINDS[kind].notFound);
    }
  });

  it('asks again about a member whose membership ended after it was confirmed', async () => {
    const memo = new OwnedIdMemo();
    const leaving = await createMember(db(), a.orgId, { email: 'leaving.memo@example.test', role: 'viewer' });
    expect(await check(a.orgId, 'member', leaving.id, memo)).toBeNull();
    await db().services.organizations.removeMember(a.users.admin.id, a.orgId, leaving.id);
    expect(await check(a.orgId, 'member', leaving.id, memo)).toBe('USER_NOT_FOUND');
  });

  it('starts again when full rather than growing without bound', () => {
    const memo = new OwnedIdMemo(2);
    memo.add('assessment', a.orgId, 'one');
    memo.add('assessment', a.orgId, 'two');
    memo.add('assessment', a.orgId, 'three');
    expect(memo.has('assessment', a.orgId, 'one')).toBe(false);
    expect(memo.has('assessment', a.orgId, 'three')).toBe(true);
  });
});
