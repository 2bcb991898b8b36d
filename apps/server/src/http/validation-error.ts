import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** One problem with a request, located the way FastAPI locates them (`["body", "owner_id"]`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * A 400 error (the status the reference documents for validation errors) for a request part that failed its schema: `detail` is one readable line,
 * `errors` lists each issue with its location.
 *
 * @example
 * ```ts
 * const parsed = schema.safeParse(body);
 * if (!parsed.success) throw validationError('body', parsed.error);
 * // 400 {"detail": "body.owner_id: Invalid input: expected string, received undefined", "errors": [...]}
 * ```
 */
export function validationError(where: 'body' | 'query' | 'path', error: z.ZodError): HttpError {
  const errors: ValidationIssue[] = error.issues.map((issue) => ({
    loc: [where, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
  const detail = errors.map((e) => `${e.loc.join('.')}: ${e.msg}`).join('; ');
  return new HttpError(400, detail, { extra: { errors } });
}
