// Test-only: what a stream or body MEANS, independent of its format, for comparing translations.
import type { ApiFormat } from '../formats/api-format.js';
import { codecFor, createContext } from '../formats/codecs.js';
import type {
  IrAssistantPart,
  IrError,
  IrRequest,
  IrStopReason,
  IrStreamEvent,
  IrUsage,
} from '../formats/ir.js';
import type { SseEvent } from '../formats/sse.js';
import { runParser } from './run-parser.js';

export interface StreamSummary {
  text: string;
  thinking: string;
  signatures: string[];
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  stopReason?: IrStopReason;
  usage?: IrUsage;
  error?: Pick<IrError, 'status' | 'type' | 'code'>;
  /** Whether the stream reached exactly one terminal IR event. */
  terminated: boolean;
}

/** Parses a stream with its format's parser, into IR events. */
export function streamToIr(format: ApiFormat, events: SseEvent[]): IrStreamEvent[] {
  return runParser(codecFor(format).createStreamParser(createContext()), events);
}

export function summarizeIrStream(ir: IrStreamEvent[]): StreamSummary {
  const s: StreamSummary = { text: '', thinking: '', signatures: [], toolCalls: [], terminated: false };
  const args = new Map<number, string>();
  const calls = new Map<number, { id: string; name: string }>();
  let terminals = 0;
  for (const e of ir) {
    switch (e.type) {
      case 'text-delta':
        s.text += e.text;
        break;
      case 'thinking-delta':
        s.thinking += e.text;
        break;
      case 'thinking-signature':
        s.signatures.push(e.signature);
        break;
      case 'block-start':
        if (e.block.kind === 'tool_call') {
          calls.set(e.index, { id: e.block.id, name: e.block.name });
          args.set(e.index, '');
        }
        break;
      case 'tool-args-delta':
        args.set(e.index, (args.get(e.index) ?? '') + e.json);
        break;
      case 'finish':
        terminals++;
        s.stopReason = e.stopReason;
        s.usage = e.usage;
        break;
      case 'error':
        terminals++;
        s.error = { status: e.error.status, type: e.error.type, code: e.error.code };
        break;
    }
  }
  for (const [index, call] of calls) {
    const text = args.get(index) ?? '';
    s.toolCalls.push({ ...call, arguments: text === '' ? {} : JSON.parse(text) });
  }
  s.terminated = terminals === 1;
  return s;
}

export function summarizeStream(format: ApiFormat, events: SseEvent[]): StreamSummary {
  return summarizeIrStream(streamToIr(format, events));
}

/** A format-independent view of assistant content. */
export function summarizeContent(parts: IrAssistantPart[]) {
  return parts.map((p) => {
    switch (p.type) {
      case 'tool_call':
        return {
          type: p.type,
          id: p.id,
          name: p.name,
          arguments: JSON.parse(p.arguments || '{}') as unknown,
        };
      case 'thinking':
        return { type: p.type, text: p.text, signature: p.signature };
      case 'redacted_thinking':
        return { type: p.type, data: p.data };
      default:
        return { type: p.type, text: p.text };
    }
  });
}

/** Parses a request body with its format's codec (throws on failure: for tests only). */
export function requestToIr(format: ApiFormat, body: unknown): IrRequest {
  const result = codecFor(format).parseRequest(body, createContext());
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * The meaning of a request's conversation: system text, then per turn the role and a compact
 * list of parts, with tool arguments parsed (so `{"a":1}` and `{ "a": 1 }` compare equal).
 */
export function summarizeConversation(ir: IrRequest) {
  const system = [ir.system.map((p) => p.text).join('\n\n')].filter((t) => t !== '');
  const turns: Array<{ role: string; parts: unknown[] }> = [];
  for (const m of ir.messages) {
    const parts = m.content.flatMap((p): unknown[] => {
      switch (p.type) {
        case 'text':
          return p.text === '' ? [] : [{ text: p.text }];
        case 'image':
          return [{ image: p.source }];
        case 'file':
          return [{ file: p.source }];
        case 'tool_call':
          return [{ call: p.id, name: p.name, arguments: JSON.parse(p.arguments || '{}') }];
        case 'tool_result':
          return [
            {
              result: p.callId,
              content: p.content.map((c) => (c.type === 'text' ? c.text : c.type)).join('\n'),
            },
          ];
        case 'thinking':
          return [{ thinking: p.text, signature: p.signature }];
        case 'redacted_thinking':
          return [{ redacted: p.data }];
        default:
          return [{ refusal: p.text }];
      }
    });
    const last = turns.at(-1);
    // Adjacent turns of one role are one turn in formats that require alternation.
    if (last && last.role === m.role && m.role !== 'system') last.parts.push(...parts);
    else turns.push({ role: m.role, parts });
  }
  return { system, turns };
}
