import { ARTICLES, type Article, CONTROL_ARTICLE, CONTROLS, type Control } from './controls.js';
import type { ControlResult, EvaluatedDevice } from './posture-rules.js';

export interface ControlTally {
  control: Control;
  pass: number;
  fail: number;
  unknown: number;
  notRequired: number;
}

/** Register facts besides device posture that articles 14.1, 14.2 and 15.x are judged on. */
export interface ProgrammeFacts {
  /** Art. 14.1: versions of the request/return rules kept as evidence. */
  policyDocuments: number;
  /** Art. 14.2: member-departure tasks of the device register. */
  tasksOpen: number;
  tasksDone: number;
  /** Art. 14.5: apps on the allowed list. */
  allowedApps: number;
  /** Art. 15.1: in-scope BYOD devices by review state. */
  byodReviewsCurrent: number;
  byodReviewsDue: number;
  /** Art. 15.2: in-scope BYOD devices by their holder's acceptance of the current agreement. */
  byodAccepted: number;
  byodNotAccepted: number;
  agreementVersion: number | null;
  /** Art. 15.3: the tethering control is recorded with evidence. */
  tetheringRecorded: boolean;
  tetheringEvidence: number;
}

export interface ArticleSummary {
  article: Article;
  item: number;
  /** In-scope devices the figures count. */
  inScope: number;
  controls: ControlTally[];
  facts: Record<string, number | boolean | null>;
}

export interface RegisterSummary {
  devices: number;
  inScope: number;
  excluded: number;
  byod: number;
  company: number;
  stale: number;
  failing: number;
  unknown: number;
  articles: ArticleSummary[];
}

/** Folds evaluated devices into per-control tallies; only in-scope devices count (Art. 13). */
export class PostureTally {
  devices = 0;
  inScope = 0;
  byod = 0;
  stale = 0;
  failing = 0;
  unknown = 0;
  private readonly tallies = new Map<Control, ControlTally>(
    CONTROLS.map((control) => [control, { control, pass: 0, fail: 0, unknown: 0, notRequired: 0 }]),
  );

  add(device: EvaluatedDevice, ownership: 'company' | 'byod'): void {
    this.devices += 1;
    if (ownership === 'byod') this.byod += 1;
    if (!device.inScope) return;
    this.inScope += 1;
    if (device.stale) this.stale += 1;
    if (device.failing > 0) this.failing += 1;
    else if (device.unknown > 0) this.unknown += 1;
    for (const c of device.controls) bump(this.tallies.get(c.control)!, c.result);
  }

  get controls(): ControlTally[] {
    return [...this.tallies.values()];
  }
}

function bump(tally: ControlTally, result: ControlResult): void {
  if (result === 'pass') tally.pass += 1;
  else if (result === 'fail') tally.fail += 1;
  else if (result === 'unknown') tally.unknown += 1;
  else tally.notRequired += 1;
}

/** The summary per article of chapter 4: posture tallies where devices answer, programme facts elsewhere. */
export function summarise(tally: PostureTally, facts: ProgrammeFacts): RegisterSummary {
  const articleFacts: Partial<Record<Article, Record<string, number | boolean | null>>> = {
    '14.1': { policyDocuments: facts.policyDocuments },
    '14.2': { tasksOpen: facts.tasksOpen, tasksDone: facts.tasksDone },
    '14.5': { allowedApps: facts.allowedApps },
    '15.1': { reviewsCurrent: facts.byodReviewsCurrent, reviewsDue: facts.byodReviewsDue },
    '15.2': {
      agreementVersion: facts.agreementVersion,
      accepted: facts.byodAccepted,
      notAccepted: facts.byodNotAccepted,
    },
    '15.3': { recorded: facts.tetheringRecorded, evidence: facts.tetheringEvidence },
  };
  return {
    devices: tally.devices,
    inScope: tally.inScope,
    excluded: tally.devices - tally.inScope,
    byod: tally.byod,
    company: tally.devices - tally.byod,
    stale: tally.stale,
    failing: tally.failing,
    unknown: tally.unknown,
    articles: ARTICLES.map(({ article, item }) => ({
      article,
      item,
      inScope: tally.inScope,
      controls: tally.controls.filter((c) => CONTROL_ARTICLE[c.control] === article),
      facts: articleFacts[article] ?? {},
    })),
  };
}

/** "Art. 14.4(7): 212 of 230 in-scope devices pass storage encryption, 18 unknown". */
export function headline(
  summary: ArticleSummary,
  locale: 'zh-TW' | 'en',
  label: (c: Control) => string,
): string[] {
  return summary.controls.map((c) =>
    locale === 'en'
      ? `Art. ${summary.article}: ${c.pass} of ${summary.inScope} in-scope devices pass ${label(c.control)}, ${c.fail} fail, ${c.unknown} unknown`
      : `第${summary.article}：${summary.inScope} 台適用裝置中 ${c.pass} 台通過「${label(c.control)}」，${c.fail} 台未通過，${c.unknown} 台未知`,
  );
}
