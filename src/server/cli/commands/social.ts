import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseAllowPrivateTargets } from '../../config/config.js';
import { type Role, roleGrants } from '../../modules/identity/permissions.js';
import { formatLinkCheckText } from '../../modules/social/link-check/link-check-text.js';
import { reportJson, runLinkCheck } from '../../modules/social/link-check/run-link-check.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { withCliContext, writeOutput } from '../context.js';
import { CliError } from '../errors.js';

interface CheckLinksOptions {
  org?: string;
  as?: string;
  attachToItem?: number;
  assessment?: string;
  format: 'text' | 'json';
  lang: Locale;
  screenshots?: string;
  output?: string;
}

function itemNumber(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 200)
    throw new InvalidArgumentError('a checklist item number');
  return Number(raw);
}

function explain(error: unknown, lang: Locale): never {
  if (error instanceof AppError) throw new CliError(`${error.code}: ${errorMessage(error.code, lang)}`);
  throw error;
}

/**
 * `jianhe social check-links URL...`: the exit-notice check (Art. 11.2). Without `--org` it needs no
 * database (the report goes to stdout, screenshots to `--screenshots DIR`); with `--org` the URLs must be
 * pages the organisation registered, and the report and screenshots are stored as evidence, optionally
 * attached to an item (`--attach-to-item 38`). Exit 2 when a link lacks a notice, 1 when it could not run.
 */
export function registerSocialCommands(program: Command): void {
  const social = program.command('social').description('social media governance (Art. 8–11)');
  social
    .command('check-links')
    .description(
      'check that links from the firm’s pages to social media show an exit notice first (exit 2 when one does not)',
    )
    .argument('<url...>', 'pages of the firm’s website')
    .option(
      '--org <orgId>',
      'store the result as evidence of this organisation (the URLs must be registered pages)',
    )
    .option('--as <email>', 'with --org: the member recording it (needs social:write)')
    .option(
      '--attach-to-item <number>',
      'with --org: attach the report to this checklist item (e.g. 38)',
      itemNumber,
    )
    .option(
      '--assessment <id>',
      'with --attach-to-item: the assessment (default: the newest one not approved)',
    )
    .option('--screenshots <dir>', 'without --org: write each link’s screenshot here')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh-TW', 'en']).default('zh-TW'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (urls: string[], options: CheckLinksOptions) => {
      const json = options.org ? await recordForOrganisation(urls, options) : await checkOnly(urls, options);
      const text =
        options.format === 'json' ? JSON.stringify(json, null, 2) : formatLinkCheckText(json, options.lang);
      await writeOutput(text, options.output);
      const unchecked = json.pages.some((p) => p.error !== null);
      if (json.linksWithoutNotice > 0 || unchecked) process.exitCode = 2;
    });
}

async function checkOnly(urls: string[], options: CheckLinksOptions) {
  if (options.as || options.attachToItem) throw new CliError('--as and --attach-to-item need --org');
  const report = await runLinkCheck(urls, {
    policy: { allowPrivateTargets: parseAllowPrivateTargets(process.env) },
    chromiumPath: process.env.JIANHE_CHROMIUM_PATH || '/usr/bin/chromium',
  }).catch((error: unknown) => explain(error, options.lang));
  const files = new Map<string, string>();
  if (options.screenshots) {
    await mkdir(options.screenshots, { recursive: true });
    for (const link of report.pages.flatMap((p) => p.links))
      if (link.screenshot && link.screenshotSha256 && !files.has(link.screenshotSha256)) {
        const file = path.join(options.screenshots, `${link.host}-${link.screenshotSha256.slice(0, 12)}.png`);
        await writeFile(file, link.screenshot);
        files.set(link.screenshotSha256, file);
      }
  }
  return reportJson(report);
}

async function recordForOrganisation(urls: string[], options: CheckLinksOptions) {
  if (!options.as) throw new CliError('--org needs --as <email>: the member recording the check');
  if (options.screenshots)
    throw new CliError('--screenshots is for checks without --org (with --org they are evidence)');
  return withCliContext(async ({ services }) => {
    const orgId = options.org!;
    const user = await services.identity.findUserByEmail(options.as!);
    const membership = user ? await services.identity.membership(orgId, user.id) : undefined;
    if (!user || !membership || !roleGrants(membership.role as Role, 'social:write'))
      throw new CliError(`${options.as} is not a member of this organisation allowed to social:write`);
    const actor = { orgId, userId: user.id };
    try {
      const attachToItemId = options.attachToItem
        ? await services.social.linkChecks.itemRowFor(orgId, options.attachToItem, options.assessment)
        : null;
      const { report } = await services.social.linkChecks.run(actor, { urls, attachToItemId });
      return report;
    } catch (error) {
      explain(error, options.lang);
    }
  });
}
