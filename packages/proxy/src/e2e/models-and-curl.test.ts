// The calls the README and the AntSeed guides show: `client.models.list()` in both SDKs, and
// curl-style requests (plain fetch, no API key, only a content type) in every format, whole and
// streamed, pinned by session, header or model prefix.
import type { ApiFormat } from '@tollway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  TEST_SERVICES,
  type TestBuyer,
  type TestSeller,
} from '../buyer/test-support.js';
import { meaningOf } from './answer-meaning.js';

let seller: TestSeller;
let buyer: TestBuyer;

beforeAll(async () => {
  seller = await startTestSeller();
  buyer = await startTestBuyer({ bootstrap: [seller.url], pinPeer: seller.peerId });
});

afterAll(async () => {
  await buyer?.close();
  await seller?.close();
});

const SERVICE_NAMES = Object.values(TEST_SERVICES).sort();

describe('models', () => {
  it('lists the pinned peer’s services through the OpenAI SDK', async () => {
    const ids: string[] = [];
    for await (const model of buyer.openai().models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(SERVICE_NAMES);
  });

  it('lists the pinned peer’s services through the Anthropic SDK', async () => {
    const ids: string[] = [];
    for await (const model of buyer.anthropic().models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(SERVICE_NAMES);
  });

  it('lists them for curl too', async () => {
    const res = await fetch(`${buyer.url}/v1/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((m) => m.id).sort()).toEqual(SERVICE_NAMES);
  });
});

/** The body of the guides' curl example for each path. */
const CURL: Record<ApiFormat, { path: string; body: Record<string, unknown> }> = {
  'anthropic-messages': {
    path: '/v1/messages',
    body: { max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] },
  },
  'openai-chat': {
    path: '/v1/chat/completions',
    body: { messages: [{ role: 'user', content: 'Hello' }], temperature: 0.2 },
  },
  'openai-responses': { path: '/v1/responses', body: { input: 'Hello' } },
};

/** The last SSE event of a finished stream in each format. */
const LAST_EVENT: Record<ApiFormat, RegExp> = {
  'anthropic-messages': /event: message_stop\ndata: \{[^\n]*\}\n\n$/,
  'openai-chat': /data: \[DONE\]\n\n$/,
  'openai-responses': /event: response\.completed\ndata: \{[^\n]*\}\n\n$/,
};

const FORMATS = Object.keys(CURL) as ApiFormat[];
const PIN_STYLES = ['session', 'header', 'model prefix'] as const;

describe.each(FORMATS)('curl to %s', (format) => {
  const { path, body } = CURL[format];

  it.each(PIN_STYLES)('answers a whole request pinned by %s', async (style) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let model = TEST_SERVICES[format];
    if (style === 'header') headers['x-antseed-pin-peer'] = seller.peerId.toUpperCase();
    if (style === 'model prefix') model = `0x${seller.peerId}@${model}`;
    const res = await fetch(`${buyer.url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...body, model }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const meaning = meaningOf(format, await res.json());
    expect(meaning.text).toBe('Hello from the Tollway test model. You said: Hello');
    expect(meaning.stop).toBe('end');
  });

  it('streams to the format’s last event', async () => {
    const res = await fetch(`${buyer.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, model: TEST_SERVICES[format], stream: true }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(LAST_EVENT[format]);
    expect(text).toContain('Tollway');
  });
});
