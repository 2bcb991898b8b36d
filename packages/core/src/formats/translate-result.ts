import { TranslationError } from '../errors/translation-error.js';
import { type ApiFormat, isApiFormat } from './api-format.js';
import type { TranslateOptions, TranslationWarning } from './codec.js';
import type { IrUsage } from './ir.js';

/**
 * What {@link translateRequest} and {@link translateResponse} return: the target body and the
 * warnings, or a {@link TranslationError} value (never a throw) when the input is bad. The body
 * has the type of the input body: JSON text in, JSON text out; a value in, a value out.
 */
export type TranslateResult<B = Record<string, unknown>> =
  | {
      ok: true;
      body: B;
      warnings: TranslationWarning[];
      /** The token usage the source reports (whole responses only), for metering. */
      usage?: IrUsage;
    }
  | { ok: false; error: TranslationError; warnings: TranslationWarning[] };

/** Arguments of the whole-body translations. */
export interface TranslateInput<B = unknown> {
  from: ApiFormat;
  to: ApiFormat;
  /** The body: a parsed JSON value, or its JSON text. */
  body: B;
  options?: TranslateOptions;
}

/** Checks `from`/`to` and turns JSON text into a value; a failure as a TranslationError. */
export function readInput(
  input: TranslateInput,
  code: 'invalid_request' | 'invalid_response',
): { ok: true; body: unknown } | { ok: false; error: TranslationError } {
  for (const key of ['from', 'to'] as const) {
    if (!isApiFormat(input[key])) {
      return {
        ok: false,
        error: new TranslationError(
          code,
          `${key}: expected "anthropic-messages", "openai-chat" or "openai-responses"`,
          { param: key },
        ),
      };
    }
  }
  if (typeof input.body !== 'string') return { ok: true, body: input.body };
  try {
    return { ok: true, body: JSON.parse(input.body) };
  } catch (cause) {
    return { ok: false, error: new TranslationError(code, 'body is not valid JSON', { cause }) };
  }
}

/** The output body in the input's shape: JSON text when the input was text. */
export function outputBody(input: unknown, body: Record<string, unknown>): never {
  return (typeof input === 'string' ? JSON.stringify(body) : body) as never;
}
