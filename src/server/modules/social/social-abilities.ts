import { type Static, Type } from 'typebox';
import { AbilitySchema, ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import { type PostAction, type PostState, postActionRefusal } from './domain/post-workflow.js';
import { Account, PlatformRisk, Post } from './social.schemas.js';

/**
 * What the caller may do in the register, sent with it (docs/architecture.md "Abilities"): from the same
 * permissions the routes declare and, for posts, the same workflow rule the service enforces
 * (`postActionRefusal`: the state, the author-only actions, and the two-person rule).
 */
export const ListAbilities = Type.Object({ create: AbilitySchema }, { title: 'SocialListAbilities' });

export const AccountView = Type.Object(
  { ...Account.properties, abilities: Type.Object({ edit: AbilitySchema, uploadEvidence: AbilitySchema }) },
  { title: 'SocialAccountView' },
);

export const RiskView = Type.Object(
  { ...PlatformRisk.properties, abilities: Type.Object({ review: AbilitySchema }) },
  { title: 'SocialPlatformRiskView' },
);

const POST_ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'publish'] as const;

export const PostView = Type.Object(
  {
    ...Post.properties,
    abilities: Type.Object(
      Object.fromEntries(POST_ACTIONS.map((a) => [a, AbilitySchema])) as {
        [K in (typeof POST_ACTIONS)[number]]: typeof AbilitySchema;
      },
    ),
  },
  { title: 'SocialPostView' },
);

export const listAbilities = (grants: Grants | null) => ({ create: ability(grants, 'social:write') });

/** The account forms also upload the profile screenshot, which is evidence (`evidence:write`, not an admin's). */
export const AccountListAbilities = Type.Object(
  { create: AbilitySchema, uploadEvidence: AbilitySchema },
  { title: 'SocialAccountListAbilities' },
);
export const accountListAbilities = (grants: Grants | null) => ({
  ...listAbilities(grants),
  uploadEvidence: ability(grants, 'evidence:write'),
});

export const withAccountAbilities = <T extends Static<typeof Account>>(
  grants: Grants | null,
  account: T,
) => ({
  ...account,
  abilities: { edit: ability(grants, 'social:write'), uploadEvidence: ability(grants, 'evidence:write') },
});

export const withRiskAbilities = <T extends Static<typeof PlatformRisk>>(grants: Grants | null, risk: T) => ({
  ...risk,
  abilities: { review: ability(grants, 'social:write') },
});

const POST_PERMISSION: Record<PostAction, 'social:write' | 'social:approve'> = {
  edit: 'social:write',
  submit: 'social:write',
  withdraw: 'social:write',
  approve: 'social:approve',
  reject: 'social:approve',
  publish: 'social:write',
};

export function withPostAbilities<T extends Static<typeof Post>>(
  grants: Grants | null,
  userId: string | null,
  post: T,
) {
  const refusal = (action: PostAction) => {
    const code = postActionRefusal(action, post.status as PostState, userId ?? '', post.authorUserId);
    return code !== null && { reason: code };
  };
  const abilities = Object.fromEntries(
    POST_ACTIONS.map((action) => [action, ability(grants, POST_PERMISSION[action], refusal(action))]),
  ) as Record<(typeof POST_ACTIONS)[number], ReturnType<typeof ability>>;
  return { ...post, abilities };
}
