import * as v from 'valibot';

export interface DocumentIssue {
  /** Dot path into the document (`values.nps.value`, `messages.0.text`); `''` for the document itself. */
  readonly path: string;
  readonly message: string;
}

export type DocumentValidation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly DocumentIssue[] };

export type DocumentValidator<T> = (input: unknown) => DocumentValidation<T>;

/**
 * A validator that never throws: documents come from other devices and the network, and one bad document must
 * become a reason code for its sender, not a crashed push handler.
 */
export function makeValidator<TSchema extends v.GenericSchema>(
  schema: TSchema,
): DocumentValidator<v.InferOutput<TSchema>> {
  return (input) => {
    let result: v.SafeParseResult<TSchema>;
    try {
      result = v.safeParse(schema, input);
    } catch (error) {
      // Only hostile input gets here (a getter or proxy that throws while being read).
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, issues: [{ path: '', message: `Unreadable document: ${reason}` }] };
    }
    if (result.success) return { ok: true, value: result.output };
    return {
      ok: false,
      issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
    };
  };
}
