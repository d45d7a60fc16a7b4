import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AppScanError } from '../../modules/apps/apps.errors.js';
import { renderScan, SCAN_FORMATS, type ScanFormat } from '../../modules/apps/scanner/report.js';
import type { ScanResult } from '../../modules/apps/scanner/scan.js';
import { errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Severity } from '../../platform/sarif.js';
import { writeOutput } from '../context.js';
import { CliError } from '../errors.js';
import { type UploadTarget, uploadScanResult, uploadTarget } from './app-upload.js';

/** Exit codes of `app scan`: the gate passed, the gate failed, or the scan could not finish. */
export const SCAN_EXIT = { passed: 0, gateFailed: 1, error: 2 } as const;

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
const MAX_DEID_INPUT = 10 * 1024 * 1024;

interface ScanCommandOptions {
  format: ScanFormat;
  output?: string;
  failOn: Severity | 'none';
  mobsf?: string;
  rules?: string;
  lang: Locale;
  upload?: boolean;
  org?: string;
  app?: string;
  releaseVersion?: string;
  build?: string;
}

async function scanFailure(error: unknown): Promise<CliError> {
  const [{ ZipError }, { RulePackError }] = await Promise.all([
    import('../../platform/bounded-unzip.js'),
    import('../../modules/apps/scanner/rule-pack.js'),
  ]);
  if (error instanceof AppScanError || error instanceof ZipError) {
    const detail = error instanceof AppScanError ? error.detail : JSON.stringify(error.details ?? {});
    return new CliError(
      `${error.code}: ${errorMessage(error.code, 'en')} ${errorMessage(error.code, 'zh-TW')} ${detail}`.trim(),
      SCAN_EXIT.error,
    );
  }
  if (error instanceof RulePackError) return new CliError(error.message, SCAN_EXIT.error);
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT')
    return new CliError(
      `cannot read ${(error as NodeJS.ErrnoException).path ?? 'the file'}`,
      SCAN_EXIT.error,
    );
  return new CliError(error instanceof Error ? error.message : String(error), SCAN_EXIT.error);
}

async function readDeidInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new CliError(`cannot read ${file}`, 2);
    });
    if (text.length > MAX_DEID_INPUT) throw new CliError(`${file} is larger than 10 MB`, 2);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_DEID_INPUT) throw new CliError('standard input is larger than 10 MB', 2);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function registerAppCommands(program: Command): void {
  const app = program
    .command('app')
    .description('mobile apps: the offline release-gate scanner (Art. 16–17)');
  app
    .command('scan [file]')
    .description(
      'scan an APK or IPA (or import a MobSF JSON report) offline; exit 0 = gate passed, 1 = findings at or above --fail-on, 2 = the scan could not finish',
    )
    .addOption(new Option('--format <format>', 'output format').choices(SCAN_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the gate')
        .choices(FAIL_ON)
        .default('high'),
    )
    .option(
      '--mobsf <report>',
      'a MobSF JSON report to map onto the rule pack (detected by itself when given as FILE)',
    )
    .option('--rules <file>', 'a rule pack to use instead of the bundled one')
    .addOption(
      new Option('--lang <lang>', 'language of the text report').choices(['zh-TW', 'en']).default('zh-TW'),
    )
    .option(
      '--upload',
      'file the result as release evidence in Jianhe (JIANHE_URL and JIANHE_TOKEN, an API token with app:write)',
    )
    .option('--org <org>', 'with --upload: the organisation id')
    .option('--app <app>', 'with --upload: the app id, or its package name / bundle identifier')
    .option('--release-version <version>', 'with --upload: the release version when the scan names none')
    .option('--build <build>', 'with --upload: the build number when the scan names none')
    .action(async (file: string | undefined, options: ScanCommandOptions) => {
      const input = options.mobsf ?? file;
      if (!input) throw new CliError('give an APK or IPA file, or --mobsf report.json', SCAN_EXIT.error);
      if (options.mobsf && file) throw new CliError('give either FILE or --mobsf, not both', SCAN_EXIT.error);
      // Checked before scanning, so a CI misconfiguration fails fast.
      const target: UploadTarget | undefined = options.upload
        ? uploadTarget(process.env, options)
        : undefined;
      let report: string;
      let failed: boolean;
      let summary: string;
      let scanned: ScanResult;
      try {
        // The scanner loads with the command, not with every other command (serve among them).
        const [{ loadRulePack }, { gateFails, scanFile }] = await Promise.all([
          import('../../modules/apps/scanner/rule-pack.js'),
          import('../../modules/apps/scanner/scan.js'),
        ]);
        const pack = loadRulePack(options.rules);
        const result = await scanFile(input, {
          pack,
          ...(options.mobsf ? { kind: 'mobsf-report' as const } : {}),
        });
        scanned = result;
        report = renderScan(result, pack, options.format, options.lang);
        failed = gateFails(result, options.failOn);
        const s = result.summary;
        summary = `${result.input.file}: ${s.total} findings (critical ${s.critical}, high ${s.high}, medium ${s.medium}, low ${s.low}, info ${s.info}); gate ${failed ? 'FAILED' : 'passed'} at --fail-on ${options.failOn}`;
      } catch (error) {
        throw await scanFailure(error);
      }
      await writeOutput(report, options.output);
      if (options.output) process.stdout.write(`${summary}\n`);
      else if (options.format === 'text') process.stderr.write(`${summary}\n`);
      if (target) {
        const release = await uploadScanResult(target, scanned, {
          failOn: options.failOn,
          ...(options.releaseVersion ? { appVersion: options.releaseVersion } : {}),
          ...(options.build ? { buildNumber: options.build } : {}),
        });
        // stderr, so that stdout stays the report (or the one-line summary) a pipeline may parse.
        process.stderr.write(
          `uploaded: release ${release.appVersion} (${release.buildNumber}) ${release.id}, gate ${release.gate}, evidence ${release.scanEvidenceId}\n`,
        );
      }
      process.exitCode = failed ? SCAN_EXIT.gateFailed : SCAN_EXIT.passed;
    });

  const deid = program
    .command('deid')
    .description('de-identification check for notification texts (Art. 16.2)');
  deid
    .command('check [file]')
    .description(
      'find unmasked personal data in a text (a file, or - / nothing for standard input); exit 0 = none found, 1 = found, 2 = error',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--lang <lang>', 'language of the text report').choices(['zh-TW', 'en']).default('zh-TW'),
    )
    .action(async (file: string | undefined, options: { format: 'text' | 'json'; lang: Locale }) => {
      const text = await readDeidInput(file);
      const { renderDeidJson, renderDeidText } = await import('../../modules/apps/deid/deid-report.js');
      const { output, found } =
        options.format === 'json' ? renderDeidJson(text) : renderDeidText(text, options.lang);
      process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      process.exitCode = found ? 1 : 0;
    });
}
