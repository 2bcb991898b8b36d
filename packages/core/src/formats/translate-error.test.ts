import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJson } from '../test-support/fixtures.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import { translateErrorBody } from './translate-error.js';

/** What a client reads from an error body of its format: type, message, machine code, param. */
function readError(format: ApiFormat, body: Record<string, unknown>) {
  const error = body.error as Record<string, unknown>;
  if (format === 'anthropic-messages') {
    expect(body.type).toBe('error');
    const details = error.details as { error_code?: string } | undefined;
    return { type: error.type, message: error.message, code: details?.error_code ?? error.type };
  }
  return { type: error.type, message: error.message, code: error.code, param: error.param };
}

const FIXTURE_MEANING: Record<ApiFormat, { message: RegExp; code: string; param?: string }> = {
  'anthropic-messages': { message: /^max_tokens: 100000 > 64000/, code: 'invalid_request_error' },
  'openai-chat': { message: /^Invalid type for 'messages\[1\]\.content'/, code: 'invalid_type' },
  'openai-responses': { message: /^Invalid type for 'input\[0\]\.content'/, code: 'invalid_type' },
};

describe('translateErrorBody with the recorded error bodies', () => {
  describe.each(API_FORMATS)('from %s', (from) => {
    const fixture = () => loadJson(from, 'error.error.json');

    it('returns the very body object for the same format, extra fields included', () => {
      const body = fixture();
      expect(translateErrorBody({ from, to: from, status: 400, body })).toBe(body);
      expect(translateErrorBody({ from, to: from, status: 400, body: JSON.stringify(body) })).toEqual(body);
    });

    it.each(API_FORMATS.filter((to) => to !== from))('renders it for %s clients', (to) => {
      const out = translateErrorBody({ from, to, status: 400, body: JSON.stringify(fixture()) });
      const read = readError(to, out);
      const expected = FIXTURE_MEANING[from];
      expect(read.type).toBe('invalid_request_error');
      expect(read.message).toMatch(expected.message);
      expect(read.code).toBe(expected.code);
      if (to !== 'anthropic-messages' && from !== 'anthropic-messages') {
        expect(read.param).toBe(from === 'openai-chat' ? 'messages[1].content' : 'input[0].content');
      }
    });
  });

  it('classifies by the status the upstream answered with', () => {
    const body = { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } };
    expect(translateErrorBody({ from: 'openai-chat', to: 'anthropic-messages', status: 429, body })).toEqual({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Slow down',
        details: { error_code: 'rate_limit_exceeded' },
      },
    });
    const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const out = translateErrorBody({
      from: 'anthropic-messages',
      to: 'openai-responses',
      status: 529,
      body: overloaded,
    });
    expect(readError('openai-responses', out)).toMatchObject({ type: 'server_error', message: 'Overloaded' });
  });
});

describe('translateErrorBody with bodies that are not errors of the upstream format', () => {
  it.each(API_FORMATS)('wraps an HTML page for %s clients, code upstream_error', (to) => {
    const html = '\n  <html><body><h1>502 Bad Gateway</h1></body></html>\n';
    const read = readError(to, translateErrorBody({ from: 'openai-chat', to, status: 502, body: html }));
    expect(read.message).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(read.code).toBe('upstream_error');
    expect(read.type).toBe(to === 'anthropic-messages' ? 'api_error' : 'server_error');
  });

  it.each([
    ['an empty body', ''],
    ['blank text', ' \n\t '],
    ['undefined', undefined],
    ['JSON null', 'null'],
  ])('says which status the upstream answered for %s', (_, body) => {
    const out = translateErrorBody({ from: 'anthropic-messages', to: 'openai-chat', status: 503, body });
    expect(readError('openai-chat', out)).toMatchObject({
      message: 'Upstream answered HTTP 503',
      code: 'upstream_error',
    });
  });

  it('cuts long text to 500 characters without splitting a character', () => {
    const text = `${'x'.repeat(499)}😀${'y'.repeat(1000)}`;
    const out = translateErrorBody({ from: 'openai-chat', to: 'openai-chat', status: 500, body: text });
    const message = readError('openai-chat', out).message as string;
    expect(Array.from(message)).toHaveLength(500);
    expect(message.endsWith('😀')).toBe(true);
  });

  it('uses a detail or message field of JSON of another shape, else the JSON text', () => {
    const detail = translateErrorBody({
      from: 'anthropic-messages',
      to: 'anthropic-messages',
      status: 402,
      body: '{"detail":"Insufficient balance"}',
    });
    expect(readError('anthropic-messages', detail)).toMatchObject({
      type: 'billing_error',
      message: 'Insufficient balance',
      code: 'upstream_error',
    });
    const other = translateErrorBody({
      from: 'openai-chat',
      to: 'openai-chat',
      status: 500,
      body: { oops: 1 },
    });
    expect(readError('openai-chat', other).message).toBe('{"oops":1}');
  });

  it('reads Anthropic-compatible bodies without the top-level type, as the codec does', () => {
    const body = { error: { type: 'not_found_error', message: 'model: claude-x' } };
    const out = translateErrorBody({ from: 'anthropic-messages', to: 'openai-chat', status: 404, body });
    expect(readError('openai-chat', out)).toMatchObject({
      type: 'not_found_error',
      message: 'model: claude-x',
    });
  });
});

describe('the official SDKs classify translated upstream errors', () => {
  let server: Server;
  let baseUrl: string;
  // The upstream error to translate is named in the model field: `<from>/<status>/<fixture|html>`.
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const [from, status, kind] = String((JSON.parse(text) as { model: string }).model).split('/') as [
        ApiFormat,
        string,
        string,
      ];
      const to: ApiFormat = req.url?.endsWith('/v1/messages')
        ? 'anthropic-messages'
        : req.url?.endsWith('/chat/completions')
          ? 'openai-chat'
          : 'openai-responses';
      const body =
        kind === 'html' ? '<h1>Service Unavailable</h1>' : JSON.stringify(loadJson(from, 'error.error.json'));
      const out = translateErrorBody({ from, to, status: Number(status), body });
      res.writeHead(Number(status), { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The error the Anthropic SDK throws for the upstream answer named by `model`. */
  const viaAnthropic = (model: string) =>
    new Anthropic({ baseURL: baseUrl, apiKey: 'test', maxRetries: 0 }).messages
      .create({ model, max_tokens: 1, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
  const openai = () => new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test', maxRetries: 0 });

  it('the Anthropic SDK sees an OpenAI upstream rate limit as RateLimitError with its message', async () => {
    const error = await viaAnthropic('openai-chat/429/fixture');
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as Error).message).toContain("Invalid type for 'messages[1].content'");
  });

  it('the OpenAI SDK sees an Anthropic upstream 400 as BadRequestError', async () => {
    const error = await openai()
      .chat.completions.create({
        model: 'anthropic-messages/400/fixture',
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('max_tokens: 100000 > 64000');
  });

  it('both SDKs see an HTML 503 page as a server error carrying the page text', async () => {
    const fromAnthropic = await viaAnthropic('openai-chat/503/html');
    expect(fromAnthropic).toBeInstanceOf(Anthropic.InternalServerError);
    expect((fromAnthropic as Error).message).toContain('Service Unavailable');
    const fromOpenai = await openai()
      .responses.create({ model: 'openai-chat/503/html', input: 'x' })
      .catch((e: unknown) => e);
    expect(fromOpenai).toBeInstanceOf(OpenAI.InternalServerError);
    expect((fromOpenai as { code: string }).code).toBe('upstream_error');
  });
});
