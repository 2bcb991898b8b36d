// The buyer proxy against a scripted seller: what reaches the seller, and how the proxy behaves
// when the seller is slow, fails, or dies.
import type { ServerResponse } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { type IrUsage, parseSseText } from '@tollway/core';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuyerPaymentContext, PaymentStep } from './payment-step.js';
import { type FakeSeller, startFakeSeller, startTestBuyer, type TestBuyer, waitFor } from './test-support.js';

let fake: FakeSeller;
let buyer: TestBuyer;
const payments: Array<{ ctx: BuyerPaymentContext; usage: IrUsage | undefined; cost: bigint | undefined }> =
  [];
let refuseNext = false;

const paymentStep: PaymentStep = {
  async beforeRequest() {
    if (refuseNext) {
      refuseNext = false;
      return { ok: false, status: 402, code: 'insufficient_deposit', message: 'Deposit USDC first.' };
    }
    return { ok: true, headers: { 'x-tollway-voucher': 'v1' } };
  },
  async afterResponse(ctx, usage, cost) {
    payments.push({ ctx, usage, cost });
  },
};

const ask = [{ role: 'user' as const, content: 'Hi' }];
const CHAT_USAGE = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 };

function chatChunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const chunk = {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'fake-chat',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
}

function answerChat(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'fake-chat',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
      usage: CHAT_USAGE,
    }),
  );
}

beforeAll(async () => {
  fake = await startFakeSeller({
    services: [
      { name: 'fake-chat', format: 'openai-chat' },
      { name: 'fake-messages', format: 'anthropic-messages', countTokens: true },
    ],
  });
  buyer = await startTestBuyer({
    bootstrap: [fake.url],
    pinPeer: fake.peerId,
    keepAliveAfterMs: 50,
    paymentStep,
    timeouts: { firstByteMs: 3000 },
  });
});

afterEach(() => {
  fake.requests.length = 0;
  payments.length = 0;
});

afterAll(async () => {
  await buyer?.close();
  await fake?.close();
});

describe('what reaches the seller', () => {
  it('a signed request without the client’s credentials or pin headers', async () => {
    fake.handle((_, res) => answerChat(res));
    const client = buyer.anthropic({
      'x-api-key': 'sk-ant-secret',
      cookie: 'session=secret',
      'proxy-authorization': 'Basic secret',
      'api-key': 'secret',
      'x-antseed-pin-peer': fake.peerId,
      'x-custom-thing': 'secret',
      'anthropic-beta': 'tools-2024',
    });
    await client.messages.create({ model: 'fake-chat', max_tokens: 20, messages: ask });
    const [seen] = fake.requests;
    expect(seen?.buyerPeerId).toBe(buyer.identity.peerId);
    expect(seen?.path).toBe('/v1/chat/completions');
    expect(seen?.body.model).toBe('fake-chat');
    const headers = seen?.headers ?? {};
    for (const name of [
      'authorization',
      'x-api-key',
      'cookie',
      'proxy-authorization',
      'api-key',
      'x-antseed-pin-peer',
      'x-custom-thing',
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(JSON.stringify(headers)).not.toContain('secret');
    expect(headers['anthropic-beta']).toBe('tools-2024');
    expect(headers['x-tollway-voucher']).toBe('v1');
  });

  it('meters a whole answer at the peer’s prices and hands it to the payment step', async () => {
    fake.handle((_, res) => answerChat(res));
    await buyer.openai().chat.completions.create({ model: 'fake-chat', messages: ask });
    const [paid] = payments;
    expect(paid?.ctx).toMatchObject({
      peerId: fake.peerId,
      service: 'fake-chat',
      clientFormat: 'openai-chat',
      stream: false,
    });
    expect(paid?.usage).toMatchObject({ inputTokens: 1000, outputTokens: 500 });
    // 1000 × 1 USD/M + 500 × 2 USD/M = 0.002 USDC.
    expect(paid?.cost).toBe(2000n);
  });

  it('meters a streamed answer from the usage chunk it asks the Chat service for', async () => {
    fake.handle((_, res) => {
      startSse(res);
      res.write(chatChunk({ role: 'assistant', content: 'hel' }));
      res.write(chatChunk({ content: 'lo' }, 'stop'));
      res.write(
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake-chat', choices: [], usage: CHAT_USAGE })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
    const stream = buyer.anthropic().messages.stream({ model: 'fake-chat', max_tokens: 20, messages: ask });
    expect((await stream.finalMessage()).content[0]).toMatchObject({ text: 'hello' });
    expect(fake.requests[0]?.body.stream_options).toEqual({ include_usage: true });
    await waitFor(() => payments[0]);
    expect(payments[0]?.cost).toBe(2000n);
  });

  it('meters a Groq-style stream that reports usage in x_groq, as the translator reads it', async () => {
    fake.handle((_, res) => {
      startSse(res);
      res.write(chatChunk({ role: 'assistant', content: 'hel' }));
      res.write(
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake-chat', choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }], x_groq: { id: 'req_1', usage: CHAT_USAGE } })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
    const stream = buyer.openai().chat.completions.stream({ model: 'fake-chat', messages: ask });
    expect((await stream.finalChatCompletion()).choices[0]?.message.content).toBe('hello');
    await waitFor(() => payments[0]);
    expect(payments[0]?.usage).toMatchObject({ inputTokens: 1000, outputTokens: 500 });
    expect(payments[0]?.cost).toBe(2000n);
  });

  it('a refusal of the payment step, in the client’s format, without calling the seller', async () => {
    refuseNext = true;
    const error = await buyer
      .anthropic()
      .messages.create({ model: 'fake-chat', max_tokens: 5, messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as { status: number }).status).toBe(402);
    expect(JSON.stringify((error as { error: unknown }).error)).toContain('insufficient_deposit');
    expect(fake.requests).toHaveLength(0);
  });

  it('count_tokens forwarded to a service that counts, with the service’s name', async () => {
    fake.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"input_tokens":42}');
    });
    const counted = await buyer.anthropic().messages.countTokens({ model: 'fake-messages', messages: ask });
    expect(counted.input_tokens).toBe(42);
    expect(fake.requests[0]).toMatchObject({
      path: '/v1/messages/count_tokens',
      body: { model: 'fake-messages' },
    });
    expect(payments).toHaveLength(0);
  });
});

describe('seller failures', () => {
  it('passes a seller’s error on in the client’s format', async () => {
    fake.handle((_, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }),
      );
    });
    const error = await buyer
      .anthropic()
      .messages.create({ model: 'fake-chat', max_tokens: 5, messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as Error).message).toContain('Slow down');
  });

  it.each([
    ['anthropic-messages', '/v1/messages', (events: SseLike[]) => events.at(-1)?.event === 'error'],
    [
      'openai-chat',
      '/v1/chat/completions',
      (events: SseLike[]) => events.at(-1)?.data.includes('"error"') === true,
    ],
    ['openai-responses', '/v1/responses', (events: SseLike[]) => events.at(-1)?.event === 'response.failed'],
  ] as const)(
    'ends a %s stream with its error event when the seller dies mid-stream',
    async (_format, path, endsInError) => {
      fake.handle((_, res) => {
        startSse(res);
        res.write(chatChunk({ role: 'assistant', content: 'partial' }));
        setImmediate(() => res.socket?.destroy());
      });
      const events = await streamEvents(path, {
        model: 'fake-chat',
        max_tokens: 20,
        messages: ask,
        input: 'Hi',
        stream: true,
      });
      expect(events.some((e) => e.data.includes('partial'))).toBe(true);
      expect(endsInError(events)).toBe(true);
    },
  );

  it('keeps a slow stream alive with comments, then delivers it', async () => {
    let release: (() => void) | undefined;
    fake.handle(
      (_, res) =>
        new Promise<void>((resolve) => {
          release = () => {
            startSse(res);
            res.write(chatChunk({ role: 'assistant', content: 'late' }, 'stop'));
            res.end('data: [DONE]\n\n');
            resolve();
          };
        }),
    );
    const res = await request(`${buyer.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-chat', messages: ask, stream: true }),
    });
    // The status is committed before the seller has answered anything.
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    let text = '';
    for await (const chunk of res.body) {
      text += chunk.toString();
      if (text.includes(': keep-alive') && release) {
        release();
        release = undefined;
      }
    }
    expect(text.indexOf(': keep-alive')).toBeLessThan(text.indexOf('late'));
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('reports a seller error that comes after the stream was committed as an in-stream error', async () => {
    let release: (() => void) | undefined;
    fake.handle(
      (_, res) =>
        new Promise<void>((resolve) => {
          release = () => {
            res.writeHead(503, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                error: { message: 'Upstream is down', type: 'server_error', code: 'upstream_unreachable' },
              }),
            );
            resolve();
          };
        }),
    );
    const res = await request(`${buyer.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-chat', max_tokens: 5, messages: ask, stream: true }),
    });
    expect(res.statusCode).toBe(200);
    let text = '';
    for await (const chunk of res.body) {
      text += chunk.toString();
      if (text.includes(': keep-alive') && release) {
        release();
        release = undefined;
      }
    }
    const last = parseSseText(text).at(-1);
    expect(last?.event).toBe('error');
    expect(last?.data).toContain('Upstream is down');
  });

  it('answers peer_timeout when the seller sends nothing in time', async () => {
    const impatient = await startTestBuyer({
      bootstrap: [fake.url],
      pinPeer: fake.peerId,
      timeouts: { firstByteMs: 100 },
    });
    let hung: ServerResponse | undefined;
    fake.handle((_, res) => {
      hung = res;
    });
    try {
      const error = await impatient
        .openai()
        .chat.completions.create({ model: 'fake-chat', messages: ask })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as { status: number }).status).toBe(504);
      expect((error as { code: string }).code).toBe('peer_timeout');
    } finally {
      hung?.destroy();
      await impatient.close();
    }
  });

  it('answers peer_unreachable when the pinned seller is down, and keeps the peer', async () => {
    const doomed = await startFakeSeller({ services: [{ name: 'm', format: 'openai-chat' }] });
    const lonely = await startTestBuyer({ bootstrap: [doomed.url], pinPeer: doomed.peerId });
    try {
      await doomed.close();
      const error = await lonely
        .openai()
        .chat.completions.create({ model: 'm', messages: ask })
        .catch((e: unknown) => e);
      expect((error as { status: number }).status).toBe(502);
      expect((error as { code: string }).code).toBe('peer_unreachable');
      expect((await lonely.store.read()).discoveredPeers?.map((p) => p.peerId)).toEqual([doomed.peerId]);
    } finally {
      await lonely.close();
    }
  });

  it('ends streams still running at close() with their error event', async () => {
    const closing = await startTestBuyer({ bootstrap: [fake.url], pinPeer: fake.peerId, closeGraceMs: 50 });
    let seller: ServerResponse | undefined;
    fake.handle((_, res) => {
      startSse(res);
      res.write(chatChunk({ role: 'assistant', content: 'forever' }));
      seller = res;
    });
    const res = await request(`${closing.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-chat', input: 'Hi', stream: true }),
    });
    const chunks: string[] = [];
    const reading = (async () => {
      for await (const chunk of res.body) chunks.push(chunk.toString());
    })();
    await waitFor(() => (chunks.join('').includes('forever') ? true : undefined));
    await closing.close();
    await reading;
    seller?.destroy();
    expect(parseSseText(chunks.join('')).at(-1)?.event).toBe('response.failed');
  });
});

interface SseLike {
  event?: string;
  data: string;
}

/** POSTs a streaming request and returns every SSE event of the answer. */
async function streamEvents(path: string, body: Record<string, unknown>): Promise<SseLike[]> {
  const res = await request(`${buyer.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.statusCode).toBe(200);
  return parseSseText(await res.body.text());
}
