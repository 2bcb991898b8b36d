import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../test-support/fixtures.js';
import { requestToIr, summarizeConversation } from '../test-support/summarize.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import type { IrRequest } from './ir.js';
import { translateRequest } from './translate-request.js';

/** The conversation as the target can carry it: what each format is documented to drop. */
function carriable(ir: IrRequest, to: ApiFormat) {
  const summary = summarizeConversation(ir);
  for (const turn of summary.turns) {
    turn.parts = turn.parts.flatMap((part) => {
      const p = part as Record<string, unknown>;
      if ('thinking' in p) {
        // Chat has no signatures; Anthropic and Responses refuse unsigned thinking.
        if (to === 'openai-chat') return [{ thinking: p.thinking, signature: undefined }];
        return p.signature === undefined ? [] : [p];
      }
      if ('redacted' in p && to === 'openai-chat') return [];
      return [p];
    });
  }
  summary.turns = summary.turns.filter((t) => t.parts.length > 0);
  return summary;
}

describe.each(API_FORMATS)('requests from %s', (from) => {
  const names = fixtureNames(from, 'request');

  it('has recorded fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['basic', 'images', 'stream', 'thinking', 'tools']));
  });

  describe.each(API_FORMATS)('to %s', (to) => {
    it.each(names)('%s keeps its meaning and matches the golden output', async (name) => {
      const body = loadJson(from, `${name}.request.json`);
      const result = translateRequest({ from, to, body });
      if (!result.ok) throw result.error;
      if (from === to) {
        expect(result.body).toBe(body);
        expect(result.warnings).toEqual([]);
        return;
      }
      await expect(
        `${JSON.stringify({ body: result.body, warnings: result.warnings }, null, 2)}\n`,
      ).toMatchFileSnapshot(`__fixtures__/golden/requests/${from}--${to}/${name}.json`);
      const source = requestToIr(from, body);
      const target = requestToIr(to, result.body);
      expect(carriable(target, to)).toEqual(carriable(source, to));
      expect(target.model).toBe(source.model);
      expect(target.stream).toBe(source.stream);
      expect(target.tools.map((t) => [t.name, t.parameters])).toEqual(
        source.tools.map((t) => [t.name, t.parameters]),
      );
      expect(target.toolChoice).toEqual(source.toolChoice);
      if (source.maxTokens !== undefined) expect(target.maxTokens).toBe(source.maxTokens);
      if (to === 'anthropic-messages') expect(target.maxTokens).toBeGreaterThan(0);
      const clamp = to === 'anthropic-messages' && source.temperature !== undefined;
      expect(target.temperature).toBe(clamp ? Math.min(source.temperature!, 1) : source.temperature);
      expect(target.topP).toBe(source.topP);
      if (to !== 'openai-responses') expect(target.stopSequences).toEqual(source.stopSequences);
    });
  });
});

describe('translateRequest', () => {
  it('returns the very body it was given for the same format, text included', () => {
    const text = '{"model":"m",  "messages":[{"role":"user","content":"hi"}], "zz_custom":1}';
    const result = translateRequest({ from: 'openai-chat', to: 'openai-chat', body: text });
    expect(result.ok && result.body).toBe(text);
  });

  it('answers JSON text with JSON text', () => {
    const result = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}',
    });
    expect(result.ok).toBe(true);
    expect(result.ok && typeof result.body).toBe('string');
    expect(result.ok && JSON.parse(result.body).messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it.each([
    ['openai-chat', { model: 'm', messages: 'hello' }, 'messages'],
    ['openai-chat', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0'],
    [
      'anthropic-messages',
      { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      'messages.0.content.0',
    ],
    ['anthropic-messages', { model: 7, max_tokens: 10, messages: [] }, 'model'],
    ['openai-responses', { model: 'm', input: [{ type: 'function_call', name: 'f' }] }, 'input.0'],
    ['openai-responses', null, ''],
  ] as const)('refuses a bad %s body with an error value naming the field', (from, body, param) => {
    const to = from === 'openai-chat' ? 'anthropic-messages' : 'openai-chat';
    const result = translateRequest({ from, to, body });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(400);
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.param ?? '').toContain(param);
    expect(result.error.message).toContain(param);
  });

  it('refuses text that is not JSON, and unknown formats', () => {
    const notJson = translateRequest({ from: 'openai-chat', to: 'anthropic-messages', body: '{"model":' });
    expect(notJson.ok).toBe(false);
    const badFormat = translateRequest({ from: 'gemini' as never, to: 'openai-chat', body: {} });
    expect(!badFormat.ok && badFormat.error.param).toBe('from');
  });

  it.each(['anthropic-messages', 'openai-responses'] as const)(
    'refuses n > 1 for %s, which cannot produce several choices',
    (to) => {
      const result = translateRequest({
        from: 'openai-chat',
        to,
        body: { model: 'm', n: 3, messages: [{ role: 'user', content: 'hi' }] },
      });
      expect(!result.ok && result.error.code).toBe('unsupported_parameter');
      expect(!result.ok && result.error.param).toBe('n');
    },
  );

  it.each(['anthropic-messages', 'openai-chat'] as const)(
    'refuses previous_response_id for %s, which has no stored state',
    (to) => {
      const result = translateRequest({
        from: 'openai-responses',
        to,
        body: { model: 'm', input: 'and then?', previous_response_id: 'resp_123' },
      });
      expect(!result.ok && result.error.param).toBe('previous_response_id');
    },
  );

  it('sets max_tokens for Anthropic, which requires it', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const def = translateRequest({ from: 'openai-chat', to: 'anthropic-messages', body });
    expect(def.ok && def.body.max_tokens).toBe(8192);
    const custom = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body,
      options: { defaultMaxTokens: 1000 },
    });
    expect(custom.ok && custom.body.max_tokens).toBe(1000);
  });

  it('passes a Responses item_reference through to a Responses upstream, and refuses it elsewhere', () => {
    const body = {
      model: 'm',
      input: [
        { type: 'item_reference', id: 'msg_1' },
        { role: 'user', content: 'more' },
      ],
    };
    const same = translateRequest({ from: 'openai-responses', to: 'openai-responses', body });
    expect(same.ok && same.body).toBe(body);
    const cross = translateRequest({ from: 'openai-responses', to: 'openai-chat', body });
    expect(!cross.ok && cross.error.code).toBe('unsupported_parameter');
  });

  it('sends the token limit as max_completion_tokens to Chat when reasoning is asked for', () => {
    const base = { model: 'm', max_tokens: 4000, messages: [{ role: 'user', content: 'hi' }] };
    const plain = translateRequest({ from: 'anthropic-messages', to: 'openai-chat', body: base });
    expect(plain.ok && [plain.body.max_tokens, plain.body.max_completion_tokens]).toEqual([4000, undefined]);
    const thinking = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: { ...base, thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
    expect(thinking.ok && [thinking.body.max_tokens, thinking.body.max_completion_tokens]).toEqual([
      undefined,
      4000,
    ]);
    const forced = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: base,
      options: { chatMaxTokensField: 'max_completion_tokens' },
    });
    expect(forced.ok && forced.body.max_completion_tokens).toBe(4000);
  });

  it('says strict: false explicitly when tools go to Responses', () => {
    const result = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-responses',
      body: {
        model: 'm',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ name: 'f', input_schema: { type: 'object', properties: {} } }],
      },
    });
    expect(result.ok && (result.body.tools as Array<{ strict: unknown }>)[0]?.strict).toBe(false);
  });

  it('warns about a field the target has no place for', () => {
    const result = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], seed: 42 },
    });
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'dropped_field', path: 'seed' }));
  });

  it('carries a field the target has a place for', () => {
    const result = translateRequest({
      from: 'openai-chat',
      to: 'openai-responses',
      body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], metadata: { job: '7' }, store: true },
    });
    expect(result.ok && result.body.metadata).toEqual({ job: '7' });
    expect(result.ok && result.body.store).toBe(true);
  });
});
