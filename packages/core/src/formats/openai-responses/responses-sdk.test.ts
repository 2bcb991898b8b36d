// The official OpenAI SDK must accept what the stream renderer writes: its `responses.stream()`
// helper accumulates every event into a snapshot and fails on an event that does not fit
// (`output[output_index].content[content_index]` must exist).
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../../test-support/fixtures.js';
import { summarizeIrStream } from '../../test-support/summarize.js';
import type { IrStreamEvent } from '../ir.js';
import { FORMAT, parseStream, renderStream, sdkServing } from './responses-test-helpers.js';

const FAILING = new Set(['error-mid-stream', 'truncated']);

describe('the OpenAI SDK reads rendered streams', () => {
  const names = fixtureNames(FORMAT, 'stream');

  it.each(names.filter((n) => !FAILING.has(n)))(
    '%s: responses.stream() accumulates the final response',
    async (name) => {
      const ir = parseStream(loadStream(FORMAT, name));
      const expected = summarizeIrStream(ir);
      const response = await sdkServing(renderStream(ir))
        .responses.stream({ model: 'm', input: 'x' })
        .finalResponse();
      expect(response.output_text).toBe(expected.text);
      const calls = response.output.flatMap((o) =>
        o.type === 'function_call'
          ? [{ id: o.call_id, name: o.name, arguments: JSON.parse(o.arguments) }]
          : [],
      );
      expect(calls).toEqual(expected.toolCalls);
      const thinking = response.output.flatMap((o) =>
        o.type === 'reasoning' ? o.summary.map((s) => s.text) : [],
      );
      expect(thinking.join('')).toBe(expected.thinking);
      expect(response.usage?.output_tokens).toBe(expected.usage?.outputTokens);
      expect(response.usage?.input_tokens_details.cached_tokens).toBe(expected.usage?.cachedInputTokens ?? 0);
    },
  );

  it.each([...FAILING])('%s: the SDK sees the failure', async (name) => {
    const events = renderStream(parseStream(loadStream(FORMAT, name)));
    await expect(
      sdkServing(events).responses.stream({ model: 'm', input: 'x' }).finalResponse(),
    ).resolves.toMatchObject({
      status: 'failed',
    });
    const types: string[] = [];
    for await (const event of await sdkServing(events).responses.create({
      model: 'm',
      input: 'x',
      stream: true,
    })) {
      types.push(event.type);
    }
    expect(types.at(-1)).toBe('response.failed');
  });

  it('accepts every block kind, consecutive text parts and a refusal in one stream', async () => {
    const ir: IrStreamEvent[] = [
      { type: 'message-start', id: 'msg_01', model: 'claude-sonnet-4-5' },
      { type: 'block-start', index: 0, block: { kind: 'thinking' } },
      { type: 'thinking-delta', index: 0, text: 'Réfléchissons…' },
      { type: 'thinking-signature', index: 0, signature: 'EqQBCkYIBxgCKkD' },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, block: { kind: 'text' } },
      { type: 'text-delta', index: 2, text: 'Première partie. ' },
      { type: 'block-end', index: 2 },
      { type: 'block-start', index: 3, block: { kind: 'text' } },
      { type: 'text-delta', index: 3, text: 'Seconde partie 日本.' },
      { type: 'block-end', index: 3 },
      { type: 'block-start', index: 4, block: { kind: 'refusal' } },
      { type: 'refusal-delta', index: 4, text: 'Je ne peux pas.' },
      { type: 'block-end', index: 4 },
      { type: 'block-start', index: 5, block: { kind: 'tool_call', id: 'toolu_01', name: 'lookup' } },
      { type: 'block-end', index: 5 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 10, outputTokens: 5 } },
    ];
    const response = await sdkServing(renderStream(ir))
      .responses.stream({ model: 'm', input: 'x' })
      .finalResponse();
    expect(response.output.map((o) => o.type)).toEqual([
      'reasoning',
      'reasoning',
      'message',
      'function_call',
    ]);
    expect(response.output_text).toBe('Première partie. Seconde partie 日本.');
    const message = response.output[2];
    expect(message?.type === 'message' && message.content.map((c) => c.type)).toEqual([
      'output_text',
      'output_text',
      'refusal',
    ]);
    const call = response.output[3];
    expect(call?.type === 'function_call' && call.arguments).toBe('{}');
  });
});
