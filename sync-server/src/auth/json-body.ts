/**
 * `jsonBody(schema)`: a Hono validator that parses the JSON body with a valibot schema, so handlers read
 * typed input from `c.req.valid('json')` and never parse by hand. Refusals are 400 `invalid-input` with the
 * first message, and every issue (path and message) in details for forms.
 */
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { ApiError, ERROR_CODES } from '../errors';

export function jsonBody<TSchema extends v.GenericSchema>(schema: TSchema) {
  return validator('json', (value): v.InferOutput<TSchema> => {
    const result = v.safeParse(schema, value);
    if (result.success) return result.output;
    const issues = result.issues.map((issue) => {
      const path = v.getDotPath(issue) ?? '';
      // A missing key reports the object's message; name the field instead.
      const message = (issue.type === 'object' || issue.type === 'strict_object') && path && issue.input === undefined ? `The field "${path}" is missing.` : issue.message;
      return { path, message };
    });
    throw new ApiError(400, ERROR_CODES.invalidInput, issues[0]?.message ?? 'The request body is not valid.', { issues });
  });
}
