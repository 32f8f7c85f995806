/** Request bodies of the webhook routes (routes/webhooks.ts). The URL's own rules live in destination.ts. */
import { WEBHOOK_EVENT_TYPES } from '@vitals/shared';
import * as v from 'valibot';

const OBJECT = 'Send a JSON object.';

const url = v.pipe(
  v.string('Enter the URL your endpoint receives webhooks at.'),
  v.trim(),
  v.minLength(1, 'Enter the URL your endpoint receives webhooks at.'),
  v.maxLength(2000, 'The URL is too long (at most 2000 characters).'),
);

const description = v.pipe(
  v.string('The description must be text.'),
  v.trim(),
  v.maxLength(500, 'The description is too long (at most 500 characters).'),
);

const events = v.pipe(
  v.array(
    v.picklist(WEBHOOK_EVENT_TYPES, `Choose events among: ${WEBHOOK_EVENT_TYPES.join(', ')}.`),
    'Choose the events to send, as a list.',
  ),
  v.minLength(1, 'Choose at least one event to send.'),
  // Stored as a set: a repeated event would not be sent twice anyway.
  v.transform((list) => [...new Set(list)]),
);

export const createEndpointBody = v.object({ url, description: v.optional(description, ''), events }, OBJECT);

export const updateEndpointBody = v.pipe(
  v.object(
    {
      url: v.optional(url),
      description: v.optional(description),
      events: v.optional(events),
      enabled: v.optional(v.boolean('"enabled" must be true or false.')),
    },
    OBJECT,
  ),
  v.check(
    (body) => Object.values(body).some((value) => value !== undefined),
    'Send at least one of url, description, events, enabled.',
  ),
);

export type CreateEndpointInput = v.InferOutput<typeof createEndpointBody>;
export type UpdateEndpointInput = v.InferOutput<typeof updateEndpointBody>;
