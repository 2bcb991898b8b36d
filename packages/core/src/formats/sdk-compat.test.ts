// The official SDKs must parse what the renderers produce: translated streams and bodies are
// served from a real loopback HTTP server and read with `openai` and `@anthropic-ai/sdk`,
// including the stream helpers that accumulate a final message.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureNames, loadJson, loadStream } from '../test-support/fixtures.js';
import { summarizeStream } from '../test-support/summarize.js';
import { API_FORMATS, type ApiFormat, formatForPath } from './api-format.js';
import { renderError } from './render-error.js';
import { serializeSse } from './sse.js';
import { translateResponse } from './translate-response.js';
import { translateStream } from './translate-stream.js';

let server: Server;
let baseUrl: string;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

beforeAll(async () => {
  // The fixture to serve is named in the model field: `<format>/<name>`.
  server = createServer(async (req, res) => {
    const to = formatForPath(req.url ?? '');
    const body = await readJson(req);
    const [from, name] = String(body.model).split('/') as [ApiFormat, string];
    if (!to) {
      res.writeHead(404).end();
      return;
    }
    if (String(from) === 'status') {
      const status = Number(name);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          renderError({ format: to, status, code: 'no_peer_pinned', message: 'No peer is pinned.' }),
        ),
      );
      return;
    }
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for await (const event of translateStream({ from, to, events: loadStream(from, name) })) {
        res.write(serializeSse(event));
      }
      res.end();
      return;
    }
    const result = translateResponse({ from, to, body: loadJson(from, `${name}.response.json`) });
    res.writeHead(result.ok ? 200 : 500, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result.ok ? result.body : { error: result.error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const anthropic = () => new Anthropic({ baseURL: baseUrl, apiKey: 'test', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test', maxRetries: 0 });
const FAILING = new Set(['error-mid-stream', 'truncated']);

describe.each(API_FORMATS)('streams from %s', (from) => {
  const names = fixtureNames(from, 'stream');
  const ok = names.filter((n) => !FAILING.has(n));
  const failing = names.filter((n) => FAILING.has(n));

  it.each(ok)('%s: the Anthropic SDK accumulates the final message', async (name) => {
    const expected = summarizeStream(from, loadStream(from, name));
    const message = await anthropic()
      .messages.stream({
        model: `${from}/${name}`,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'x' }],
      })
      .finalMessage();
    const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    const thinking = message.content.flatMap((b) => (b.type === 'thinking' ? [b.thinking] : [])).join('');
    const tools = message.content.flatMap((b) =>
      b.type === 'tool_use' ? [{ name: b.name, arguments: b.input }] : [],
    );
    expect(text).toBe(expected.text);
    expect(thinking).toBe(expected.thinking);
    expect(tools).toEqual(expected.toolCalls.map(({ name: n, arguments: a }) => ({ name: n, arguments: a })));
    expect(message.usage.output_tokens).toBe(expected.usage?.outputTokens);
  });

  it.each(ok)('%s: the OpenAI SDK accumulates the final chat completion', async (name) => {
    const expected = summarizeStream(from, loadStream(from, name));
    const completion = await openai()
      .chat.completions.stream({
        model: `${from}/${name}`,
        messages: [{ role: 'user', content: 'x' }],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    const message = completion.choices[0]!.message;
    expect(message.content ?? '').toBe(expected.text);
    const tools = (message.tool_calls ?? []).map((c) =>
      c.type === 'function' ? { name: c.function.name, arguments: JSON.parse(c.function.arguments) } : c,
    );
    expect(tools).toEqual(expected.toolCalls.map(({ name: n, arguments: a }) => ({ name: n, arguments: a })));
    expect(completion.usage?.completion_tokens).toBe(expected.usage?.outputTokens);
  });

  it.each(ok)('%s: the OpenAI SDK accumulates the final Responses response', async (name) => {
    const expected = summarizeStream(from, loadStream(from, name));
    const response = await openai()
      .responses.stream({ model: `${from}/${name}`, input: 'x' })
      .finalResponse();
    expect(response.output_text).toBe(expected.text);
    const tools = response.output.flatMap((o) =>
      o.type === 'function_call' ? [{ name: o.name, arguments: JSON.parse(o.arguments) }] : [],
    );
    expect(tools).toEqual(expected.toolCalls.map(({ name: n, arguments: a }) => ({ name: n, arguments: a })));
    expect(response.usage?.output_tokens).toBe(expected.usage?.outputTokens);
  });

  it.each(failing)('%s: every SDK sees the failure', async (name) => {
    await expect(
      anthropic()
        .messages.stream({
          model: `${from}/${name}`,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'x' }],
        })
        .finalMessage(),
    ).rejects.toThrow();
    await expect(
      openai()
        .chat.completions.stream({ model: `${from}/${name}`, messages: [{ role: 'user', content: 'x' }] })
        .finalChatCompletion(),
    ).rejects.toThrow();
    const types: string[] = [];
    for await (const event of await openai().responses.create({
      model: `${from}/${name}`,
      input: 'x',
      stream: true,
    })) {
      types.push(event.type);
    }
    expect(types.at(-1)).toBe('response.failed');
  });
});

describe.each(API_FORMATS)('whole responses from %s', (from) => {
  it.each(fixtureNames(from, 'response'))('%s: each SDK reads the translated body', async (name) => {
    const message = await anthropic().messages.create({
      model: `${from}/${name}`,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(message.type).toBe('message');
    expect(message.id).toMatch(/^msg_/);
    const completion = await openai().chat.completions.create({
      model: `${from}/${name}`,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.object).toBe('chat.completion');
    const response = await openai().responses.create({ model: `${from}/${name}`, input: 'x' });
    expect(response.object).toBe('response');
    const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(completion.choices[0]!.message.content ?? '').toBe(text);
    expect(response.output_text).toBe(text);
  });
});

describe('errors rendered for each SDK', () => {
  it('the Anthropic SDK classifies them by status and type, and sees the code', async () => {
    const call = (status: number) =>
      anthropic().messages.create({
        model: `status/${status}`,
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      });
    await expect(call(400)).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(call(429)).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    const error = await call(400).catch((e: unknown) => e);
    expect(JSON.stringify((error as { error: unknown }).error)).toContain('no_peer_pinned');
  });

  it('the OpenAI SDK classifies them by status and reads the code', async () => {
    const chat = openai()
      .chat.completions.create({ model: 'status/400', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    const error = await chat;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as { code: string }).code).toBe('no_peer_pinned');
    await expect(openai().responses.create({ model: 'status/429', input: 'x' })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });
});
