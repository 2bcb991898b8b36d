import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import type { CodecContext, TranslationWarning } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrResponse } from '../ir.js';
import { parseChatResponse } from './parse-chat-response.js';
import { renderChatResponse } from './render-chat-response.js';

function context(options = {}): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}

function parse(body: unknown, ctx = context()): IrResponse {
  const result = parseChatResponse(body, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

const fixture = (name: string) => loadJson('openai-chat', `${name}.response.json`);

describe('Chat responses round trip', () => {
  it.each(fixtureNames('openai-chat', 'response'))('%s → IR → Chat → IR gives the same IR', (name) => {
    const ctx = context();
    const first = parse(fixture(name), ctx);
    const rendered = renderChatResponse(first, ctx);
    // Normalised: the id gets Chat's `chatcmpl-` prefix (DeepSeek's ids are bare UUIDs).
    expect(parse(rendered, ctx)).toEqual({ ...first, id: withIdPrefix('chatcmpl-', first.id) });
    expect(ctx.warnings).toEqual([]);
  });

  it('renders the fields OpenAI sends', () => {
    const body = fixture('tool-call');
    const rendered = renderChatResponse(parse(body), context());
    // The same shape as the recorded body, except what Tollway cannot know (tier, fingerprint).
    const { service_tier: _tier, system_fingerprint: _fp, ...rest } = body;
    expect(rendered).toEqual(rest);
  });
});

describe('renderChatResponse', () => {
  const base: IrResponse = {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    model: 'claude-sonnet-4-5',
    content: [],
    stopReason: 'stop_sequence',
    stopSequence: '###',
    usage: {
      inputTokens: 120,
      outputTokens: 30,
      cachedInputTokens: 100,
      cacheCreationInputTokens: 20,
      reasoningTokens: 5,
    },
  };

  it('maps ids, created, stop reason and usage', () => {
    const body = renderChatResponse(base, context({ now: 1700000000 }));
    expect(body).toEqual({
      id: 'chatcmpl-01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 120,
        completion_tokens: 30,
        total_tokens: 150,
        prompt_tokens_details: { cached_tokens: 100, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 5,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    });
    expect(renderChatResponse({ ...base, stopReason: 'pause' }, context()).created).toBe(0);
  });

  it('joins text, carries thinking as reasoning_content and warns about what Chat cannot carry', () => {
    const ctx = context();
    const body = renderChatResponse(
      {
        ...base,
        stopReason: 'tool_calls',
        content: [
          { type: 'thinking', text: 'Plan.', signature: 'sig' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'Part one, ', citations: [{ type: 'char_location', cited_text: 'x' }] },
          { type: 'text', text: 'part two.' },
          { type: 'tool_call', id: 'toolu_01', name: 'f', arguments: '' },
        ],
      },
      ctx,
    );
    expect((body.choices as Array<{ message: unknown; finish_reason: string }>)[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: 'Part one, part two.',
        reasoning_content: 'Plan.',
        refusal: null,
        tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'f', arguments: '{}' } }],
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'content.0.signature'],
      ['dropped_content', 'content.1'],
      ['dropped_field', 'content'],
    ]);
  });

  it('keeps url_citation annotations and refusals', () => {
    const annotation = {
      type: 'url_citation',
      url_citation: { start_index: 0, end_index: 5, title: 'Ex', url: 'https://example.com' },
    };
    const body = renderChatResponse(
      {
        ...base,
        content: [
          { type: 'text', text: 'Hello', citations: [annotation] },
          { type: 'refusal', text: 'No.' },
        ],
      },
      context(),
    );
    const message = (body.choices as Array<{ message: Record<string, unknown> }>)[0]?.message;
    expect(message).toMatchObject({ content: 'Hello', refusal: 'No.', annotations: [annotation] });
    expect(parse(body).content).toEqual([
      { type: 'text', text: 'Hello', citations: [annotation] },
      { type: 'refusal', text: 'No.' },
    ]);
  });
});
