/**
 * The role matrix: the one place that says who may do what. The server enforces it on every route and
 * every pushed document; the UI only uses it to hide what would be refused anyway.
 */
export const ROLES = ['owner', 'admin', 'manager', 'csm', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_NAMES: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'CS Manager',
  csm: 'CSM',
  viewer: 'Viewer',
};

export const PERMISSIONS = [
  'data.read',
  /** Write any account, its KPI values and playbook runs. */
  'data.write',
  /** Write only the accounts one owns, their KPI values and playbook runs. */
  'data.write-own',
  'imports.commit',
  'alerts.acknowledge',
  'alerts.rules',
  'settings.tenant',
  'team.manage',
  'billing.manage',
  'audit.read',
  'tenant.delete',
  /** Keep one's own assistant conversations. */
  'conversations.own',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== 'billing.manage' && p !== 'tenant.delete'),
  manager: ['data.read', 'data.write', 'data.write-own', 'imports.commit', 'alerts.acknowledge', 'alerts.rules', 'conversations.own'],
  csm: ['data.read', 'data.write-own', 'alerts.acknowledge', 'conversations.own'],
  viewer: ['data.read', 'conversations.own'],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

/** Roles an admin may grant; only an owner makes owners (and transfers ownership). */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && target !== 'owner';
}
