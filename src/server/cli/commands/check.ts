import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseAllowPrivateTargets } from '../../config/config.js';
import { formatCheckText } from '../../modules/checks/check-report.js';
import type { CheckRun } from '../../modules/checks/check-runner.js';
import { TLS_PROFILE_NAMES, type TlsProfileName } from '../../modules/checks/domain/tls-profile.js';
import { type FailOn, failsBuild } from '../../modules/checks/domain/verdict.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { OutboundPolicy } from '../../platform/outbound-policy.js';
import { writeOutput } from '../context.js';
import { CliError } from '../errors.js';
import { registerOrganizationRun } from './check-run.js';

/** The probes load with a check command, not with every command (serve among them). */
const probes = () => import('../../modules/checks/check-runner.js');

/**
 * `jianhe check tls|ssh|reachable`: one check of one endpoint, with no database (nothing is opened,
 * migrated or created). `jianhe check run --org`: every enabled endpoint the organisation registered,
 * stored and attached as evidence like a scheduled run. Exit 0 when every verdict passes `--fail-on`, 2
 * when one does not, 1 when the check could not run (a refused target, bad options, unknown organisation).
 */

interface CommonOptions {
  format: 'text' | 'json';
  failOn: FailOn;
  lang: Locale;
  timeout: number;
  output?: string;
}

function milliseconds(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 100 || Number(raw) > 60_000)
    throw new InvalidArgumentError('a whole number of milliseconds from 100 to 60000');
  return Number(raw);
}

function port(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535)
    throw new InvalidArgumentError('a port from 1 to 65535');
  return Number(raw);
}

function common(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--fail-on <level>', 'exit 2 on: fail (failures), warn (warnings too), never')
        .choices(['fail', 'warn', 'never'])
        .default('fail'),
    )
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh-TW', 'en']).default('zh-TW'))
    .option('--timeout <ms>', 'bound on each connection', milliseconds, 5000)
    .option('-o, --output <file>', 'write the report to a file instead of stdout');
}

/** The installation's outbound policy from the environment alone (no data directory is touched). */
function policy(): OutboundPolicy {
  return { allowPrivateTargets: parseAllowPrivateTargets(process.env) };
}

async function report(
  run: () => Promise<CheckRun<{ durationMs?: number; addresses: string[] }>>,
  options: CommonOptions,
): Promise<void> {
  let result: CheckRun<{ durationMs?: number; addresses: string[] }>;
  try {
    result = await run();
  } catch (error) {
    // A refused target (outbound policy) or bad input: name the stable code with its message.
    if (error instanceof AppError)
      throw new CliError(`${error.code}: ${errorMessage(error.code, options.lang)}`);
    throw error;
  }
  const text =
    options.format === 'json' ? JSON.stringify(result, null, 2) : formatCheckText(result, options.lang);
  await writeOutput(text, options.output);
  if (failsBuild(result.verdict, options.failOn)) process.exitCode = 2;
}

export function registerCheckCommands(program: Command): void {
  const check = program
    .command('check')
    .description(
      'check one endpoint now without a database, or run an organisation’s registered checks (exit 2 when a verdict fails)',
    );

  common(
    check
      .command('tls')
      .description('TLS posture of HOST[:PORT] against Mozilla Server Side TLS (default port 443)')
      .argument('<target>', 'HOST[:PORT], e.g. api.example.com or [2001:db8::1]:8443'),
  )
    .addOption(
      new Option('--profile <profile>', 'Mozilla configuration')
        .choices([...TLS_PROFILE_NAMES])
        .default('intermediate'),
    )
    .option('--ca <file...>', 'extra trusted root certificates (PEM) for a private PKI')
    .option('--http-port <port>', 'port for the plain-HTTP redirect check', port, 80)
    .option('--no-http', 'skip HSTS and the HTTP redirect (for TLS services that are not HTTPS)')
    .action(
      async (
        target: string,
        options: CommonOptions & { profile: TlsProfileName; ca?: string[]; httpPort: number; http: boolean },
      ) => {
        const ca = options.ca
          ? await Promise.all(options.ca.map((file) => readFile(file, 'utf8')))
          : undefined;
        const { runTlsCheck } = await probes();
        await report(
          () =>
            runTlsCheck(target, {
              policy: policy(),
              profile: options.profile,
              http: options.http,
              httpPort: options.httpPort,
              timeoutMs: options.timeout,
              ...(ca ? { ca } : {}),
            }),
          options,
        );
      },
    );

  common(
    check
      .command('ssh')
      .description('algorithms an SSH/SFTP server offers (default port 22)')
      .argument('<target>', 'HOST[:PORT]'),
  ).action(async (target: string, options: CommonOptions) => {
    const { runSshCheck } = await probes();
    await report(() => runSshCheck(target, { policy: policy(), timeoutMs: options.timeout }), options);
  });

  common(
    check
      .command('reachable')
      .description('whether the service answers: a TCP connection opens (default port 443)')
      .argument('<target>', 'HOST[:PORT]'),
  ).action(async (target: string, options: CommonOptions) => {
    const { runReachabilityCheck } = await probes();
    await report(
      () => runReachabilityCheck(target, { policy: policy(), timeoutMs: options.timeout }),
      options,
    );
  });

  registerOrganizationRun(check);
}
