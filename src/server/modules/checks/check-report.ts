import type { Locale } from '../../platform/i18n.js';
import type { CheckRun } from './check-runner.js';
import type { RuleStatus } from './domain/verdict.js';

const STATUS: Record<RuleStatus, Record<Locale, string>> = {
  pass: { en: 'PASS', 'zh-TW': '通過' },
  warn: { en: 'WARN', 'zh-TW': '注意' },
  fail: { en: 'FAIL', 'zh-TW': '不符' },
  skip: { en: 'SKIP', 'zh-TW': '略過' },
};

const KIND: Record<CheckRun<unknown>['kind'], Record<Locale, string>> = {
  tls: { en: 'TLS check', 'zh-TW': 'TLS 檢查' },
  ssh: { en: 'SSH check', 'zh-TW': 'SSH 檢查' },
  reachability: { en: 'Reachability check', 'zh-TW': '服務回應檢查' },
};

/** One line per rule under a heading with target, profile, verdict and time: for terminals and CI logs. */
export function formatCheckText(
  run: CheckRun<{ durationMs?: number; addresses: string[] }>,
  lang: Locale,
): string {
  const verdict = STATUS[run.verdict][lang];
  const took = run.observations.durationMs === undefined ? '' : ` (${run.observations.durationMs} ms)`;
  const width = Math.max(...run.results.map((r) => r.id.length));
  return [
    `${KIND[run.kind][lang]} ${run.target} [${run.observations.addresses.join(', ')}]`,
    `${run.profile.label} — ${verdict}${took}`,
    ...run.results.map(
      (r) => `  ${STATUS[r.status][lang].padEnd(4)}  ${r.id.padEnd(width)}  ${r.message[lang]}`,
    ),
  ].join('\n');
}
