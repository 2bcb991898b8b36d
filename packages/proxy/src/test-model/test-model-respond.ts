import {
  type ApiFormat,
  renderError,
  type SseEvent,
  serializeSse,
  translateRequest,
  translateResponse,
  translateStream,
} from '@tollway/core';
import { estimateInputTokens, planReply, type ReplyPlan } from './plan-reply.js';

/** Arguments of {@link testModelRespond}. */
export interface TestModelRequest {
  /** The format of the request, and of the answer. */
  format: ApiFormat;
  /** The request body: a parsed JSON value or its text. */
  body: unknown;
  /** Stream the answer; default: the body's own `stream` field. */
  stream?: boolean;
}

/** An HTTP answer of the test model. */
export interface TestModelResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or the SSE bytes event by event. */
  body: string | AsyncIterable<Uint8Array>;
}

/** Unix seconds stamped on every answer: a constant, so that answers are reproducible. */
const CREATED = 1_767_225_600;

/**
 * The built-in deterministic test model: no network, same request → same answer. It greets and
 * quotes the last user message word by word; calls the first offered tool when the user asks for
 * a "tool" or a "call" (arguments built from the tool's JSON schema); reports what a tool
 * returned; honours the token limit and `stream`. Answers in the request's own format.
 *
 * @example
 * ```ts
 * const res = await testModelRespond({
 *   format: 'anthropic-messages',
 *   body: { model: 'test', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] },
 * });
 * res.status; // 200
 * JSON.parse(res.body as string).content[0].text; // 'Hello from the Tollway test model. You said: Hi'
 * ```
 */
export async function testModelRespond(request: TestModelRequest): Promise<TestModelResponse> {
  const chat = toChat(request.format, request.body);
  if (!chat.ok) return chat.response;
  const plan = planReply(chat.body);
  const stream = request.stream ?? chat.body.stream === true;
  if (!stream) {
    const result = translateResponse({ from: 'openai-chat', to: request.format, body: chatCompletion(plan) });
    if (!result.ok) throw result.error; // the model's own output always translates
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(result.body),
    };
  }
  const includeUsage =
    request.format !== 'openai-chat' ||
    (chat.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const events = translateStream({
    from: 'openai-chat',
    to: request.format,
    events: chatChunks(plan, includeUsage),
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    body: encodeEvents(events),
  };
}

/**
 * The test model's token count for a request in any format (the `count_tokens` answer).
 *
 * @example
 * ```ts
 * testModelCountTokens({ format: 'openai-chat', body: { model: 'm', messages: [{ role: 'user', content: 'Hello!!!' }] } });
 * // { ok: true, input_tokens: 2 }
 * ```
 */
export function testModelCountTokens(
  request: Omit<TestModelRequest, 'stream'>,
): { ok: true; input_tokens: number } | { ok: false; response: TestModelResponse } {
  const chat = toChat(request.format, request.body);
  return chat.ok ? { ok: true, input_tokens: estimateInputTokens(chat.body) } : chat;
}

function toChat(
  format: ApiFormat,
  body: unknown,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: TestModelResponse } {
  const result = translateRequest({ from: format, to: 'openai-chat', body });
  if (result.ok) {
    const chat = typeof result.body === 'string' ? JSON.parse(result.body) : result.body;
    return { ok: true, body: chat as Record<string, unknown> };
  }
  const { status, code, message } = result.error;
  return {
    ok: false,
    response: {
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(renderError({ format, status, code, message })),
    },
  };
}

function usageOf(plan: ReplyPlan) {
  return {
    prompt_tokens: plan.inputTokens,
    completion_tokens: plan.outputTokens,
    total_tokens: plan.inputTokens + plan.outputTokens,
  };
}

function chatCompletion(plan: ReplyPlan): Record<string, unknown> {
  const call = plan.toolCall;
  const message = call
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.argumentDeltas.join('') },
          },
        ],
      }
    : { role: 'assistant', content: plan.textDeltas.join('') };
  return {
    id: `chatcmpl-${plan.hash.slice(0, 24)}`,
    object: 'chat.completion',
    created: CREATED,
    model: plan.model,
    choices: [{ index: 0, message, finish_reason: plan.finishReason }],
    usage: usageOf(plan),
  };
}

function* chatChunks(plan: ReplyPlan, includeUsage: boolean): Generator<SseEvent> {
  const head = {
    id: `chatcmpl-${plan.hash.slice(0, 24)}`,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: plan.model,
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({ ...head, choices: [{ index: 0, delta, finish_reason: finish }] }),
  });
  yield chunk({ role: 'assistant', content: '' });
  for (const text of plan.textDeltas) yield chunk({ content: text });
  const call = plan.toolCall;
  if (call) {
    yield chunk({
      tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const part of call.argumentDeltas)
      yield chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] });
  }
  yield chunk({}, plan.finishReason);
  if (includeUsage) yield { data: JSON.stringify({ ...head, choices: [], usage: usageOf(plan) }) };
  yield { data: '[DONE]' };
}

async function* encodeEvents(events: AsyncIterable<SseEvent>): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const event of events) yield encoder.encode(serializeSse(event));
}
