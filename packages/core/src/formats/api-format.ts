/**
 * The three LLM API wire formats Tollway speaks.
 *
 * @example
 * ```ts
 * const format: ApiFormat = 'openai-chat';
 * ```
 */
export type ApiFormat = 'anthropic-messages' | 'openai-chat' | 'openai-responses';

/** Every format, in a stable order. */
export const API_FORMATS: readonly ApiFormat[] = ['anthropic-messages', 'openai-chat', 'openai-responses'];

const PATH_FORMATS: ReadonlyArray<readonly [string, ApiFormat]> = [
  ['/v1/messages', 'anthropic-messages'],
  ['/v1/chat/completions', 'openai-chat'],
  ['/v1/responses', 'openai-responses'],
];

/**
 * Which format a request path speaks, or `undefined` for a path that is not a model call.
 * A query string and a trailing slash are ignored; a mount prefix is allowed
 * (`/api/openai/v1/chat/completions`).
 *
 * @example
 * ```ts
 * formatForPath('/v1/messages'); // 'anthropic-messages'
 * formatForPath('/v1/chat/completions?x=1'); // 'openai-chat'
 * formatForPath('/v1/models'); // undefined
 * ```
 */
export function formatForPath(path: string): ApiFormat | undefined {
  const bare = (path.split(/[?#]/, 1)[0] ?? '').replace(/\/+$/, '');
  for (const [suffix, format] of PATH_FORMATS) {
    if (bare === suffix || bare.endsWith(suffix)) return format;
  }
  return undefined;
}

/**
 * Whether a value names one of the three formats.
 *
 * @example
 * ```ts
 * isApiFormat('openai-responses'); // true
 * isApiFormat('gemini'); // false
 * ```
 */
export function isApiFormat(value: unknown): value is ApiFormat {
  return typeof value === 'string' && (API_FORMATS as readonly string[]).includes(value);
}
