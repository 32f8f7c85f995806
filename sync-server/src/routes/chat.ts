/**
 * `POST /api/tenants/:tenantId/chat` `{ question, context?, history? }` (shared/src/assistant/chat-protocol.ts):
 * the assistant's answer as server-sent events — zero or more `delta`, then one `done` or one `error`.
 * requireMember has checked the membership; answers read the tenant's data, so `data.read` is required.
 * A body that does not match the schema is a 400 before any stream starts. When the device closes the
 * stream, the turn is abandoned and its upstream model request aborted. The work lives in ../assistant/.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { chatRequestSchema } from '@vitals/shared';
import { runChatTurn } from '../assistant/chat';
import { ClientGone } from '../assistant/errors';
import type { AssistantServices } from '../assistant/services';
import { jsonBody } from '../auth/json-body';
import { meterChatTurn } from '../billing/limits';
import type { AppEnv } from '../context';
import { requirePermission } from '../middleware/tenant';

export function chatRoutes(services: AssistantServices): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    '/',
    requirePermission('data.read'),
    jsonBody(chatRequestSchema),
    async (c) => {
      const request = c.req.valid('json');
      const deps = c.get('deps');
      const { db, now, log } = deps;
      const { tenantId, userId } = c.get('member');
      // The plan's monthly AI questions (billing/limits.ts): only answers the model writes count.
      const meter = await meterChatTurn(deps, { tenantId, userId }, services);
      return streamSSE(c, async (stream) => {
        const gone = new AbortController();
        stream.onAbort(() => gone.abort(new ClientGone('The device closed the chat stream.')));
        await runChatTurn(
          meter.services,
          { sql: db.sql, now, log },
          { tenantId, userId, request, signal: gone.signal },
          async (event) => {
            const sent = await meter.pass(event);
            await stream.writeSSE({ event: sent.event, data: JSON.stringify(sent.data) });
          },
        );
      });
    },
  );
}
