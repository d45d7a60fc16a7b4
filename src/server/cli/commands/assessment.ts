import { createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { type Role, roleGrants } from '../../modules/identity/permissions.js';
import { importErrorReportCsv } from '../../modules/reports/csv-export.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../modules/reports/reports.service.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { type CliContext, withCliContext, withReadOnlyCliContext } from '../context.js';
import { CliError } from '../errors.js';

async function orgOfAssessment({ services }: CliContext, id: string): Promise<string> {
  const orgId = await services.assessments.lifecycle.organizationOf(id);
  if (!orgId) throw new CliError(`no assessment ${id}`);
  return orgId;
}

/** The member acting through the CLI, who must hold `permission` in the organisation. */
async function actingMember(ctx: CliContext, orgId: string, email: string, permission: 'assessment:write') {
  const user = await ctx.services.identity.findUserByEmail(email);
  const membership = user ? await ctx.services.identity.membership(orgId, user.id) : undefined;
  if (!user || !membership || !roleGrants(membership.role as Role, permission))
    throw new CliError(`${email} is not a member of this organisation allowed to ${permission}`);
  return { orgId, userId: user.id };
}

/** AppErrors become one readable line, in English, for operators. */
function explain(error: unknown): never {
  if (error instanceof AppError) throw new CliError(`${error.code}: ${errorMessage(error.code, 'en')}`);
  throw error;
}

const stdoutSink = () =>
  new Writable({
    write(chunk, _encoding, callback) {
      process.stdout.write(chunk, callback);
    },
  });

export function registerAssessmentCommands(program: Command): void {
  const assessment = program.command('assessment').description('self-assessments');

  assessment
    .command('verify <id>')
    .description('recompute the fingerprint of an approved assessment and compare it with the stored one')
    .action((id: string) =>
      withReadOnlyCliContext(async (ctx) => {
        const orgId = await orgOfAssessment(ctx, id);
        const result = await ctx.services.assessments.lifecycle.verify(orgId, id).catch((error: unknown) => {
          if (error instanceof AppError) throw new CliError(error.code);
          throw error;
        });
        if (!result.computed)
          throw new CliError(`assessment ${id} is not approved, so it has no fingerprint yet`);
        if (!result.ok) {
          throw new CliError(
            `fingerprint does not match: stored ${result.stored}, computed ${result.computed}`,
          );
        }
        process.stdout.write(`Fingerprint verified: ${result.computed}\n`);
      }),
    );

  assessment
    .command('export <id>')
    .description(`export an assessment (${EXPORT_FORMATS.join(', ')})`)
    .requiredOption('--format <format>', EXPORT_FORMATS.join('|'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--lang <lang>', 'zh-TW or en', 'zh-TW')
    .action((id: string, options: { format: string; output?: string; lang: string }) =>
      withReadOnlyCliContext(async (ctx) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(options.format))
          throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
        if (options.lang !== 'zh-TW' && options.lang !== 'en')
          throw new CliError('--lang must be zh-TW or en');
        const orgId = await orgOfAssessment(ctx, id);
        const prepared = await ctx.services.reports
          .prepareExport({ orgId, userId: null }, id, options.format as ExportFormat, {
            locale: options.lang as Locale,
            baseUrl: ctx.config.publicUrl,
          })
          .catch(explain);
        const output = options.output ? createWriteStream(options.output) : stdoutSink();
        await Promise.all([prepared.write(output), finished(output)]);
        if (options.output) process.stderr.write(`Wrote ${options.output}\n`);
      }),
    );

  assessment
    .command('import <id> <file>')
    .description('apply an XLSX checklist exported by Jianhe and filled in offline (all rows or none)')
    .option('--dry-run', 'validate and show the changes without applying them')
    .option('--as <email>', 'the member making the change (required unless --dry-run)')
    .option('--report <file>', 'write the row-level error report (CSV) here when rows are rejected')
    .option('--lang <lang>', 'language of messages and the error report: zh-TW or en', 'en')
    .action(
      (id: string, file: string, options: { dryRun?: boolean; as?: string; report?: string; lang: string }) =>
        withCliContext(async (ctx) => {
          const orgId = await orgOfAssessment(ctx, id);
          if (!options.dryRun && !options.as) throw new CliError('--as <email> is required to apply changes');
          const actor = options.as
            ? await actingMember(ctx, orgId, options.as, 'assessment:write')
            : { orgId, userId: '' };
          const locale: Locale = options.lang === 'zh-TW' ? 'zh-TW' : 'en';
          // The same cap as an upload, checked before the file is read (the unpacking caps apply inside).
          const size = await stat(file).then(
            (s) => s.size,
            () => {
              throw new CliError(`cannot read ${file}`);
            },
          );
          try {
            ctx.services.reports.ensureImportSize(size);
          } catch (error) {
            explain(error);
          }
          const content = await readFile(file).catch(() => {
            throw new CliError(`cannot read ${file}`);
          });
          const outcome = await ctx.services.reports
            .importChecklist(actor, id, content, { dryRun: options.dryRun === true, locale })
            .catch(explain);
          for (const change of outcome.changes)
            process.stdout.write(
              `項次 ${change.itemNumber}: ${change.fields
                .map((f) => `${f} ${JSON.stringify(change.before[f])} → ${JSON.stringify(change.after[f])}`)
                .join('; ')}\n`,
            );
          if (outcome.errors.length > 0) {
            for (const e of outcome.errors)
              process.stderr.write(
                `row ${e.sheetRow} 項次 ${e.itemNumber ?? '?'} ${e.column ?? ''}: ${e.code} ${e.message}\n`,
              );
            if (options.report) await writeFile(options.report, importErrorReportCsv(outcome.errors, locale));
            throw new CliError(`${outcome.errors.length} row(s) rejected; nothing was changed`);
          }
          process.stdout.write(
            outcome.applied
              ? `Applied ${outcome.changes.length} change(s).\n`
              : `${outcome.changes.length} change(s) would be applied (dry run).\n`,
          );
        }),
    );
}
