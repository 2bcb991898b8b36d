import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import type { IrResponse } from '../ir.js';
import { FORMAT, testContext } from './anthropic-test-helpers.js';
import { parseAnthropicResponse } from './parse-anthropic-response.js';
import { renderAnthropicResponse } from './render-anthropic-response.js';

const MODEL = 'claude-sonnet-4-5-20250929';

function parse(body: unknown, ctx = testContext()): IrResponse {
  const result = parseAnthropicResponse(body, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

const fixture = (name: string) => loadJson(FORMAT, `${name}.response.json`);

describe('parseAnthropicResponse on recorded responses', () => {
  it('text', () => {
    expect(parse(fixture('text'))).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: MODEL,
      content: [
        {
          type: 'text',
          text: 'Bonjour ! Voici trois mots en japonais : 日本語 (nihongo), 桜 (sakura) et 猫 (neko). Bonne journée ☀️🎉',
        },
      ],
      stopReason: 'stop',
      usage: { inputTokens: 21, outputTokens: 38 },
    });
  });

  it('tool-call and tool-no-args: input as JSON text, {} when empty', () => {
    expect(parse(fixture('tool-call')).content[1]).toEqual({
      type: 'tool_call',
      id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
      name: 'get_weather',
      arguments: '{"location":"Zürich, CH","unit":"celsius"}',
    });
    const noArgs = parse(fixture('tool-no-args'));
    expect(noArgs.content).toEqual([
      { type: 'tool_call', id: 'toolu_01Ra8sD3fG6hJ9kL2zX5cV7b', name: 'get_current_time', arguments: '{}' },
    ]);
    expect(noArgs.stopReason).toBe('tool_calls');
  });

  it('parallel-tools', () => {
    expect(parse(fixture('parallel-tools')).content.map((p) => p.type)).toEqual([
      'text',
      'tool_call',
      'tool_call',
      'tool_call',
    ]);
  });

  it('thinking: signature and redacted data byte for byte, thinking tokens as reasoning tokens', () => {
    const body = fixture('thinking');
    const blocks = body.content as Array<Record<string, string>>;
    const ir = parse(body);
    expect(ir.content.slice(0, 2)).toEqual([
      { type: 'thinking', text: blocks[0]!.thinking, signature: blocks[0]!.signature },
      { type: 'redacted_thinking', data: blocks[1]!.data },
    ]);
    expect(ir.usage).toEqual({ inputTokens: 86, outputTokens: 142, reasoningTokens: 97 });
  });

  it('max-tokens', () => {
    expect(parse(fixture('max-tokens')).stopReason).toBe('length');
  });

  it('cached-usage: input tokens include cache reads and writes', () => {
    expect(parse(fixture('cached-usage')).usage).toEqual({
      inputTokens: 14 + 2048 + 312,
      outputTokens: 19,
      cachedInputTokens: 2048,
      cacheCreationInputTokens: 312,
    });
  });
});

describe('parseAnthropicResponse', () => {
  it('reads stop_sequence and drops server tool blocks with a warning', () => {
    const ctx = testContext();
    const ir = parse(
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
          { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
          {
            type: 'text',
            text: 'Done',
            citations: [{ type: 'web_search_result_location', url: 'https://x' }],
          },
        ],
        stop_reason: 'stop_sequence',
        stop_sequence: 'FIN',
        usage: { input_tokens: 1, output_tokens: 2 },
      },
      ctx,
    );
    expect(ir.content).toEqual([
      { type: 'text', text: 'Done', citations: [{ type: 'web_search_result_location', url: 'https://x' }] },
    ]);
    expect(ir.stopReason).toBe('stop_sequence');
    expect(ir.stopSequence).toBe('FIN');
    expect(ctx.warnings.map((w) => w.path)).toEqual(['content.0', 'content.1']);
  });

  it('reads end_turn with a tool_use block as tool_calls', () => {
    const ir = parse({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 2 },
    });
    expect(ir.stopReason).toBe('tool_calls');
  });

  it.each([
    ['an error body', { type: 'error', error: { type: 'api_error', message: 'x' } }, 'type'],
    ['content that is not an array', { id: 'msg_1', model: 'm', content: 'hi' }, 'content'],
    [
      'a tool_use without id',
      { model: 'm', content: [{ type: 'tool_use', name: 'f', input: {} }] },
      'content.0.id',
    ],
  ])('rejects %s as an invalid response naming the field', (_what, body, param) => {
    const result = parseAnthropicResponse(body, testContext());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_response');
      expect(result.error.status).toBe(502);
      expect(result.error.param).toBe(param);
    }
  });
});

/** Response round trip: recorded body → IR → rendered body → IR equals the first IR. */
describe('Anthropic response round trip', () => {
  it.each(fixtureNames(FORMAT, 'response'))('%s', (name) => {
    const ctx = testContext();
    const first = parse(fixture(name), ctx);
    const rendered = renderAnthropicResponse(first, ctx);
    expect(parse(rendered, ctx)).toEqual(first);
    expect(ctx.warnings).toEqual([]);
    // The rendered body keeps every field the translation maps, in the recorded shape.
    const recorded = fixture(name);
    expect(rendered).toMatchObject({
      id: recorded.id,
      type: 'message',
      role: 'assistant',
      model: recorded.model,
      stop_reason: recorded.stop_reason,
      stop_sequence: recorded.stop_sequence,
    });
    const { input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens } =
      recorded.usage as Record<string, number>;
    expect(rendered.usage).toEqual({
      input_tokens,
      cache_creation_input_tokens,
      cache_read_input_tokens,
      output_tokens,
      ...(name === 'thinking' ? { output_tokens_details: { thinking_tokens: 97 } } : {}),
    });
  });
});
