import type { Bilingual } from '../../platform/i18n.js';
import type { Db } from './assessments.repository.js';

/** Who acts, after the route's access check has established membership and permission. */
export interface Actor {
  userId: string;
  orgId: string;
}

/** The checklist items of one catalog version, as the catalog module publishes them. */
export interface CatalogItemSnapshot {
  itemId: string;
  number: number;
  chapter: number;
  role: string | null;
  tags: string[];
  /** Clause node ids the item checks, e.g. art-5.1 */
  references: string[];
  question: Bilingual;
  provenance: 'published' | 'derived';
}

/** Whether a user belongs to an organisation: owners and assignees must be members of the same tenant. */
export type MembershipCheck = (orgId: string, userId: string) => Promise<boolean>;

export interface CatalogItemsSource {
  /** Accepts a catalog's database id or its `urn@version`; undefined when unknown. */
  resolve(catalogRef: string): Promise<{ catalogId: string; items: CatalogItemSnapshot[] } | undefined>;
}

/** Appends to the organisation's tamper-evident audit trail inside the caller's transaction. */
export interface AuditRecorder {
  record(
    db: Db,
    entry: {
      orgId: string;
      /** null for operators acting through the CLI. */
      actorUserId: string | null;
      action: string;
      targetType: string;
      targetId: string;
      before?: unknown;
      after?: unknown;
    },
  ): Promise<void>;
}
