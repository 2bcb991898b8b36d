import { describe, expect, it } from 'vitest';
import { loadJson, loadStream } from '../../test-support/fixtures.js';
import type { CodecContext } from '../codec.js';
import { openaiChatCodec } from './chat-codec.js';

const ctx: CodecContext = { options: {}, warn: () => {} };

describe('openaiChatCodec', () => {
  it('is the openai-chat codec, wired to its parts', () => {
    expect(openaiChatCodec.format).toBe('openai-chat');
    expect(openaiChatCodec.parseRequest(loadJson('openai-chat', 'basic.request.json'), ctx).ok).toBe(true);
    expect(openaiChatCodec.parseResponse(loadJson('openai-chat', 'text.response.json'), ctx).ok).toBe(true);
    expect(openaiChatCodec.parseErrorBody(loadJson('openai-chat', 'error.error.json'), 400)?.type).toBe(
      'invalid_request_error',
    );
    expect(openaiChatCodec.renderErrorBody({ status: 500, type: 'api_error', message: 'x' })).toHaveProperty(
      'error.type',
      'server_error',
    );
  });

  it('translates a recorded stream into a stream of the same meaning', () => {
    const parser = openaiChatCodec.createStreamParser(ctx);
    const renderer = openaiChatCodec.createStreamRenderer(ctx);
    const out = loadStream('openai-chat', 'usage-tail').flatMap((e) =>
      parser.push(e).flatMap((ir) => renderer.push(ir)),
    );
    const text = out
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data) as { choices: Array<{ delta: { content?: string } }> })
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe("D'après le contexte fourni, la capitale est Ottawa 🇨🇦.");
    expect(out.at(-1)).toEqual({ data: '[DONE]' });
    expect(parser.done).toBe(true);
  });
});
