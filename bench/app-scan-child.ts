// One measured scan for bench/app-scan.ts: prints {ms, maxRssMiB, outcome} as JSON.
import { loadRulePack } from '../src/server/modules/apps/scanner/rule-pack.js';
import { scanFile } from '../src/server/modules/apps/scanner/scan.js';

const file = process.argv[2]!;
const started = performance.now();
let outcome: string;
try {
  const result = await scanFile(file, { pack: loadRulePack() });
  const rules = [...new Set(result.findings.map((f) => f.ruleId))].join(', ');
  outcome = `${result.summary.total} findings (${rules}), ${result.app.platform === 'android' && 'stringsScanned' in result.app ? result.app.stringsScanned : 0} strings`;
} catch (error) {
  outcome = `refused: ${(error as { code?: string }).code ?? (error as Error).message}`;
}
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({ ms, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), outcome }),
);
