import { createHash } from 'node:crypto';
import { argumentsFromSchema } from './arguments-from-schema.js';

const QUOTE_LIMIT = 200;
const TOOL_TRIGGER = /tool|call/i;

/** What the test model answers to one request, before it is rendered in any format. */
export interface ReplyPlan {
  /** Hex digest of the request: the seed of every id. */
  hash: string;
  model: string;
  inputTokens: number;
  /** Text deltas, word by word (empty for a tool call). */
  textDeltas: string[];
  /** A tool call, its arguments JSON split into at least two deltas. */
  toolCall?: { id: string; name: string; argumentDeltas: string[] };
  finishReason: 'stop' | 'length' | 'tool_calls';
  outputTokens: number;
}

type ChatMessage = { role?: unknown; content?: unknown };

/**
 * Decides the test model's answer to an OpenAI Chat request body (other formats are translated
 * to Chat first). Pure and deterministic: the same body always gets the same answer and ids.
 *
 * @example
 * ```ts
 * planReply({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }).textDeltas.join('');
 * // 'Hello from the Tollway test model. You said: Hi'
 * ```
 */
export function planReply(body: Record<string, unknown>): ReplyPlan {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const messages = (Array.isArray(body.messages) ? body.messages : []) as ChatMessage[];
  const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
  const last = messages.at(-1);
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const userText = lastUser ? textOf(lastUser.content) : '';
  const base = { hash, model: typeof body.model === 'string' ? body.model : 'test-model' };
  const inputTokens = estimateTokens(messages, tools);

  const tool = firstTool(tools);
  if (last?.role === 'user' && tool && TOOL_TRIGGER.test(userText)) {
    const args = JSON.stringify(argumentsFromSchema(tool.parameters));
    const argumentDeltas = splitInThree(args);
    return {
      ...base,
      inputTokens,
      textDeltas: [],
      toolCall: { id: `call_${hash.slice(0, 24)}`, name: tool.name, argumentDeltas },
      finishReason: 'tool_calls',
      outputTokens: argumentDeltas.length,
    };
  }

  const text =
    last?.role === 'tool'
      ? `The tool returned: ${quote(textOf(last.content))}`
      : `Hello from the Tollway test model. You said: ${quote(userText)}`;
  const words = text.match(/\S+\s*/g) ?? [text];
  const limit = maxTokensOf(body);
  const textDeltas = limit !== undefined && limit < words.length ? words.slice(0, limit) : words;
  return {
    ...base,
    inputTokens,
    textDeltas,
    finishReason: textDeltas.length < words.length ? 'length' : 'stop',
    outputTokens: textDeltas.length,
  };
}

/**
 * The test model's input token estimate for a Chat body: a quarter of the prompt's characters
 * (message text and tool definitions), rounded up.
 *
 * @example
 * ```ts
 * estimateInputTokens({ messages: [{ role: 'user', content: 'Hello!!!' }] }); // 2
 * ```
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as ChatMessage[];
  return estimateTokens(messages, Array.isArray(body.tools) ? body.tools : []);
}

function estimateTokens(messages: ChatMessage[], tools: unknown[]): number {
  let chars = 0;
  for (const message of messages) chars += textOf(message.content).length;
  if (tools.length > 0) chars += JSON.stringify(tools).length;
  return Math.max(1, Math.ceil(chars / 4));
}

function quote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > QUOTE_LIMIT ? trimmed.slice(0, QUOTE_LIMIT) : trimmed;
}

/** The text of Chat message content: a string, or the text parts of an array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: unknown; text?: unknown }) =>
      (part?.type === 'text' || part?.type === 'input_text') && typeof part.text === 'string'
        ? part.text
        : '',
    )
    .filter((t) => t !== '')
    .join('\n');
}

function firstTool(tools: unknown[]): { name: string; parameters: unknown } | undefined {
  for (const tool of tools as { type?: unknown; function?: { name?: unknown; parameters?: unknown } }[]) {
    if (tool?.type === 'function' && typeof tool.function?.name === 'string') {
      return { name: tool.function.name, parameters: tool.function.parameters };
    }
  }
  return undefined;
}

function maxTokensOf(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' && value >= 1 ? Math.floor(value) : undefined;
}

/** Splits a JSON text into three non-empty pieces (two for a text of two characters). */
function splitInThree(text: string): string[] {
  const a = Math.max(1, Math.floor(text.length / 3));
  const b = Math.max(a + 1, Math.floor((2 * text.length) / 3));
  return [text.slice(0, a), text.slice(a, b), text.slice(b)].filter((p) => p !== '');
}
