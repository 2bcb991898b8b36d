import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson, loadStream } from '../../test-support/fixtures.js';
import { parseSse, type SseEvent, serializeSse } from '../sse.js';
import { anthropicCodec } from './anthropic-codec.js';
import { FORMAT, runParser, testContext } from './anthropic-test-helpers.js';

describe('anthropicCodec', () => {
  it('is the Anthropic Messages codec', () => {
    expect(anthropicCodec.format).toBe('anthropic-messages');
  });

  it('has the recorded fixtures the cross-format tests iterate over', () => {
    expect(fixtureNames(FORMAT, 'stream')).toEqual([
      'error-mid-stream',
      'max-tokens',
      'parallel-tools',
      'text',
      'thinking',
      'tool-call',
      'tool-no-args',
      'truncated',
      'usage-tail',
    ]);
    expect(fixtureNames(FORMAT, 'response')).toEqual([
      'cached-usage',
      'max-tokens',
      'parallel-tools',
      'text',
      'thinking',
      'tool-call',
      'tool-no-args',
    ]);
    expect(fixtureNames(FORMAT, 'request')).toEqual(['basic', 'images', 'stream', 'thinking', 'tools']);
  });

  it('wires every operation', () => {
    const ctx = testContext();
    const request = anthropicCodec.parseRequest(loadJson(FORMAT, 'basic.request.json'), ctx);
    expect(request.ok && anthropicCodec.renderRequest(request.value, ctx).ok).toBe(true);
    const response = anthropicCodec.parseResponse(loadJson(FORMAT, 'text.response.json'), ctx);
    expect(response.ok && anthropicCodec.renderResponse(response.value, ctx).type).toBe('message');
    const error = anthropicCodec.parseErrorBody(loadJson(FORMAT, 'error.error.json'), 400);
    expect(error && anthropicCodec.renderErrorBody(error)).toMatchObject({
      error: { type: 'invalid_request_error' },
    });
    const renderer = anthropicCodec.createStreamRenderer(ctx);
    const events = runParser(anthropicCodec.createStreamParser(ctx), loadStream(FORMAT, 'text'));
    expect(events.flatMap((e) => renderer.push(e)).at(-1)?.event).toBe('message_stop');
  });

  it.each(fixtureNames(FORMAT, 'stream'))(
    'parses the %s stream the same from SSE bytes in small chunks',
    async (name) => {
      const events = loadStream(FORMAT, name);
      const expected = runParser(anthropicCodec.createStreamParser(testContext()), events);
      const bytes = new TextEncoder().encode(events.map(serializeSse).join(''));
      for (const size of [1, 7, 64]) {
        const chunks: Uint8Array[] = [];
        // Chunks cut anywhere, inside multi-byte characters included.
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
        const received: SseEvent[] = [];
        for await (const event of parseSse(chunks)) received.push(event);
        expect(runParser(anthropicCodec.createStreamParser(testContext()), received)).toEqual(expected);
      }
    },
  );
});
