import { describe, expect, it } from 'vitest';
import { withThrowawayApp } from '../../../../scripts/lib/throwaway-app.js';
import { ID_KINDS } from './id-kinds.js';

/**
 * `external` is the one id kind the access layer does not resolve: it marks identifiers that are not
 * Jianhe records. Because the tenant-isolation test cannot probe it, declaring a real record's id as
 * `external` would switch its check off unseen. So each external field name is on this reviewed list,
 * with what it is and who validates it; a new one fails here until someone adds it and says why.
 */
const REVIEWED_EXTERNAL_FIELDS: Record<string, string> = {
  catalogId: 'a catalog URN shared by every organisation; the catalog service answers CATALOG_NOT_FOUND',
  token: 'a secret link token (invitation, questionnaire, iCal); its service looks up the hash',
  businessId: "a company's registration number (統一編號), validated by its checksum rule",
  clientId: "an OIDC client id at the firm's identity provider",
  domain: 'an e-mail domain being claimed, validated by DNS proof',
  name: 'a scheduler job name from the static job list',
  'answers[].itemId': 'a catalog item id (item-4), checked against the questionnaire’s catalog',
  shareItemIds: 'catalog item ids (item-4) a firm agrees to share, checked against the campaign catalog',
  bundleId: "an app store bundle or package id (tw.com.firm.app), the app's own name",
  control: 'a release-gate control key from the fixed list in apps/domain',
  'scan.findings[].ruleId': "a scanner rule id (from the scanner's rule set), not a record",
};

/** A field named after a record kind (`evidenceId`, `deviceIds`, `scan.assessmentId`) is never `external`. */
const recordKinds = Object.keys(ID_KINDS).filter((kind) => kind !== 'external');
const namesARecord = (field: string) =>
  recordKinds.some((kind) => new RegExp(`(^|[.\\]])${kind}Ids?$`, 'i').test(field));

describe('ids declared external', () => {
  it('are only the reviewed, non-record identifiers', async () => {
    const declared = await withThrowawayApp((app) =>
      app.appRoutes.flatMap((route) =>
        (['params', 'query', 'body'] as const).flatMap((where) =>
          Object.entries(route.ids[where] ?? {})
            .filter(([, kind]) => kind === 'external')
            .map(([field]) => ({ route: `${route.method} ${route.url}`, field })),
        ),
      ),
    );
    expect(declared.length).toBeGreaterThan(5);
    const unreviewed = declared.filter((d) => !(d.field in REVIEWED_EXTERNAL_FIELDS));
    expect(unreviewed).toEqual([]);
    const recordLike = declared.filter((d) => namesARecord(d.field));
    expect(recordLike).toEqual([]);
  });
});
