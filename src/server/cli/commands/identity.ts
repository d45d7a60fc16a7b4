import type { Command } from 'commander';
import { INDUSTRIES, type Industry } from '../../modules/identity/organizations.service.js';
import { isRole } from '../../modules/identity/permissions.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import { withCliContext, withReadOnlyCliContext } from '../context.js';
import { CliError } from '../errors.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** AppErrors become one readable line on the command line. */
function explain(error: unknown): never {
  if (error instanceof AppError) throw new CliError(`${errorMessage(error.code, 'en')} (${error.code})`);
  throw error;
}

export function registerIdentityCommands(program: Command): void {
  const org = program.command('org').description('organisations (tenants)');
  org
    .command('create')
    .description('create an organisation')
    .requiredOption('--name <name>', 'organisation name')
    .option('--business-id <id>', '統一編號 (8 digits)')
    .option('--industry <industry>', INDUSTRIES.join('|'), 'securities')
    .action((options: { name: string; businessId?: string; industry: string }) =>
      withCliContext(async ({ services }) => {
        if (!(INDUSTRIES as readonly string[]).includes(options.industry))
          throw new CliError(`--industry must be one of ${INDUSTRIES.join(', ')}`);
        const created = await services.organizations
          .create(null, {
            name: options.name,
            businessId: options.businessId ?? null,
            industry: options.industry as Industry,
          })
          .catch(explain);
        process.stdout.write(`Created organisation ${created.name} (${created.id})\n`);
      }),
    );
  org
    .command('list')
    .description('list organisations')
    .action(() =>
      withReadOnlyCliContext(async ({ services }) => {
        for (const o of await services.identity.listOrganizations())
          process.stdout.write(`${o.id}  ${o.name}  ${o.industry}\n`);
      }),
    );

  const user = program.command('user').description('users');
  user
    .command('create')
    .description('create a user (reading the password from stdin) and give it a role in an organisation')
    .requiredOption('--email <email>', 'e-mail address')
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input (required)')
    .option('--org <name>', 'organisation name (created when missing)')
    .option('--role <role>', 'role in the organisation', 'admin')
    .option('--platform-admin', 'also make the user a platform administrator')
    .action(
      (options: {
        email: string;
        name?: string;
        passwordStdin?: boolean;
        org?: string;
        role: string;
        platformAdmin?: boolean;
      }) =>
        withCliContext(async ({ services }) => {
          if (!options.passwordStdin)
            throw new CliError('--password-stdin is required: passwords never go on the command line');
          if (!isRole(options.role))
            throw new CliError(`--role must be one of admin, assessor, reviewer, approver, auditor, viewer`);
          const password = await readStdin();
          const { identity, users } = services;
          if (await identity.findUserByEmail(options.email))
            throw new CliError(`a user with e-mail ${options.email} exists`);
          const name = options.name ?? options.email.split('@')[0]!;
          // The operator controls the installation: an account made here for an organisation is a new
          // account, never an existing person added without their consent.
          const existing = options.org ? await identity.findOrganizationByName(options.org) : undefined;
          let created: Awaited<ReturnType<typeof users.create>>;
          try {
            created = await users.create(
              null,
              {
                email: options.email,
                name,
                password,
                platformAdmin: options.platformAdmin === true,
                via: 'cli',
              },
              options.org
                ? existing
                  ? { membership: { orgId: existing.id, role: options.role } }
                  : { organization: { name: options.org, industry: 'securities', role: options.role } }
                : {},
            );
          } catch (error) {
            explain(error);
            throw error;
          }
          const { user } = created;
          process.stdout.write(
            options.org
              ? `Created user ${user.email} (${user.id}) as ${options.role} of ${options.org}\n`
              : `Created user ${user.email} (${user.id})\n`,
          );
        }),
    );

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('recompute every hash chain and report the first broken link')
    .option('--org <id>', 'only this organisation (or "platform")')
    .action((options: { org?: string }) =>
      withReadOnlyCliContext(async ({ services }) => {
        // An unknown organisation has no chain: saying "ok, 0 entries" would pass a typo as verified.
        if (
          options.org &&
          options.org !== 'platform' &&
          !(await services.identity.findOrganization(options.org))
        )
          throw new CliError(`no organisation with id ${options.org} (see jianhe org list)`);
        const results = await services.audit.verify(options.org);
        let broken = 0;
        for (const result of results) {
          if (result.broken) {
            broken += 1;
            const id = result.broken.id ?? '(missing)';
            process.stdout.write(
              `BROKEN ${result.chain}: entry seq ${result.broken.seq} id ${id} is ${result.broken.reason}\n`,
            );
          } else {
            // Committed with their change, not chained yet (a stopped server chains them when it starts).
            const pending = result.pending > 0 ? `, ${result.pending} pending` : '';
            process.stdout.write(`ok ${result.chain}: ${result.entries} entries${pending}\n`);
          }
        }
        if (broken > 0) throw new CliError(`${broken} audit chain(s) failed verification`);
      }),
    );
}
