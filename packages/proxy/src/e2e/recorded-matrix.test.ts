// Every client format × every upstream format, whole and streamed: a real seller forwards to an
// HTTP upstream that replays recorded real OpenAI Chat, Anthropic Messages and OpenAI Responses
// answers; the official SDKs must see exactly what the recording means.
import type { ApiFormat } from '@tollway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  type TestBuyer,
  type TestSeller,
  testIdentity,
} from '../buyer/test-support.js';
import { idsErased, recordedMeaning } from './answer-meaning.js';
import {
  FAIL_MID_STREAM,
  RECORDED_SERVICES,
  RECORDED_UPSTREAM_KEY,
  type RecordedUpstream,
  recordedEvents,
  recordedServices,
  startRecordedUpstream,
} from './recorded-upstream.js';
import { ask, type SdkClients, toolRoundTrip, WEATHER_RESULT } from './sdk-conversation.js';

const FORMATS: ApiFormat[] = ['openai-chat', 'anthropic-messages', 'openai-responses'];
const PAIRS = FORMATS.flatMap((client) =>
  FORMATS.flatMap((upstream) => [false, true].map((stream) => ({ client, upstream, stream }))),
);

let upstream: RecordedUpstream;
let seller: TestSeller;
let buyer: TestBuyer;
let clients: SdkClients;

beforeAll(async () => {
  upstream = await startRecordedUpstream();
  seller = await startTestSeller({ identity: testIdentity(0x44), services: recordedServices(upstream.url) });
  buyer = await startTestBuyer({ bootstrap: [seller.url], pinPeer: seller.peerId });
  clients = { openai: buyer.openai(), anthropic: buyer.anthropic() };
});

afterAll(async () => {
  await buyer?.close();
  await seller?.close();
  await upstream?.close();
});

/** The tool-call ids and tool-result references of a request body in its format. */
function toolIds(format: ApiFormat, body: Record<string, unknown>): { calls: string[]; results: string[] } {
  // biome-ignore lint/suspicious/noExplicitAny: a wire body read loosely
  const items = ((format === 'openai-responses' ? body.input : body.messages) ?? []) as any[];
  if (format === 'openai-chat') {
    return {
      calls: items.flatMap((m) => (m.tool_calls ?? []).map((c: { id: string }) => c.id)),
      results: items.filter((m) => m.role === 'tool').map((m) => m.tool_call_id),
    };
  }
  if (format === 'openai-responses') {
    return {
      calls: items.filter((i) => i.type === 'function_call').map((i) => i.call_id),
      results: items.filter((i) => i.type === 'function_call_output').map((i) => i.call_id),
    };
  }
  const blocks = items.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  return {
    calls: blocks.filter((b) => b.type === 'tool_use').map((b) => b.id),
    results: blocks.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id),
  };
}

describe.each(PAIRS)(
  '$client client → $upstream upstream, stream: $stream',
  ({ client, upstream: format, stream }) => {
    const call = { format: client, model: RECORDED_SERVICES[format], stream };

    it('delivers the recorded text, stop reason and usage', async () => {
      const meaning = await ask(clients, call, 'Dis bonjour en japonais.');
      expect(meaning).toEqual(recordedMeaning(format, 'text', stream));
      const last = upstream.requests.at(-1)!;
      expect(last.format).toBe(format);
      expect(last.body.model).toBe(`upstream-${format}`);
      expect(last.headers.authorization ?? last.headers['x-api-key']).toContain(RECORDED_UPSTREAM_KEY);
    });

    it('delivers a recorded answer cut by the token limit as such', async () => {
      const meaning = await ask(clients, call, 'Écris un long poème.', 16);
      expect(upstream.requests.at(-1)!.answer).toBe('max-tokens');
      expect(meaning).toEqual(recordedMeaning(format, 'max-tokens', stream));
    });

    it('carries a recorded tool call, the tool result back to the upstream, and the final text', async () => {
      const { call: first, final } = await toolRoundTrip(clients, call, 'Quel temps fait-il à Zürich ?');
      expect(idsErased(first)).toEqual(idsErased(recordedMeaning(format, 'tool-call', stream)));
      expect(final).toEqual(recordedMeaning(format, 'text', stream));

      // The upstream saw its own tool call come back with the result, ids consistent, in its format.
      const [offer, answer] = upstream.requests.slice(-2);
      expect(offer!.answer).toBe('tool-call');
      expect(answer!.answer).toBe('text');
      const ids = toolIds(format, answer!.body);
      expect(ids.calls).toHaveLength(1);
      expect(ids.results).toEqual(ids.calls);
      expect(JSON.stringify(answer!.body)).toContain(JSON.stringify(WEATHER_RESULT).slice(1, -1));
    });

    it('carries recorded parallel tool calls and every result back', async () => {
      const { call: first, final } = await toolRoundTrip(clients, call, 'Paris et Tōkyō, et l’heure ?', {
        parallel: true,
      });
      const recorded = recordedMeaning(format, 'parallel-tools', stream);
      expect(recorded.toolCalls.length).toBeGreaterThan(1);
      expect(idsErased(first)).toEqual(idsErased(recorded));
      expect(final).toEqual(recordedMeaning(format, 'text', stream));
      const ids = toolIds(format, upstream.requests.at(-1)!.body);
      expect(ids.calls).toHaveLength(recorded.toolCalls.length);
      expect(ids.results).toEqual(ids.calls);
    });

    // A recorded broken stream exists only as a stream.
    if (stream)
      it('ends the client’s stream with its error when the upstream’s recorded stream breaks', async () => {
        const error = await ask(clients, call, `Say hi. ${FAIL_MID_STREAM}`).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(upstream.requests.at(-1)!.answer).toBe('error-mid-stream');
        expect(error).toBeInstanceOf(Error);
        // The upstream's own message reaches the client, whatever its format.
        // biome-ignore lint/suspicious/noExplicitAny: a recorded event read loosely
        const last = recordedEvents(format, 'error-mid-stream').at(-1)?.data as any;
        const upstreamMessage: string = (last.response ?? last).error.message;
        expect(upstreamMessage.length).toBeGreaterThan(0);
        expect((error as Error).message).toContain(upstreamMessage);
      });
  },
);
