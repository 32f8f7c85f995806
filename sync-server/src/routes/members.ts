/**
 * The workspace's members. Under `/api/tenants/:tenantId/members` (membership checked by `requireMember`):
 * - `GET /` → `{ members: [{ id, name, email, role, managerId, joinedAt }] }`, for every member;
 * - `PATCH /:userId` `{ role?, managerId? }` → `{ member }` (`team.manage`);
 * - `DELETE /:userId` → 204: removed, and signed out everywhere (`team.manage`);
 * - `POST /leave` → 204: the caller leaves;
 * - `POST /transfer-ownership` `{ userId }` → `{ owner, formerOwner }`: an owner hands over and becomes admin.
 * The last owner can be neither demoted, removed, nor leave (409 `last-owner`). The work lives in
 * ../team/membership.ts.
 */
import { Hono } from 'hono';
import { ROLES } from '@vitals/shared';
import * as v from 'valibot';
import { jsonBody } from '../auth/json-body';
import type { AppEnv } from '../context';
import { requirePermission } from '../middleware/tenant';
import {
  leaveWorkspace,
  listMembers,
  removeMember,
  transferOwnership,
  updateMember,
} from '../team/membership';

const OBJECT = 'Send a JSON object.';
const userId = v.pipe(v.string('Choose a member.'), v.trim(), v.maxLength(64, 'Choose a member.'));

const updateBody = v.pipe(
  v.object(
    {
      role: v.optional(v.picklist(ROLES, `Choose a role: ${ROLES.join(', ')}.`)),
      managerId: v.optional(v.nullable(userId)),
    },
    OBJECT,
  ),
  v.check((b) => b.role !== undefined || b.managerId !== undefined, 'Send a role or a managerId to change.'),
);

const transferBody = v.object({ userId }, OBJECT);

export const memberRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ members: await listMembers(c.get('deps'), c.get('member')) }))

  .post('/leave', async (c) => {
    await leaveWorkspace(c.get('deps'), c.get('member'));
    return c.body(null, 204);
  })

  .post('/transfer-ownership', jsonBody(transferBody), async (c) => {
    const { userId: to } = c.req.valid('json');
    return c.json(await transferOwnership(c.get('deps'), c.get('member'), to));
  })

  .patch('/:userId', requirePermission('team.manage'), jsonBody(updateBody), async (c) => {
    const member = await updateMember(
      c.get('deps'),
      c.get('member'),
      c.req.param('userId'),
      c.req.valid('json'),
    );
    return c.json({ member });
  })

  .delete('/:userId', requirePermission('team.manage'), async (c) => {
    await removeMember(c.get('deps'), c.get('member'), c.req.param('userId'));
    return c.body(null, 204);
  });
