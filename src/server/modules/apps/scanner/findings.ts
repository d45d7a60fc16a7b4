import type { Severity } from '../../../platform/sarif.js';

/**
 * What a check reports. The severity comes from the rule pack unless an import (MobSF) carries its own.
 * `subject` identifies the finding within its location across builds (a component name, a domain, a
 * masked value), so it feeds the SARIF fingerprint; `evidence` is what a reviewer reads. Neither ever
 * holds a secret or personal data in clear: values are masked before they get here.
 */
export interface FindingDraft {
  ruleId: string;
  /** Archive entry or file the finding is in (AndroidManifest.xml, classes2.dex, Payload/A.app/Info.plist). */
  location: string;
  subject: string;
  evidence: string;
  severity?: Severity;
  /** Set by imports: the control the source tool names, when it is a MASVS v2 id. */
  masvs?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  masvs: string;
  clause: string;
  location: string;
  subject: string;
  evidence: string;
}

/** Keeps the first `max` drafts per rule and counts the rest, so a noisy rule cannot flood the output. */
export function capPerRule(
  drafts: FindingDraft[],
  max: number,
): { kept: FindingDraft[]; dropped: Record<string, number> } {
  const counts = new Map<string, number>();
  const kept: FindingDraft[] = [];
  const dropped: Record<string, number> = {};
  const seen = new Set<string>();
  for (const draft of drafts) {
    const key = `${draft.ruleId}\u0000${draft.location}\u0000${draft.subject}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const count = (counts.get(draft.ruleId) ?? 0) + 1;
    counts.set(draft.ruleId, count);
    if (count <= max) kept.push(draft);
    else dropped[draft.ruleId] = (dropped[draft.ruleId] ?? 0) + 1;
  }
  return { kept, dropped };
}
