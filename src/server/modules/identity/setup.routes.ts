import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponse } from '../../platform/schemas.js';
import { sha256Hex } from '../../platform/secrets.js';
import { literalUnion } from '../assessments/assessments.schemas.js';
import { INDUSTRIES } from './organizations.service.js';

/** First start: the one-time link printed by `jianhe serve` creates the first platform administrator. */
export async function setupRoutes(app: App, ctx: AppContext): Promise<void> {
  const { identity, users } = ctx.services;
  app.post(
    '/api/v1/setup',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        operationId: 'completeSetup',
        body: Type.Object({
          token: Type.String({ maxLength: 100 }),
          email: Type.String({ format: 'email', maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          password: Type.String({ maxLength: 1000 }),
          organizationName: Type.String({ minLength: 1, maxLength: 200 }),
          industry: literalUnion(INDUSTRIES),
        }),
        response: {
          201: Type.Object({ userId: Type.String(), orgId: Type.String() }),
          400: ErrorResponse,
          409: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((await identity.countUsers()) > 0) throw new AppError(409, 'SETUP_ALREADY_DONE');
      // One transaction: the setup link is used up only together with the administrator and organisation.
      const { user, orgId } = await identity.transaction(async (trx) => {
        if (!(await identity.consumeSetupToken(trx, sha256Hex(body.token))))
          throw new AppError(403, 'SETUP_TOKEN_INVALID');
        return users.create(
          null,
          { email: body.email, name: body.name, password: body.password, platformAdmin: true, via: 'setup' },
          { organization: { name: body.organizationName, industry: body.industry } },
          trx,
        );
      });
      return reply.status(201).send({ userId: user.id, orgId: orgId! });
    },
  );
}
