import type { Command } from 'commander';
import { withCliContext } from '../context.js';
import { CliError } from '../errors.js';

/** `jianhe jobs list|run NAME`: the scheduler's jobs for operators (the same data platform admins see). */
export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('scheduled and queued background work');

  jobs
    .command('list')
    .description('every job with its schedule, last and next run, and failures')
    .action(async () => {
      await withCliContext(async ({ services }) => {
        await services.scheduler.syncSchedules();
        for (const job of await services.scheduler.overview()) {
          process.stdout.write(
            [
              job.name,
              job.pattern ? `"${job.pattern}" Asia/Taipei` : 'one-off',
              `next ${job.nextRunAt ?? '-'}`,
              `last ${job.lastRunAt ?? '-'} ${job.lastStatus ?? ''}`.trimEnd(),
              `queued ${job.queued} running ${job.running} failed ${job.failed} done ${job.done}`,
              job.lastError ? `error: ${job.lastError}` : '',
            ]
              .filter(Boolean)
              .join('  ')
              .concat('\n'),
          );
        }
      });
    });

  jobs
    .command('run <name>')
    .description('run a job now (and anything else that is due)')
    .action(async (name: string) => {
      await withCliContext(async ({ services, database }) => {
        if (!services.scheduler.names().includes(name))
          throw new CliError(`no job ${name} (see jianhe jobs list)`);
        await services.audit.record(database.db, {
          orgId: null,
          actorUserId: null,
          action: 'job.run',
          targetType: 'job',
          targetId: name,
        });
        const result = await services.scheduler.runNow(name);
        process.stdout.write(`ran ${result.ran} job(s), ${result.failed} failed\n`);
        if (result.failed > 0) process.exitCode = 1;
      });
    });
}
