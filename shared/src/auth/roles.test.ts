import { describe, expect, it } from 'vitest';
import { can, canAssignRole, PERMISSIONS, ROLES, type Permission, type Role } from './roles';

// The whole matrix, written out so a change to it is a deliberate, reviewed act.
const EXPECTED: Record<Permission, Role[]> = {
  'data.read': ['owner', 'admin', 'manager', 'csm', 'viewer'],
  'data.write': ['owner', 'admin', 'manager'],
  'data.write-own': ['owner', 'admin', 'manager', 'csm'],
  'imports.commit': ['owner', 'admin', 'manager'],
  'alerts.acknowledge': ['owner', 'admin', 'manager', 'csm'],
  'alerts.rules': ['owner', 'admin', 'manager'],
  'settings.tenant': ['owner', 'admin'],
  'team.manage': ['owner', 'admin'],
  'billing.manage': ['owner'],
  'audit.read': ['owner', 'admin'],
  'tenant.delete': ['owner'],
  'conversations.own': ['owner', 'admin', 'manager', 'csm', 'viewer'],
};

describe('the role matrix', () => {
  it.each(PERMISSIONS.flatMap((p) => ROLES.map((r) => [p, r] as const)))('%s for %s', (permission, role) => {
    expect(can(role, permission)).toBe(EXPECTED[permission].includes(role));
  });

  it('lets only owners make owners', () => {
    expect(canAssignRole('owner', 'owner')).toBe(true);
    expect(canAssignRole('admin', 'owner')).toBe(false);
    expect(canAssignRole('admin', 'manager')).toBe(true);
    expect(canAssignRole('manager', 'viewer')).toBe(false);
  });
});
