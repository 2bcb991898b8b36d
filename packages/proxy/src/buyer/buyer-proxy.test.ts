import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic, { type APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import OpenAI, { type APIError as OpenAiApiError } from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  TEST_SERVICES,
  type TestBuyer,
  type TestSeller,
  testIdentity,
  waitFor,
} from './test-support.js';

let seller: TestSeller;
let other: TestSeller;
/** Knows both sellers; no session pin. */
let buyer: TestBuyer;

const ask = [{ role: 'user' as const, content: 'Hi there' }];

beforeAll(async () => {
  seller = await startTestSeller();
  other = await startTestSeller({ identity: testIdentity(0x44) });
  buyer = await startTestBuyer({ bootstrap: [seller.url, other.url] });
});

afterAll(async () => {
  await buyer?.close();
  await seller?.close();
  await other?.close();
});

describe('pinning', () => {
  it('routes by the x-antseed-pin-peer header, in any case and with 0x', async () => {
    const client = buyer.openai({ 'x-antseed-pin-peer': `0x${seller.peerId.toUpperCase()}` });
    const answer = await client.chat.completions.create({
      model: TEST_SERVICES['openai-chat'],
      messages: ask,
    });
    expect(answer.choices[0]?.message.content).toContain('You said: Hi there');
  });

  it('routes by the x-tollway-pin-peer alias', async () => {
    const client = buyer.anthropic({ 'x-tollway-pin-peer': seller.peerId });
    const answer = await client.messages.create({
      model: TEST_SERVICES['openai-chat'],
      max_tokens: 50,
      messages: ask,
    });
    expect(answer.content[0]).toMatchObject({ type: 'text' });
  });

  it('routes by a <peerId>@<model> prefix and forwards the bare service name', async () => {
    const client = buyer.openai();
    const answer = await client.responses.create({
      model: `0x${other.peerId.toUpperCase()}@${TEST_SERVICES['anthropic-messages']}`,
      input: 'Hello prefix',
    });
    expect(answer.output_text).toContain('You said: Hello prefix');
    expect(answer.model).toBe(TEST_SERVICES['anthropic-messages']);
  });

  it('prefers the header to the model prefix', async () => {
    // The prefix names a peer that does not exist: only the header can make this succeed.
    const client = buyer.openai({ 'x-antseed-pin-peer': seller.peerId });
    const answer = await client.chat.completions.create({
      model: `${'e'.repeat(40)}@${TEST_SERVICES['openai-chat']}`,
      messages: ask,
    });
    expect(answer.choices[0]?.message.content).toContain('Hi there');
  });

  it.each([
    ['openai-chat', OpenAI.BadRequestError],
    ['openai-responses', OpenAI.BadRequestError],
    ['anthropic-messages', Anthropic.BadRequestError],
  ] as const)(
    'answers no_peer_pinned in the %s format, classified by its SDK',
    async (format, errorClass) => {
      const call =
        format === 'openai-chat'
          ? buyer.openai().chat.completions.create({ model: 'test-chat', messages: ask })
          : format === 'openai-responses'
            ? buyer.openai().responses.create({ model: 'test-chat', input: 'Hi' })
            : buyer.anthropic().messages.create({ model: 'test-chat', max_tokens: 10, messages: ask });
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      const status = (error as { status: number }).status;
      expect(status).toBe(400);
      const text = JSON.stringify((error as { error: unknown }).error);
      expect(text).toContain('no_peer_pinned');
      for (const way of ['tollway buyer connection set --peer', 'x-antseed-pin-peer', '@<model>']) {
        expect(text).toContain(way);
      }
    },
  );

  it('refuses a pin header that is not a peer id', async () => {
    const error = await buyer
      .openai({ 'x-antseed-pin-peer': 'stratacode' })
      .chat.completions.create({ model: 'test-chat', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as OpenAiApiError).code).toBe('invalid_peer_id');
  });

  it('answers peer_not_found for an unknown peer, saying how to find it', async () => {
    const error = await buyer
      .anthropic({ 'x-antseed-pin-peer': 'd'.repeat(40) })
      .messages.create({ model: 'test-chat', max_tokens: 10, messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    const text = JSON.stringify((error as AnthropicApiError).error);
    expect(text).toContain('peer_not_found');
    expect(text).toContain('tollway network browse');
    expect(text).toContain('--bootstrap');
  });

  it('answers model_not_offered naming the services the peer sells', async () => {
    const error = await buyer
      .openai({ 'x-antseed-pin-peer': seller.peerId })
      .chat.completions.create({ model: 'gpt-5', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as OpenAiApiError).code).toBe('model_not_offered');
    for (const name of Object.values(TEST_SERVICES)) expect((error as Error).message).toContain(name);
  });

  it('answers model_required when there is no model', async () => {
    const res = await post(
      buyer.url,
      '/v1/chat/completions',
      { messages: ask },
      { 'x-antseed-pin-peer': seller.peerId },
    );
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'model_required' } });
  });

  it('picks up a session pin written to the state file while running, and its service pin', async () => {
    const pinned = await startTestBuyer({ bootstrap: [seller.url] });
    try {
      const client = pinned.openai();
      const before = await client.chat.completions
        .create({ model: 'test-chat', messages: ask })
        .catch((e) => e);
      expect((before as OpenAiApiError).code).toBe('no_peer_pinned');
      // As `tollway buyer connection set --peer 0x…` would write it, from another process.
      await pinned.store.update((s) => ({ ...s, pinnedPeerId: `0x${seller.peerId.toUpperCase()}` }));
      const answer = await waitFor(() =>
        client.chat.completions.create({ model: 'test-chat', messages: ask }).then(
          (a) => a,
          () => undefined,
        ),
      );
      expect(answer.model).toBe('test-chat');
      await pinned.store.update((s) => ({ ...s, pinnedService: TEST_SERVICES['openai-responses'] }));
      const rerouted = await waitFor(() =>
        client.chat.completions.create({ model: 'whatever-the-tool-sends', messages: ask }).then(
          (a) => (a.model === TEST_SERVICES['openai-responses'] ? a : undefined),
          () => undefined,
        ),
      );
      expect(rerouted.choices[0]?.message.content).toContain('Hi there');
    } finally {
      await pinned.close();
    }
  });
});

describe('streams', () => {
  it('streams an Anthropic client from an OpenAI Responses service', async () => {
    const stream = buyer.anthropic({ 'x-antseed-pin-peer': seller.peerId }).messages.stream({
      model: TEST_SERVICES['openai-responses'],
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream me' }],
    });
    const message = await stream.finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('stream me') });
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams a Chat client from an Anthropic service, with usage only when asked for', async () => {
    const client = buyer.openai({ 'x-antseed-pin-peer': seller.peerId });
    const model = TEST_SERVICES['anthropic-messages'];
    const chunks = [];
    for await (const chunk of await client.chat.completions.create({ model, messages: ask, stream: true }))
      chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toContain('Hi there');
    expect(chunks.some((c) => c.usage)).toBe(false);
    const withUsage = [];
    const stream = await client.chat.completions.create({
      model,
      messages: ask,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) withUsage.push(chunk);
    expect(withUsage.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('does not pass the usage chunk it asked a Chat service for to a Chat client that did not', async () => {
    const client = buyer.openai({ 'x-antseed-pin-peer': seller.peerId });
    const chunks = [];
    for await (const chunk of await client.chat.completions.create({
      model: 'test-chat',
      messages: ask,
      stream: true,
    })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
  });

  it('streams a Responses client from a Chat service', async () => {
    const stream = await buyer
      .openai({ 'x-antseed-pin-peer': seller.peerId })
      .responses.create({ model: 'test-chat', input: 'respond', stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toContain('respond');
    expect(types.at(-1)).toBe('response.completed');
  });
});

describe('other routes', () => {
  it('lists the pinned peer’s services in the OpenAI shape', async () => {
    const list = await buyer.openai({ 'x-antseed-pin-peer': seller.peerId }).models.list();
    expect(list.data.map((m) => m.id).sort()).toEqual(Object.values(TEST_SERVICES).sort());
    expect(list.data[0]).toMatchObject({
      object: 'model',
      owned_by: expect.any(String),
      created: expect.any(Number),
    });
  });

  it('lists every known peer’s services as usable <peerId>@<service> ids without a pin', async () => {
    const list = await buyer.openai().models.list();
    const ids = list.data.map((m) => m.id);
    expect(ids).toContain(`${seller.peerId}@test-chat`);
    expect(ids).toContain(`${other.peerId}@test-messages`);
    const answer = await buyer
      .openai()
      .chat.completions.create({ model: `${other.peerId}@test-chat`, messages: ask });
    expect(answer.choices[0]?.message.content).toContain('Hi there');
  });

  it('lists models in the Anthropic shape for an Anthropic client', async () => {
    const page = await buyer.anthropic({ 'x-antseed-pin-peer': other.peerId }).models.list();
    expect(page.data.map((m) => m.id).sort()).toEqual(Object.values(TEST_SERVICES).sort());
    expect(page.data[0]).toMatchObject({ type: 'model', display_name: expect.any(String) });
  });

  it('estimates count_tokens locally for a service that cannot count, unbilled', async () => {
    const res = await post(
      buyer.url,
      '/v1/messages/count_tokens',
      { model: 'test-chat', messages: [{ role: 'user', content: 'x'.repeat(400) }] },
      { 'x-antseed-pin-peer': seller.peerId, 'anthropic-version': '2023-06-01' },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ input_tokens: 100 });
    expect(res.headers['x-tollway-token-count']).toBe('estimate');
  });

  it('reports health with its peer id, the session pin and the peers it knows', async () => {
    const res = await request(`${buyer.url}/health`);
    expect(await res.body.json()).toEqual({
      status: 'ok',
      peerId: buyer.identity.peerId,
      pinnedPeerId: null,
      peers: 2,
    });
  });

  it('answers an unknown path with a 404 in the OpenAI shape, with a request id', async () => {
    const res = await request(`${buyer.url}/v2/nothing`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    expect(await res.body.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('carries x-request-id and x-antseed-latency-ms on answers', async () => {
    const res = await post(buyer.url, '/v1/chat/completions', {
      model: `${seller.peerId}@test-chat`,
      messages: ask,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    expect(Number(res.headers['x-antseed-latency-ms'])).toBeGreaterThanOrEqual(0);
  });
});

describe('bad requests', () => {
  it('refuses a body over the limit with 413 in the caller’s format', async () => {
    const small = await startTestBuyer({ bodyLimitBytes: 1024 });
    try {
      const body = {
        model: 'test-chat',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x'.repeat(2000) }],
      };
      const res = await post(small.url, '/v1/messages', body);
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
      expect(JSON.stringify(res.json)).toContain('body_too_large');
    } finally {
      await small.close();
    }
  });

  it('refuses a body that is not JSON', async () => {
    const res = await request(`${buyer.url}/v1/responses`, { method: 'POST', body: '{nope' });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('reports a request the translation refuses with its field', async () => {
    const res = await post(buyer.url, '/v1/responses', {
      model: `${seller.peerId}@test-messages`,
      input: 'hi',
      previous_response_id: 'resp_1',
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { code: 'unsupported_parameter', param: 'previous_response_id' },
    });
  });
});

describe('state file', () => {
  it('runs two proxies side by side, each with its own data dir and state', async () => {
    const a = await startTestBuyer({ bootstrap: [seller.url], pinPeer: seller.peerId });
    const b = await startTestBuyer({ bootstrap: [other.url], pinPeer: `0x${other.peerId.toUpperCase()}` });
    try {
      for (const [one, peer] of [
        [a, seller],
        [b, other],
      ] as const) {
        const answer = await one.openai().chat.completions.create({ model: 'test-chat', messages: ask });
        expect(answer.choices[0]?.message.content).toContain('Hi there');
        const state = JSON.parse(await readFile(join(one.dataDir, 'buyer.state.json'), 'utf8'));
        expect(state).toMatchObject({ state: 'connected', pid: process.pid, pinnedPeerId: peer.peerId });
        expect(one.url).toBe(`http://127.0.0.1:${state.port}`);
        expect(state.discoveredPeers.map((p: { peerId: string }) => p.peerId)).toEqual([peer.peerId]);
      }
      await a.proxy.close();
      expect(await a.store.read()).toMatchObject({ state: 'stopped', pinnedPeerId: seller.peerId });
      expect((await b.store.read()).state).toBe('connected');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }> {
  const res = await request(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, json: await res.body.json(), headers: res.headers };
}
