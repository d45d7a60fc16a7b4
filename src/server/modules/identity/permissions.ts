/**
 * Least privilege (guideline Art. 7.4, 16.5): every organisation route names one of these permissions,
 * and each role holds only what its job needs.
 */
export const ORG_PERMISSIONS = [
  'org:read',
  'settings:manage',
  'members:read',
  'members:manage',
  'audit:read',
  'assessment:read',
  'assessment:write',
  'assessment:comment',
  'evidence:write',
  'assessment:review',
  'assessment:approve',
  'report:export',
  'provider:read',
  'provider:write',
  // Association campaigns (issue 18): association staff read and manage; member firms join and submit.
  'campaign:read',
  'campaign:manage',
  'campaign:submit',
  'association:join',
] as const;
export type OrgPermission = (typeof ORG_PERMISSIONS)[number];

/** Route-level requirements besides organisation permissions. */
/**
 * `session`: the signed-in person themselves, never an API token (managing one's own sessions, password,
 * second factor and tokens must not be reachable with a token, or a narrow token could mint a broad one).
 */
export type RouteRequirement =
  | 'public'
  | 'link-token'
  | 'authenticated'
  | 'session'
  | 'platform:manage'
  | OrgPermission;

export const ROLES = ['admin', 'assessor', 'reviewer', 'approver', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const READ: OrgPermission[] = [
  'org:read',
  'assessment:read',
  'provider:read',
  'report:export',
  'campaign:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly OrgPermission[]> = {
  admin: [
    ...READ,
    'settings:manage',
    'members:read',
    'members:manage',
    'audit:read',
    'assessment:comment',
    'campaign:manage',
    'campaign:submit',
    'association:join',
  ],
  assessor: [...READ, 'assessment:write', 'assessment:comment', 'evidence:write', 'provider:write'],
  reviewer: [...READ, 'assessment:comment', 'assessment:review'],
  approver: [...READ, 'assessment:comment', 'assessment:approve', 'campaign:submit'],
  auditor: [...READ, 'audit:read', 'members:read'],
  viewer: [...READ],
};

/** Roles that always need a second factor: they administer the organisation or sign off. */
export const ROLES_REQUIRING_2FA: readonly Role[] = ['admin', 'approver'];

export function isOrgPermission(value: string): value is OrgPermission {
  return (ORG_PERMISSIONS as readonly string[]).includes(value);
}

export function roleGrants(role: Role, permission: OrgPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
