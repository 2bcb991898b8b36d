import type { CodecContext } from '../codec.js';
import type { IrAssistantPart, IrTextPart } from '../ir.js';
import type { ChatResponseBody } from './chat-schema.js';
import { warnDropped } from './chat-schema-helpers.js';

/** What a request's assistant message and a response's `message` have in common. */
export type ChatAssistantWire = Pick<
  ChatResponseBody['choices'][number]['message'],
  'content' | 'refusal' | 'tool_calls' | 'reasoning_content' | 'reasoning' | 'annotations'
>;

/**
 * The IR parts of an assistant message, in the order the model produced them: reasoning
 * (`reasoning_content`, or `reasoning` as OpenRouter and newer vLLM name it), text, refusal,
 * tool calls. Empty arguments become `"{}"`; non-function tool calls are dropped with a warning.
 * `path` is the message's dotted path, for warnings.
 *
 * @example
 * ```ts
 * parseChatAssistant({ content: 'Hi', reasoning_content: 'Greet back.' }, 'messages.1', ctx);
 * // [{ type: 'thinking', text: 'Greet back.' }, { type: 'text', text: 'Hi' }]
 * ```
 */
export function parseChatAssistant(
  message: ChatAssistantWire,
  path: string,
  ctx: CodecContext,
): IrAssistantPart[] {
  const out: IrAssistantPart[] = [];
  const reasoning =
    message.reasoning_content || (typeof message.reasoning === 'string' ? message.reasoning : undefined);
  if (reasoning) out.push({ type: 'thinking', text: reasoning });

  const texts: IrTextPart[] = [];
  const { content } = message;
  if (typeof content === 'string') {
    if (content !== '') texts.push({ type: 'text', text: content });
    out.push(...texts);
  } else if (content) {
    content.forEach((part, j) => {
      if (part.type === 'text') {
        const text: IrTextPart = { type: 'text', text: part.text };
        texts.push(text);
        out.push(text);
      } else if (part.type === 'refusal') {
        out.push({ type: 'refusal', text: part.refusal });
      } else {
        warnDropped('content part', part, `${path}.content.${j}`, ctx);
      }
    });
  }
  const first = texts[0];
  if (first && message.annotations?.length) first.citations = message.annotations;
  if (message.refusal && !out.some((p) => p.type === 'refusal'))
    out.push({ type: 'refusal', text: message.refusal });

  message.tool_calls?.forEach((call, k) => {
    if (call.type === 'unknown') {
      warnDropped('tool call', call, `${path}.tool_calls.${k}`, ctx);
      return;
    }
    const args = call.function.arguments ?? '';
    out.push({
      type: 'tool_call',
      id: call.id,
      name: call.function.name,
      arguments: args.trim() === '' ? '{}' : args,
    });
  });
  return out;
}
