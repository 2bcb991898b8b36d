import { describe, expect, it } from 'vitest';
import { loadStream } from '../../test-support/fixtures.js';
import type { IrStreamEvent } from '../ir.js';
import { createResponsesStreamParser } from './responses-stream-parser.js';
import { FORMAT, parseStream, testContext, wire } from './responses-test-helpers.js';

const texts = (index: number, parts: string[]): IrStreamEvent[] =>
  parts.map((text) => ({ type: 'text-delta', index, text }));
const args = (index: number, parts: string[]): IrStreamEvent[] =>
  parts.map((json) => ({ type: 'tool-args-delta', index, json }));

/** The `data` of the first fixture event of a type that matches `where`. */
function fixtureEvent(
  name: string,
  type: string,
  where: (data: Record<string, unknown>) => boolean = () => true,
) {
  const event = loadStream(FORMAT, name)
    .map((e) => JSON.parse(e.data) as Record<string, unknown>)
    .find((d) => d.type === type && where(d));
  if (!event) throw new Error(`no ${type} in ${name}`);
  return event;
}

describe('Responses stream parser on recorded streams', () => {
  it('text', () => {
    expect(parseStream(loadStream(FORMAT, 'text'))).toEqual([
      {
        type: 'message-start',
        id: 'resp_68d9982d9e3eb996f559e633f4d194def3761d909f5a3b64',
        model: 'gpt-4.1-2025-04-14',
        created: 1759064126,
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, [
        'Bonjour',
        ' !',
        ' Voici',
        ' trois',
        ' mots',
        ' en',
        ' japonais',
        ' :',
        ' 日本',
        '語',
        ',',
        ' 東京',
        ' et',
        ' あり',
        'がとう',
        ' 🎌',
        '.',
        ' Bonne',
        ' journée',
        ' !',
      ]),
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 24, outputTokens: 23 } },
    ]);
  });

  it('tool-call: text, then one call whose arguments come in many deltas', () => {
    expect(parseStream(loadStream(FORMAT, 'tool-call'))).toEqual([
      {
        type: 'message-start',
        id: 'resp_68d915291a667f5b9d6187b623963f4f7898189f9f444ea7',
        model: 'gpt-4.1-2025-04-14',
        created: 1759064201,
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, ['Je', ' vais', ' vérifier', ' la', ' météo', ' à', ' Zürich', ' pour', ' vous', '.']),
      { type: 'block-end', index: 0 },
      {
        type: 'block-start',
        index: 1,
        block: {
          kind: 'tool_call',
          id: 'call_VpaoDdhjL6jaBR6cYjjGQrXF',
          name: 'get_weather',
          itemId: 'fc_68d9a7631a1e0f5c148a0c226b4086d1ac2c4eeb03310681',
        },
      },
      ...args(1, [
        '{"',
        'location',
        '":"',
        'Z',
        'ür',
        'ich',
        ',',
        ' Switzerland',
        '","',
        'unit',
        '":"',
        'c',
        'elsius',
        '"}',
      ]),
      { type: 'block-end', index: 1 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 86, outputTokens: 31 } },
    ]);
  });

  it('parallel-tools: one block per function_call item, in order', () => {
    const call = (
      index: number,
      id: string,
      name: string,
      itemId: string,
      parts: string[],
    ): IrStreamEvent[] => [
      { type: 'block-start', index, block: { kind: 'tool_call', id, name, itemId } },
      ...args(index, parts),
      { type: 'block-end', index },
    ];
    expect(parseStream(loadStream(FORMAT, 'parallel-tools'))).toEqual([
      {
        type: 'message-start',
        id: 'resp_68d9993665087d972d5ae00fc2f369ea63b69ffa1e68a945',
        model: 'gpt-4.1-2025-04-14',
        created: 1759064233,
      },
      ...call(
        0,
        'call_DH4o60UG8wjsIN86438RVPuH',
        'get_weather',
        'fc_68d9fbff76a43ab05206b8ea232c08897ab6f2b3b8cbcfc9',
        ['{"', 'location', '":"', 'Paris', ',', ' France', '","', 'unit', '":"', 'celsius', '"}'],
      ),
      ...call(
        1,
        'call_xIS3MZ8xcFp9CEcI6Cv0rVeD',
        'get_weather',
        'fc_68d9adc28e750c95f6eb5afda57bbcbe9884f4faab72e515',
        ['{"', 'location', '":"', '東京', ',', ' 日本', '","', 'unit', '":"', 'celsius', '"}'],
      ),
      ...call(
        2,
        'call_uArBUOVbqD8ml4lRR0nLM530',
        'get_local_time',
        'fc_68d92e7c2bf9ce0ecf1ba6417a646338df118db0e1874af3',
        ['{"', 'timezone', '":"', 'Asia', '/', 'Tokyo', '"}'],
      ),
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 132, outputTokens: 78 } },
    ]);
  });

  it('tool-no-args: a call whose arguments are "{}"', () => {
    const ir = parseStream(loadStream(FORMAT, 'tool-no-args'));
    expect(ir.filter((e) => e.type === 'tool-args-delta')).toEqual([
      { type: 'tool-args-delta', index: 0, json: '{}' },
    ]);
    expect(ir.at(-1)).toMatchObject({ type: 'finish', stopReason: 'tool_calls' });
  });

  it('thinking: one block for the reasoning item, summary parts apart, signature from output_item.done', () => {
    const done = fixtureEvent('thinking', 'response.output_item.done', (d) => d.output_index === 0) as {
      item: { encrypted_content: string };
    };
    const added = fixtureEvent('thinking', 'response.output_item.added', (d) => d.output_index === 0) as {
      item: { encrypted_content: string };
    };
    // The API encrypts the same reasoning afresh in each event; the finished item's copy is used.
    expect(added.item.encrypted_content).not.toBe(done.item.encrypted_content);
    const thinking = (parts: string[]): IrStreamEvent[] =>
      parts.map((text) => ({ type: 'thinking-delta', index: 0, text }));
    expect(parseStream(loadStream(FORMAT, 'thinking'))).toEqual([
      {
        type: 'message-start',
        id: 'resp_68d96ee16429668c2d8207707407c8c3ee4285a9e26eef5b',
        model: 'gpt-5-2025-08-07',
        created: 1759064302,
      },
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'thinking', itemId: 'rs_68d99fda94b252f8da958dfbc970fe631ee4614438ec0740' },
      },
      ...thinking([
        '**',
        'Calcul',
        'ating',
        ' the',
        ' product',
        '**\n\n',
        'The',
        ' user',
        ' asks',
        ' for',
        ' 17',
        ' ×',
        ' 23',
        '.',
        ' 17',
        ' ×',
        ' 20',
        ' =',
        ' 340',
        ',',
        ' plus',
        ' 17',
        ' ×',
        ' 3',
        ' =',
        ' 51',
        '.',
      ]),
      { type: 'thinking-delta', index: 0, text: '\n\n' },
      ...thinking([
        '**',
        'Fin',
        'al',
        ' answer',
        '**\n\n',
        '340',
        ' +',
        ' 51',
        ' =',
        ' 391',
        ';',
        ' answer',
        ' in',
        ' French',
        ' (',
        'réponse',
        ' courte',
        ').',
      ]),
      { type: 'thinking-signature', index: 0, signature: done.item.encrypted_content },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'text' } },
      ...texts(1, ['17', ' ×', ' 23', ' =', ' **', '391', '**', ' —', ' c', '’est', ' réglé', ' 🧮', '.']),
      { type: 'block-end', index: 1 },
      {
        type: 'finish',
        stopReason: 'stop',
        usage: { inputTokens: 41, outputTokens: 389, reasoningTokens: 320 },
      },
    ]);
  });

  it('max-tokens: response.incomplete is a length stop', () => {
    expect(parseStream(loadStream(FORMAT, 'max-tokens')).at(-1)).toEqual({
      type: 'finish',
      stopReason: 'length',
      usage: { inputTokens: 19, outputTokens: 16 },
    });
  });

  it('usage-tail: cached input tokens are part of the usage', () => {
    expect(parseStream(loadStream(FORMAT, 'usage-tail')).at(-1)).toEqual({
      type: 'finish',
      stopReason: 'stop',
      usage: { inputTokens: 2073, outputTokens: 16, cachedInputTokens: 1920 },
    });
  });

  it('error-mid-stream: response.failed is one IR error, without closing the open block', () => {
    const ir = parseStream(loadStream(FORMAT, 'error-mid-stream'));
    expect(ir.slice(0, 2)).toEqual([
      {
        type: 'message-start',
        id: 'resp_68d9dca765e3fab79904a0674710c0da944795027ae96b48',
        model: 'gpt-4.1-2025-04-14',
        created: 1759064411,
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
    ]);
    expect(ir.slice(2, -1)).toEqual(
      texts(0, [
        'Voici',
        ' le',
        ' début',
        ' de',
        ' la',
        ' réponse',
        ' —',
        ' ça',
        ' commence',
        ' bien',
        ' 👍',
      ]),
    );
    expect(ir.at(-1)).toEqual({
      type: 'error',
      error: {
        status: 500,
        type: 'api_error',
        code: 'server_error',
        message: expect.stringContaining('An error occurred while processing your request.'),
      },
    });
  });

  it('truncated: a stream that just ends is a stream_truncated error', () => {
    const parser = createResponsesStreamParser(testContext());
    const events = loadStream(FORMAT, 'truncated');
    const ir = events.flatMap((e) => parser.push(e));
    expect(parser.done).toBe(false);
    expect(ir.at(-1)).toEqual({ type: 'text-delta', index: 0, text: ' 2' });
    expect(parser.end()).toEqual([
      {
        type: 'error',
        error: {
          status: 502,
          type: 'api_error',
          code: 'stream_truncated',
          message: 'upstream stream ended before the response was complete',
        },
      },
    ]);
    expect(parser.done).toBe(true);
  });
});

describe('Responses stream parser edge cases', () => {
  const created = wire({
    type: 'response.created',
    sequence_number: 0,
    response: {
      id: 'resp_1',
      object: 'response',
      created_at: 1,
      model: 'gpt-5',
      status: 'in_progress',
      output: [],
    },
  });
  const completed = (output: unknown[] = [], status = 'completed') =>
    wire({
      type: 'response.completed',
      sequence_number: 99,
      response: {
        id: 'resp_1',
        object: 'response',
        created_at: 1,
        model: 'gpt-5',
        status,
        output,
        usage: { input_tokens: 3, output_tokens: 4 },
      },
    });
  const fcItem = (args: string, status = 'in_progress') => ({
    id: 'fc_1',
    type: 'function_call',
    status,
    arguments: args,
    call_id: 'call_1',
    name: 'now',
  });

  it('takes arguments that only arrive in function_call_arguments.done as one delta', () => {
    const ir = parseStream([
      created,
      wire({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: fcItem('') }),
      wire({
        type: 'response.function_call_arguments.done',
        sequence_number: 2,
        item_id: 'fc_1',
        output_index: 0,
        arguments: '{"tz":"UTC"}',
      }),
      wire({
        type: 'response.output_item.done',
        sequence_number: 3,
        output_index: 0,
        item: fcItem('{"tz":"UTC"}', 'completed'),
      }),
      completed([fcItem('{"tz":"UTC"}', 'completed')]),
    ]);
    expect(ir.slice(1, -1)).toEqual([
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'tool_call', id: 'call_1', name: 'now', itemId: 'fc_1' },
      },
      { type: 'tool-args-delta', index: 0, json: '{"tz":"UTC"}' },
      { type: 'block-end', index: 0 },
    ]);
  });

  it('takes a function call that only appears in output_item.done', () => {
    const ir = parseStream([
      created,
      wire({
        type: 'response.output_item.done',
        sequence_number: 1,
        output_index: 0,
        item: fcItem('{}', 'completed'),
      }),
      completed(),
    ]);
    expect(ir.slice(1)).toEqual([
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'tool_call', id: 'call_1', name: 'now', itemId: 'fc_1' },
      },
      { type: 'tool-args-delta', index: 0, json: '{}' },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 3, outputTokens: 4 } },
    ]);
  });

  it('takes message text that only arrives in the done events', () => {
    const message = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant' };
    const ir = parseStream([
      created,
      wire({
        type: 'response.output_item.added',
        sequence_number: 1,
        output_index: 0,
        item: { ...message, content: [] },
      }),
      wire({
        type: 'response.output_item.done',
        sequence_number: 2,
        output_index: 0,
        item: {
          ...message,
          content: [
            { type: 'output_text', text: 'Un', annotations: [] },
            { type: 'refusal', refusal: 'Non.' },
          ],
        },
      }),
      completed(),
    ]);
    expect(ir.slice(1, -1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Un' },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'refusal' } },
      { type: 'refusal-delta', index: 1, text: 'Non.' },
      { type: 'block-end', index: 1 },
    ]);
  });

  it('reads a reasoning item without summary but with encrypted content as redacted thinking', () => {
    const item = { id: 'rs_1', type: 'reasoning', summary: [] };
    const ir = parseStream([
      created,
      wire({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item }),
      wire({
        type: 'response.output_item.done',
        sequence_number: 2,
        output_index: 0,
        item: { ...item, encrypted_content: 'gAAAAABopaque' },
      }),
      completed(),
    ]);
    expect(ir.slice(1, -1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'redacted_thinking', data: 'gAAAAABopaque' } },
      { type: 'block-end', index: 0 },
    ]);
  });

  it('skips a reasoning item that carries nothing, and reads reasoning_text deltas as thinking', () => {
    const item = { id: 'rs_1', type: 'reasoning', summary: [] };
    const ir = parseStream([
      created,
      wire({ type: 'response.output_item.added', sequence_number: 1, output_index: 0, item }),
      wire({ type: 'response.output_item.done', sequence_number: 2, output_index: 0, item }),
      wire({
        type: 'response.output_item.added',
        sequence_number: 3,
        output_index: 1,
        item: { ...item, id: 'rs_2' },
      }),
      wire({
        type: 'response.reasoning_text.delta',
        sequence_number: 4,
        item_id: 'rs_2',
        output_index: 1,
        content_index: 0,
        delta: 'Hmm.',
      }),
      wire({
        type: 'response.output_item.done',
        sequence_number: 5,
        output_index: 1,
        item: { ...item, id: 'rs_2' },
      }),
      completed(),
    ]);
    expect(ir.slice(1, -1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'thinking', itemId: 'rs_2' } },
      { type: 'thinking-delta', index: 0, text: 'Hmm.' },
      { type: 'block-end', index: 0 },
    ]);
  });

  it('reads an error event as an IR error and ignores everything after it', () => {
    const parser = createResponsesStreamParser(testContext());
    expect(
      parser.push(
        wire({
          type: 'error',
          sequence_number: 0,
          code: 'rate_limit_exceeded',
          message: 'Slow down',
          param: null,
        }),
      ),
    ).toEqual([
      {
        type: 'error',
        error: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down' },
      },
    ]);
    expect(parser.done).toBe(true);
    expect(parser.push(created)).toEqual([]);
    expect(parser.end()).toEqual([]);
  });

  it('turns malformed JSON and malformed known events into an IR error, never a throw', () => {
    const bad = createResponsesStreamParser(testContext());
    expect(bad.push({ event: 'response.created', data: '{"type":"response.cre' })).toEqual([
      { type: 'error', error: expect.objectContaining({ status: 502, code: 'invalid_stream_event' }) },
    ]);
    const wrong = createResponsesStreamParser(testContext());
    wrong.push(created);
    const out = wrong.push(
      wire({ type: 'response.output_text.delta', sequence_number: 1, output_index: 0, content_index: 0 }),
    );
    expect(out).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'invalid_stream_event' }) },
    ]);
    expect(out[0]?.type === 'error' && out[0].error.message).toContain('delta');
  });

  it('ignores keep-alives, unknown events and hosted tool items (with a warning)', () => {
    const ctx = testContext();
    const ir = parseStream(
      [
        created,
        wire({ type: 'keepalive', sequence_number: 1 }),
        wire({
          type: 'response.output_item.added',
          sequence_number: 2,
          output_index: 0,
          item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress' },
        }),
        wire({
          type: 'response.web_search_call.searching',
          sequence_number: 3,
          output_index: 0,
          item_id: 'ws_1',
        }),
        completed([{ id: 'ws_1', type: 'web_search_call', status: 'completed' }]),
      ],
      ctx,
    );
    expect(ir.map((e) => e.type)).toEqual(['message-start', 'finish']);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content', path: 'output.0' })]);
  });

  it('synthesises message-start when the first event is not a lifecycle event', () => {
    const ir = parseStream([
      wire({ type: 'response.output_item.added', sequence_number: 0, output_index: 0, item: fcItem('') }),
      completed(),
    ]);
    expect(ir[0]).toEqual({ type: 'message-start', id: '', model: '' });
    expect(ir.at(-1)).toMatchObject({ type: 'finish', stopReason: 'tool_calls' });
  });

  it('accepts minimal terminal events from Responses-compatible servers', () => {
    const done = parseStream([
      created,
      wire({ type: 'response.completed', response: { id: 'r', status: 'completed' } }),
    ]);
    expect(done.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    const failed = parseStream([
      created,
      wire({
        type: 'response.failed',
        response: { status: 'failed', error: { code: 'server_error', message: 'boom' } },
      }),
    ]);
    expect(failed.at(-1)).toEqual({
      type: 'error',
      error: { status: 500, type: 'api_error', code: 'server_error', message: 'boom' },
    });
  });

  it('reads response.incomplete with a content filter as content_filter', () => {
    const ir = parseStream([
      created,
      wire({
        type: 'response.incomplete',
        sequence_number: 1,
        response: {
          id: 'resp_1',
          model: 'gpt-5',
          status: 'incomplete',
          incomplete_details: { reason: 'content_filter' },
          output: [],
          usage: null,
        },
      }),
    ]);
    expect(ir.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'content_filter',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
  });
});
