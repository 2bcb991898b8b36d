import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';
import { forwardToUpstream } from './forward-to-upstream.js';
import { UpstreamError } from './upstream-error.js';
import { upstreamHeaders } from './upstream-headers.js';
import { upstreamUrl } from './upstream-url.js';

describe('upstreamUrl', () => {
  it.each([
    ['https://api.openai.com/v1', '/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/', '/v1/responses', 'https://api.openai.com/v1/responses'],
    ['https://api.anthropic.com', '/v1/messages', 'https://api.anthropic.com/v1/messages'],
    [
      'https://api.anthropic.com/',
      '/v1/messages/count_tokens',
      'https://api.anthropic.com/v1/messages/count_tokens',
    ],
    ['http://localhost:11434/v1', '/v1/chat/completions', 'http://localhost:11434/v1/chat/completions'],
    ['http://gpu-box:8000', '/v1/chat/completions', 'http://gpu-box:8000/v1/chat/completions'],
    ['https://gateway.example/openai/v1', '/v1/responses', 'https://gateway.example/openai/v1/responses'],
  ])('%s + %s', (base, path, expected) => {
    expect(upstreamUrl(base, path)).toBe(expected);
  });
});

describe('upstreamHeaders', () => {
  const client: IncomingHttpHeaders = {
    authorization: 'Bearer buyer-secret',
    'x-api-key': 'buyer-key',
    cookie: 'session=1',
    'x-tollway-signature': '0xsig',
    'x-tollway-buyer': 'abc',
    'anthropic-beta': 'tools-2024',
    'openai-beta': 'assistants=v2',
    accept: 'text/event-stream',
    'content-type': 'application/json',
  };

  it('sends an OpenAI key as a bearer token and drops every client credential', () => {
    expect(upstreamHeaders({ format: 'openai-chat', apiKey: 'sk-seller' }, client)).toEqual({
      'anthropic-beta': 'tools-2024',
      'openai-beta': 'assistants=v2',
      accept: 'text/event-stream',
      'content-type': 'application/json',
      authorization: 'Bearer sk-seller',
    });
  });

  it('sends an Anthropic key as x-api-key with a default version, keeping the client version', () => {
    const without = upstreamHeaders({ format: 'anthropic-messages', apiKey: 'sk-ant' }, {});
    expect(without).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'sk-ant',
    });
    const withVersion = upstreamHeaders(
      { format: 'anthropic-messages' },
      { 'anthropic-version': '2026-10-21' },
    );
    expect(withVersion['anthropic-version']).toBe('2026-10-21');
    expect(withVersion).not.toHaveProperty('x-api-key');
    expect(withVersion).not.toHaveProperty('authorization');
  });
});

describe('forwardToUpstream', () => {
  let server: Server;
  let base: string;
  const seen: { url?: string; headers?: IncomingHttpHeaders; body?: string } = {};

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      Object.assign(seen, { url: req.url, headers: req.headers, body });
      if (req.url?.includes('slow')) return; // never answers
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end('done');
    });
    base = await listenOnLoopback(server);
  });

  afterAll(() => closeServer(server));

  it('posts the body to the joined URL and returns the streaming answer', async () => {
    const res = await forwardToUpstream({
      upstream: { baseUrl: `${base}/v1`, format: 'openai-chat', apiKey: 'sk-seller' },
      path: '/v1/chat/completions',
      body: '{"model":"m"}',
      clientHeaders: { authorization: 'Bearer buyer' },
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('text/plain');
    let text = '';
    for await (const chunk of res.body) text += chunk;
    expect(text).toBe('done');
    expect(seen.url).toBe('/v1/chat/completions');
    expect(seen.body).toBe('{"model":"m"}');
    expect(seen.headers?.authorization).toBe('Bearer sk-seller');
  });

  it('a server that is down is upstream_unreachable (502)', async () => {
    const closed = createServer();
    const closedUrl = await listenOnLoopback(closed);
    await closeServer(closed);
    const error = await forwardToUpstream({
      upstream: { baseUrl: closedUrl, format: 'anthropic-messages' },
      path: '/v1/messages',
      body: '{}',
      clientHeaders: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'upstream_unreachable', status: 502 });
  });

  it('a server that does not answer in time is upstream_timeout (504)', async () => {
    const error = await forwardToUpstream({
      upstream: { baseUrl: base, format: 'openai-responses' },
      path: '/v1/slow',
      body: '{}',
      clientHeaders: {},
      timeouts: { headersMs: 150 },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_timeout', status: 504 });
  });
});
