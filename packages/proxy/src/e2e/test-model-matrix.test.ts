// Every client format × every service format, whole and streamed, through a real buyer proxy
// and a real seller selling the built-in test model, driven with the official SDKs.
import type { ApiFormat } from '@tollway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  TEST_SERVICES,
  type TestBuyer,
  type TestSeller,
} from '../buyer/test-support.js';
import { ask, type SdkClients, toolRoundTrip, WEATHER_RESULT } from './sdk-conversation.js';

const FORMATS: ApiFormat[] = ['openai-chat', 'anthropic-messages', 'openai-responses'];
const PAIRS = FORMATS.flatMap((client) =>
  FORMATS.flatMap((service) => [false, true].map((stream) => ({ client, service, stream }))),
);

let seller: TestSeller;
let buyer: TestBuyer;
let clients: SdkClients;

beforeAll(async () => {
  seller = await startTestSeller();
  buyer = await startTestBuyer({ bootstrap: [seller.url], pinPeer: seller.peerId });
  clients = { openai: buyer.openai(), anthropic: buyer.anthropic() };
});

afterAll(async () => {
  await buyer?.close();
  await seller?.close();
});

/** The test model's word-by-word output token count of a text. */
function words(text: string): number {
  return text.match(/\S+\s*/g)?.length ?? 0;
}

describe.each(PAIRS)('$client client → $service service, stream: $stream', ({ client, service, stream }) => {
  const call = { format: client, model: TEST_SERVICES[service], stream };

  it('answers a question with its text, stop reason and usage', async () => {
    const prompt = 'Bonjour, 日本語 and emoji 🎉 too';
    const meaning = await ask(clients, call, prompt);
    const text = `Hello from the Tollway test model. You said: ${prompt}`;
    expect(meaning).toEqual({
      text,
      toolCalls: [],
      stop: 'end',
      usage: { input: expect.any(Number), output: words(text) },
    });
    expect(meaning.usage.input).toBeGreaterThan(0);
  });

  it('stops at the token limit and says so', async () => {
    const prompt = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const meaning = await ask(clients, call, prompt, 16);
    expect(meaning.stop).toBe('length');
    expect(meaning.usage.output).toBe(16);
    expect(words(meaning.text)).toBe(16);
  });

  it('calls a tool with parsed arguments, takes its result back and answers with text', async () => {
    const { call: first, final } = await toolRoundTrip(
      clients,
      call,
      'Please call the weather tool for Paris',
    );
    expect(first.stop).toBe('tool');
    expect(first.toolCalls).toEqual([
      { id: expect.any(String), name: 'get_weather', arguments: { location: 'test', unit: 'celsius' } },
    ]);
    expect(first.usage.output).toBeGreaterThan(0);
    expect(final).toEqual({
      text: `The tool returned: ${WEATHER_RESULT}`,
      toolCalls: [],
      stop: 'end',
      usage: { input: expect.any(Number), output: words(`The tool returned: ${WEATHER_RESULT}`) },
    });
  });
});
