import type { z } from 'zod';
import { TranslationError, type TranslationErrorCode } from '../errors/translation-error.js';
import type { Result } from './codec.js';

/**
 * Validates `body` with a wire-format schema and turns the first issue into a
 * {@link TranslationError} that names the field (`messages.0.content: …`).
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  body: unknown,
  code: TranslationErrorCode = 'invalid_request',
): Result<z.infer<S>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const param = issue ? issue.path.map(String).join('.') : '';
  const what = issue ? issue.message : 'invalid body';
  const message = param ? `${param}: ${what}` : what;
  return { ok: false, error: new TranslationError(code, message, { param: param || undefined }) };
}

/** A failed {@link Result} for a valid body that the target cannot express. */
export function unsupported(param: string, message: string): { ok: false; error: TranslationError } {
  return { ok: false, error: new TranslationError('unsupported_parameter', message, { param }) };
}
