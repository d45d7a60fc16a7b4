import type { Command } from 'commander';
import { AppError } from '../../platform/errors.js';
import { withCliContext } from '../context.js';
import { CliError } from '../errors.js';

export function registerAssessmentCommands(program: Command): void {
  const assessment = program.command('assessment').description('self-assessments');

  assessment
    .command('verify <id>')
    .description('recompute the fingerprint of an approved assessment and compare it with the stored one')
    .action((id: string) =>
      withCliContext(async ({ database, services }) => {
        const row = await database.db
          .selectFrom('assessment')
          .select(['org_id'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new CliError(`no assessment ${id}`);
        const result = await services.assessments.lifecycle.verify(row.org_id, id).catch((error: unknown) => {
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
}
