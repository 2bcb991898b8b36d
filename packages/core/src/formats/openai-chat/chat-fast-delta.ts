import { readJsonString } from '../fast-json.js';

const CHOICE = '"choices":[{"index":0,"delta":{"';
const CHOICE_END = '},"logprobs":null,"finish_reason":null}]';
const KEYS = ['content', 'reasoning_content'] as const;
/** Envelope fields the parser reads when they are not null. */
const ENVELOPE_NEWS = /"(?:usage|error)":(?!null)/;

/**
 * Reads a chunk whose only news is a text or reasoning delta of choice 0, in the compact shape
 * the OpenAI API sends (`{"index":0,"delta":{"content":"…"},"logprobs":null,"finish_reason":null}`),
 * without `JSON.parse`; `undefined` for any other chunk, or one whose envelope carries usage or
 * an error (the caller then parses it fully).
 *
 * @example
 * ```ts
 * readChatFastDelta('{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}');
 * // { content: 'Hi' }
 * ```
 */
export function readChatFastDelta(
  data: string,
): { content: string } | { reasoning_content: string } | undefined {
  const at = data.indexOf(CHOICE);
  if (at === -1 || data.charCodeAt(0) !== 123 /* { */) return undefined;
  for (const key of KEYS) {
    const valueAt = at + CHOICE.length + key.length + 2;
    if (!data.startsWith(`${key}":`, at + CHOICE.length)) continue;
    const value = readJsonString(data, valueAt);
    if (!value || !data.startsWith(CHOICE_END, value.end)) return undefined;
    const head = data.slice(0, at);
    const tail = data.slice(value.end + CHOICE_END.length);
    if (!tail.endsWith('}') || ENVELOPE_NEWS.test(head) || ENVELOPE_NEWS.test(tail)) return undefined;
    return key === 'content' ? { content: value.value } : { reasoning_content: value.value };
  }
  return undefined;
}
