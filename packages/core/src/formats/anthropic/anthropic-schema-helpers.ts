import { z } from 'zod';

/**
 * A block whose `type` the codec does not map (server tool blocks, search results, blocks newer
 * than this code). It passes validation and is dropped, with a warning, when translating.
 */
export interface UnknownBlock {
  type: 'unknown';
  /** The `type` the block had on the wire. */
  wireType: string;
}

/** Copies the issues of a nested parse onto the enclosing one (their paths stay relative). */
function forward<T>(result: z.ZodSafeParseResult<T>, ctx: z.RefinementCtx): T {
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
  return z.NEVER;
}

/**
 * An object discriminated by `type` that is open to unknown types: a known `type` is validated
 * with its schema (issues name the nested field, `source.type`), any other `type` becomes an
 * {@link UnknownBlock}. A zod discriminated union would reject unknown types, and a plain union
 * would report a known block's error as an unhelpful `invalid_union` at the block itself.
 *
 * @example
 * ```ts
 * const block = openUnion({ text: z.looseObject({ type: z.literal('text'), text: z.string() }) });
 * block.parse({ type: 'search_result' }); // { type: 'unknown', wireType: 'search_result' }
 * ```
 */
export function openUnion<const S extends Record<string, z.ZodType>>(known: S) {
  return z.looseObject({ type: z.string() }).transform((value, ctx): z.output<S[keyof S]> | UnknownBlock => {
    const schema = Object.hasOwn(known, value.type) ? known[value.type] : undefined;
    if (!schema) return { type: 'unknown', wireType: value.type };
    return forward(schema.safeParse(value), ctx) as z.output<S[keyof S]>;
  });
}

/**
 * A string, or a value of `schema` (Anthropic's `content: string | blocks[]`). Unlike
 * `z.union`, an invalid block inside the array is reported at its own path.
 *
 * @example
 * ```ts
 * stringOr(z.array(z.number())).parse('hi'); // 'hi'
 * ```
 */
export function stringOr<S extends z.ZodType>(schema: S) {
  return z.unknown().transform((value, ctx): string | z.output<S> => {
    if (typeof value === 'string') return value;
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'Invalid input: expected string or array' });
      return z.NEVER;
    }
    return forward(schema.safeParse(value), ctx) as z.output<S>;
  });
}
