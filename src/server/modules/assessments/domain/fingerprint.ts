import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../platform/canonical-json.js';

export { canonicalJson };

export interface FingerprintItem {
  itemId: string;
  applicable: boolean;
  result: string;
  explanation: string;
  compensatingControl: string;
  /** SHA-256 of each attached file, plus link/note evidence as their own content hash. */
  evidenceHashes: string[];
}

export interface FingerprintInput {
  assessmentId: string;
  revision: number;
  catalogId: string;
  period: string;
  scoping: Record<string, boolean>;
  items: FingerprintItem[];
  approvedBy: string;
  approvedAt: string;
}

export const FINGERPRINT_ALGORITHM = 'sha256-canonical-json-v1';

/** SHA-256 over the canonical serialisation; items and evidence are sorted so storage order cannot matter. */
export function computeFingerprint(input: FingerprintInput): string {
  const normalised = {
    ...input,
    algorithm: FINGERPRINT_ALGORITHM,
    items: [...input.items]
      .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
      .map((item) => ({ ...item, evidenceHashes: [...item.evidenceHashes].sort() })),
  };
  return createHash('sha256').update(canonicalJson(normalised), 'utf8').digest('hex');
}
