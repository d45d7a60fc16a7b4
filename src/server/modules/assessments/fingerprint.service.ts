import { createHash } from 'node:crypto';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { EvidenceRepository, EvidenceRow } from '../evidence/evidence.repository.js';
import type { AssessmentRow, AssessmentsRepository } from './assessments.repository.js';
import { computeFingerprint } from './domain/fingerprint.js';

/** Links and notes have no file; their content is hashed so that editing them also breaks the fingerprint. */
export function evidenceContentHash(evidence: Pick<EvidenceRow, 'kind' | 'sha256' | 'url' | 'note'>): string {
  if (evidence.kind === 'file' && evidence.sha256) return evidence.sha256;
  const content = evidence.kind === 'link' ? `link:${evidence.url ?? ''}` : `note:${evidence.note ?? ''}`;
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Gathers an assessment's stored content (two queries) and fingerprints it. */
export class FingerprintService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  async compute(
    t: TenantScope,
    assessment: AssessmentRow,
    approvedBy: string,
    approvedAt: string,
  ): Promise<string> {
    const [items, attached] = await Promise.all([
      this.assessments.listItems(t, assessment.id),
      this.evidence.listForAssessment(t, assessment.id),
    ]);
    const hashesByItem = new Map<string, string[]>();
    for (const row of attached) {
      const list = hashesByItem.get(row.assessment_item_id) ?? [];
      list.push(evidenceContentHash(row));
      hashesByItem.set(row.assessment_item_id, list);
    }
    return computeFingerprint({
      assessmentId: assessment.id,
      revision: assessment.revision,
      catalogId: assessment.catalog_id,
      period: assessment.period,
      scoping: assessment.scoping ? (JSON.parse(assessment.scoping) as Record<string, boolean>) : {},
      approvedBy,
      approvedAt,
      items: items.map((item) => ({
        itemId: item.item_id,
        applicable: item.applicable === 1,
        result: item.result,
        explanation: item.explanation,
        compensatingControl: item.compensating_control,
        evidenceHashes: hashesByItem.get(item.id) ?? [],
      })),
    });
  }
}
