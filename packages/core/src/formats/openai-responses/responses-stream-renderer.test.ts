import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../../test-support/fixtures.js';
import type { IrStreamEvent } from '../ir.js';
import { createResponsesStreamRenderer } from './responses-stream-renderer.js';
import { FORMAT, parseStream, payloads, renderStream, testContext } from './responses-test-helpers.js';

const start: IrStreamEvent = {
  type: 'message-start',
  id: 'msg_01XYZ',
  model: 'claude-sonnet-4-5',
  created: 1700000000,
};
const finish = (stopReason: 'stop' | 'length' | 'tool_calls' = 'stop'): IrStreamEvent => ({
  type: 'finish',
  stopReason,
  usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 64, reasoningTokens: 5 },
});

describe('Responses stream renderer', () => {
  it('renders a text stream with the full lifecycle, sequence numbers from 0 and event names', () => {
    const events = renderStream([
      start,
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Salut ' },
      { type: 'text-delta', index: 0, text: '🌍' },
      { type: 'block-end', index: 0 },
      finish(),
    ]);
    const data = payloads(events);
    expect(events.map((e) => e.event)).toEqual(data.map((d) => d.type));
    expect(data.map((d) => d.sequence_number)).toEqual(data.map((_, i) => i));
    expect(data.map((d) => d.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(data[0]).toMatchObject({
      response: {
        id: 'resp_01XYZ',
        object: 'response',
        status: 'in_progress',
        created_at: 1700000000,
        output: [],
      },
    });
    expect(data[4]).toEqual({
      type: 'response.output_text.delta',
      sequence_number: 4,
      item_id: 'msg_01XYZ_0',
      output_index: 0,
      content_index: 0,
      delta: 'Salut ',
      logprobs: [],
    });
    expect(data[6]).toMatchObject({ text: 'Salut 🌍', logprobs: [] });
    const item = { id: 'msg_01XYZ_0', type: 'message', status: 'completed', role: 'assistant' };
    const part = { type: 'output_text', annotations: [], logprobs: [], text: 'Salut 🌍' };
    expect(data[8]).toEqual({
      type: 'response.output_item.done',
      sequence_number: 8,
      output_index: 0,
      item: { ...item, content: [part] },
    });
    expect(data[9]).toMatchObject({
      response: {
        status: 'completed',
        incomplete_details: null,
        output: [{ ...item, content: [part] }],
        usage: {
          input_tokens: 100,
          input_tokens_details: { cached_tokens: 64, cache_write_tokens: 0 },
          output_tokens: 20,
          output_tokens_details: { reasoning_tokens: 5 },
          total_tokens: 120,
        },
      },
    });
  });

  it('puts consecutive text blocks into one message item as content parts 0, 1, …', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'block-start', index: 0, block: { kind: 'text' } },
        { type: 'text-delta', index: 0, text: 'A' },
        { type: 'block-end', index: 0 },
        { type: 'block-start', index: 1, block: { kind: 'text' } },
        { type: 'text-delta', index: 1, text: 'B' },
        { type: 'block-end', index: 1 },
        { type: 'block-start', index: 2, block: { kind: 'tool_call', id: 'call_1', name: 'f' } },
        { type: 'block-end', index: 2 },
        { type: 'block-start', index: 3, block: { kind: 'text' } },
        { type: 'text-delta', index: 3, text: 'C' },
        { type: 'block-end', index: 3 },
        finish(),
      ]),
    );
    const deltas = data.filter((d) => d.type === 'response.output_text.delta');
    expect(deltas.map((d) => [d.output_index, d.content_index, d.delta])).toEqual([
      [0, 0, 'A'],
      [0, 1, 'B'],
      [2, 0, 'C'],
    ]);
    const added = data.filter((d) => d.type === 'response.output_item.added');
    expect(added.map((d) => [d.output_index, (d.item as { type: string }).type])).toEqual([
      [0, 'message'],
      [1, 'function_call'],
      [2, 'message'],
    ]);
    // The first message item is closed before the function call starts.
    const types = data.map((d) => `${d.type}@${d.output_index ?? ''}`);
    expect(types.indexOf('response.output_item.done@0')).toBeLessThan(
      types.indexOf('response.output_item.added@1'),
    );
  });

  it('gives a tool block without argument deltas the arguments "{}"', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'toolu_01A', name: 'get_time' } },
        { type: 'block-end', index: 0 },
        finish('tool_calls'),
      ]),
    );
    expect(data.find((d) => d.type === 'response.output_item.added')?.item).toEqual({
      id: 'fc_01A',
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: 'toolu_01A',
      name: 'get_time',
    });
    expect(data.find((d) => d.type === 'response.function_call_arguments.done')).toMatchObject({
      item_id: 'fc_01A',
      name: 'get_time',
      arguments: '{}',
    });
    expect(data.find((d) => d.type === 'response.output_item.done')?.item).toMatchObject({
      arguments: '{}',
      status: 'completed',
    });
    expect(data.at(-1)).toMatchObject({
      type: 'response.completed',
      response: { output: [{ arguments: '{}' }] },
    });
  });

  it('keeps the item id of a Responses source call', () => {
    const data = payloads(
      renderStream([
        start,
        {
          type: 'block-start',
          index: 0,
          block: { kind: 'tool_call', id: 'call_1', name: 'f', itemId: 'fc_orig' },
        },
        { type: 'tool-args-delta', index: 0, json: '{"a":' },
        { type: 'tool-args-delta', index: 0, json: '1}' },
        { type: 'block-end', index: 0 },
        finish('tool_calls'),
      ]),
    );
    expect(data.filter((d) => d.type === 'response.function_call_arguments.delta')).toEqual([
      expect.objectContaining({ item_id: 'fc_orig', output_index: 0, delta: '{"a":' }),
      expect.objectContaining({ item_id: 'fc_orig', output_index: 0, delta: '1}' }),
    ]);
    expect(data.find((d) => d.type === 'response.function_call_arguments.done')).toMatchObject({
      arguments: '{"a":1}',
    });
  });

  it('renders thinking as a reasoning item with one summary part and the signature as encrypted_content', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'block-start', index: 0, block: { kind: 'thinking' } },
        { type: 'thinking-delta', index: 0, text: 'Je ' },
        { type: 'thinking-delta', index: 0, text: 'pense.' },
        { type: 'thinking-signature', index: 0, signature: 'EqQBsig' },
        { type: 'block-end', index: 0 },
        { type: 'block-start', index: 1, block: { kind: 'redacted_thinking', data: 'EmwKopaque' } },
        { type: 'block-end', index: 1 },
        finish(),
      ]),
    );
    expect(data.slice(2).map((d) => d.type)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(data[2]?.item).toEqual({ id: 'rs_01XYZ_0', type: 'reasoning', summary: [] });
    expect(data[8]?.item).toEqual({
      id: 'rs_01XYZ_0',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Je pense.' }],
      encrypted_content: 'EqQBsig',
    });
    const redacted = { id: 'rs_01XYZ_1', type: 'reasoning', summary: [], encrypted_content: 'EmwKopaque' };
    expect(data[9]?.item).toEqual(redacted);
    expect(data[10]?.item).toEqual(redacted);
  });

  it('renders a length stop as response.incomplete with an incomplete message item', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'block-start', index: 0, block: { kind: 'text' } },
        { type: 'text-delta', index: 0, text: 'Il était une' },
        { type: 'block-end', index: 0 },
        finish('length'),
      ]),
    );
    expect(data.at(-2)).toMatchObject({ type: 'response.output_item.done', item: { status: 'incomplete' } });
    expect(data.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('accepts an error as the very first event', () => {
    const data = payloads(
      renderStream(
        [{ type: 'error', error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }],
        testContext({ now: 42 }),
      ),
    );
    expect(data.map((d) => d.type)).toEqual(['response.created', 'response.in_progress', 'response.failed']);
    expect(data[2]).toMatchObject({
      sequence_number: 2,
      response: {
        status: 'failed',
        created_at: 42,
        error: { code: 'server_error', message: 'Overloaded' },
        usage: null,
      },
    });
  });

  it('renders an error mid-stream as response.failed with the error code, and nothing after it', () => {
    const renderer = createResponsesStreamRenderer(testContext());
    renderer.push(start);
    renderer.push({ type: 'block-start', index: 0, block: { kind: 'text' } });
    renderer.push({ type: 'text-delta', index: 0, text: 'Début' });
    const failed = payloads(
      renderer.push({
        type: 'error',
        error: {
          status: 429,
          type: 'rate_limit_error',
          code: 'rate_limit_exceeded',
          message: 'Too many requests',
        },
      }),
    );
    expect(failed).toEqual([
      expect.objectContaining({
        type: 'response.failed',
        response: expect.objectContaining({
          status: 'failed',
          error: { code: 'rate_limit_exceeded', message: 'Too many requests' },
          // What was produced before the failure.
          output: [
            {
              id: 'msg_01XYZ_0',
              type: 'message',
              status: 'in_progress',
              content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Début' }],
              role: 'assistant',
            },
          ],
        }),
      }),
    ]);
    expect(renderer.push(finish())).toEqual([]);
  });

  it('accepts a finish without any block and zero usage', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'finish', stopReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 } },
      ]),
    );
    expect(data.map((d) => d.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
    expect(data[2]).toMatchObject({
      response: {
        output: [],
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          total_tokens: 0,
          input_tokens_details: { cached_tokens: 0 },
        },
      },
    });
  });

  it('outputs each event as soon as the IR event that implies it arrives', () => {
    const renderer = createResponsesStreamRenderer(testContext());
    expect(renderer.push(start)).toHaveLength(2);
    expect(
      renderer.push({ type: 'block-start', index: 0, block: { kind: 'text' } }).map((e) => e.event),
    ).toEqual(['response.output_item.added', 'response.content_part.added']);
    expect(renderer.push({ type: 'text-delta', index: 0, text: 'x' }).map((e) => e.event)).toEqual([
      'response.output_text.delta',
    ]);
  });

  it('closes a block that the IR left open when the message finishes', () => {
    const data = payloads(
      renderStream([
        start,
        { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'call_1', name: 'f' } },
        { type: 'tool-args-delta', index: 0, json: '{}' },
        finish('tool_calls'),
      ]),
    );
    expect(data.map((d) => d.type).slice(-3)).toEqual([
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it.each(fixtureNames(FORMAT, 'stream'))(
    '%s: recorded → IR → rendered → parsed gives the same IR events',
    (name) => {
      const ir = parseStream(loadStream(FORMAT, name));
      expect(parseStream(renderStream(ir))).toEqual(ir);
    },
  );
});
