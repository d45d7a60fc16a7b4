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
  // Mobile devices (ch. 4). device:personal: holder names, phone numbers, serial numbers and IMEIs.
  'device:read',
  'device:write',
  'device:personal',
  // Accepting the BYOD agreement oneself (Art. 15.2): every member who may hold a device.
  'byod:accept',
  'remediation:read',
  'remediation:write',
  'remediation:approve',
  /** One's own notifications, preferences and calendar link in the organisation (every member). */
  'notifications:self',
  'app:read',
  'app:write',
  'app:accept-risk',
  'social:read',
  'social:write',
  'social:approve',
  'social:acknowledge',
  'check:read',
  'check:run',
  'check:manage',
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
  'device:read',
  'byod:accept',
  'remediation:read',
  'notifications:self',
  'app:read',
  'social:read',
  'social:acknowledge',
  'check:read',
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
    'device:personal',
    'social:write',
    'social:approve',
    'check:run',
    'check:manage',
    'campaign:manage',
    'campaign:submit',
    'association:join',
  ],
  assessor: [
    ...READ,
    'assessment:write',
    'assessment:comment',
    'evidence:write',
    'provider:write',
    'device:write',
    'device:personal',
    'remediation:write',
    'app:write',
    'social:write',
    'check:run',
    'check:manage',
  ],
  reviewer: [...READ, 'assessment:comment', 'assessment:review'],
  // Approvers confirm closures and accept risks (remediation:approve), never closing their own request.
  approver: [
    ...READ,
    'assessment:comment',
    'assessment:approve',
    'remediation:write',
    'remediation:approve',
    'app:accept-risk',
    'social:approve',
    'campaign:submit',
  ],
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
