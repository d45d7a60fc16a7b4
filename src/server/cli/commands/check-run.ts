import { type Command, Option } from 'commander';
import {
  type FailOn,
  failsBuild,
  overallVerdict,
  type RuleResult,
} from '../../modules/checks/domain/verdict.js';
import type { Locale } from '../../platform/i18n.js';
import { withCliContext, writeOutput } from '../context.js';
import { CliError } from '../errors.js';

const STATUS: Record<string, Record<Locale, string>> = {
  pass: { en: 'PASS', 'zh-TW': '通過' },
  warn: { en: 'WARN', 'zh-TW': '注意' },
  fail: { en: 'FAIL', 'zh-TW': '不符' },
};

/**
 * `jianhe check run --org ORG`: every enabled endpoint of the organisation, now. Each run is stored and
 * attached as evidence exactly as a scheduled one (and moves the endpoint's next run on by its interval).
 */
export function registerOrganizationRun(check: Command): void {
  check
    .command('run')
    .description('run every enabled endpoint an organisation registered; results are stored as evidence')
    .requiredOption('--org <id-or-name>', 'organisation')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--fail-on <level>', 'exit 2 on: fail (failures), warn (warnings too), never')
        .choices(['fail', 'warn', 'never'])
        .default('fail'),
    )
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh-TW', 'en']).default('zh-TW'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(
      async (options: {
        org: string;
        format: 'text' | 'json';
        failOn: FailOn;
        lang: Locale;
        output?: string;
      }) => {
        await withCliContext(async ({ services }) => {
          const org =
            (await services.identity.findOrganization(options.org)) ??
            (await services.identity.findOrganizationByName(options.org));
          if (!org) throw new CliError(`no organisation ${options.org} (see jianhe org list)`);
          const runs = await services.checks.runs.runOrganization(org.id);
          const entries = runs.map((run) => ({
            runId: run.id,
            endpointId: run.endpoint_id,
            target: run.target,
            kind: run.kind,
            verdict: run.verdict as 'pass' | 'warn' | 'fail',
            evidenceId: run.evidence_id,
            failing: (JSON.parse(run.results) as RuleResult[]).filter((r) => r.status === 'fail'),
          }));
          const text =
            options.format === 'json'
              ? JSON.stringify({ organization: org.id, runs: entries }, null, 2)
              : [
                  `${org.name}: ${entries.length} endpoint(s)`,
                  ...entries.map(
                    (e) =>
                      `  ${STATUS[e.verdict]![options.lang].padEnd(4)}  ${e.kind.padEnd(12)}  ${e.target}${
                        e.failing.length ? `  (${e.failing.map((r) => r.id).join(', ')})` : ''
                      }`,
                  ),
                ].join('\n');
          await writeOutput(text, options.output);
          const worst = overallVerdict(
            entries.map((e) => ({ id: e.runId, status: e.verdict, message: { en: '', 'zh-TW': '' } })),
          );
          if (entries.length > 0 && failsBuild(worst, options.failOn)) process.exitCode = 2;
        });
      },
    );
}
