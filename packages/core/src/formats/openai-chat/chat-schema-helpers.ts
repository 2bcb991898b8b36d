import { z } from 'zod';
import type { CodecContext } from '../codec.js';

/** A tagged object of a kind the codec does not map; kept only so it can be dropped with a warning. */
export interface ChatUnknownPart {
  type: 'unknown';
  /** The `type` the wire object had. */
  originalType: string;
}

/**
 * Warns that an object of an unmapped type was dropped (`what` names it: "content part",
 * "tool call", "tool").
 *
 * @example
 * ```ts
 * warnDropped('tool', { type: 'unknown', originalType: 'custom' }, 'tools.0', ctx);
 * // ctx.warn({ code: 'dropped_content', path: 'tools.0', message: 'tool of type "custom" was dropped' })
 * ```
 */
export function warnDropped(what: string, item: ChatUnknownPart, path: string, ctx: CodecContext): void {
  ctx.warn({ code: 'dropped_content', path, message: `${what} of type "${item.originalType}" was dropped` });
}

type Issue = z.core.$ZodRawIssue;

/** Forwards the issues of a nested parse to the enclosing one, so that their paths stay exact. */
function forward(issues: readonly z.core.$ZodIssue[], input: unknown, ctx: { issues: Issue[] }): void {
  for (const issue of issues) ctx.issues.push({ ...issue, input } as Issue);
}

/**
 * A value that is either a string or an array of `item`s (Chat message `content`). Unlike a
 * plain `z.union`, an error inside the array keeps its exact path (`content.1.image_url.url`).
 *
 * @example
 * ```ts
 * const content = stringOrArray(z.looseObject({ type: z.literal('text'), text: z.string() }));
 * content.parse('hi'); // 'hi'
 * content.safeParse([{ type: 'text', text: 1 }]).error?.issues[0]?.path; // [0, 'text']
 * ```
 */
export function stringOrArray<T extends z.ZodType>(item: T) {
  const array = z.array(item);
  return z.unknown().transform((value, ctx): string | z.output<T>[] => {
    if (typeof value === 'string') return value;
    if (!Array.isArray(value)) {
      ctx.issues.push({
        code: 'custom',
        message: 'expected a string or an array of content parts',
        input: value,
      });
      return z.NEVER;
    }
    const parsed = array.safeParse(value);
    if (parsed.success) return parsed.data;
    forward(parsed.error.issues, value, ctx);
    return z.NEVER;
  });
}

/**
 * An object tagged by its `type`: the types listed are validated with their schema, any other
 * type becomes a {@link ChatUnknownPart} (so that unknown kinds are dropped with a warning,
 * never rejected). `fallback` is the type assumed when `type` is absent.
 *
 * @example
 * ```ts
 * const part = taggedObject({ text: z.looseObject({ type: z.literal('text'), text: z.string() }) });
 * part.parse({ type: 'input_audio', input_audio: {} }); // { type: 'unknown', originalType: 'input_audio' }
 * ```
 */
export function taggedObject<M extends Record<string, z.ZodType>>(schemas: M, fallback?: keyof M & string) {
  type Known = { [K in keyof M]: z.output<M[K]> }[keyof M];
  return z.unknown().transform((value, ctx): Known | ChatUnknownPart => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.issues.push({ code: 'custom', message: 'expected an object', input: value });
      return z.NEVER;
    }
    const tag = (value as Record<string, unknown>).type ?? fallback;
    if (typeof tag !== 'string') {
      ctx.issues.push({ code: 'custom', message: 'expected a string', path: ['type'], input: value });
      return z.NEVER;
    }
    const schema = Object.hasOwn(schemas, tag) ? schemas[tag] : undefined;
    if (!schema) return { type: 'unknown', originalType: tag };
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as Known;
    forward(parsed.error.issues, value, ctx);
    return z.NEVER;
  });
}
