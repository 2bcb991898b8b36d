import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import { fnv1a } from '../ids.js';
import type { IrRequest } from '../ir.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { renderResponsesRequest } from './render-responses-request.js';
import { FORMAT, testContext } from './responses-test-helpers.js';

type Item = Record<string, unknown>;

/**
 * A request fixture in the form the renderer writes. What is normalised:
 * - every message is an explicit `type: "message"` item with a parts array (string content
 *   becomes one `input_text` part; a string `input` becomes one user message);
 * - `status` of echoed `function_call` items is dropped (the IR has no place for it);
 * - a `function_call_output` whose parts are all text becomes a string (parts joined by "\n");
 * - the summary parts of a reasoning item become one part (joined by a blank line).
 */
function normalise(body: Record<string, unknown>): Record<string, unknown> {
  const input =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input as Item[]);
  return {
    ...body,
    input: input.map((item): Item => {
      if (item.type === undefined || item.type === 'message') {
        const content =
          typeof item.content === 'string' ? [{ type: 'input_text', text: item.content }] : item.content;
        return { type: 'message', ...item, content };
      }
      if (item.type === 'function_call') {
        const { status: _status, ...rest } = item;
        return rest;
      }
      if (item.type === 'function_call_output' && Array.isArray(item.output)) {
        const parts = item.output as Array<{ type: string; text?: string }>;
        if (parts.every((p) => p.type === 'input_text'))
          return { ...item, output: parts.map((p) => p.text).join('\n') };
      }
      if (item.type === 'reasoning') {
        const summary = item.summary as Array<{ text: string }>;
        const text = summary.map((s) => s.text).join('\n\n');
        return { ...item, summary: [{ type: 'summary_text', text }] };
      }
      return item;
    }),
  };
}

function baseIr(overrides: Partial<IrRequest> = {}): IrRequest {
  return {
    model: 'claude-sonnet-4-5',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Bonjour' }] }],
    tools: [],
    stream: false,
    extras: { format: 'anthropic-messages', fields: {} },
    ...overrides,
  };
}

function render(ir: IrRequest) {
  const ctx = testContext();
  const result = renderResponsesRequest(ir, ctx);
  if (!result.ok) throw result.error;
  return { body: result.value, warnings: ctx.warnings };
}

describe('renderResponsesRequest', () => {
  it.each(fixtureNames(FORMAT, 'request'))(
    '%s: fixture → IR → body equals the fixture (normalised)',
    (name) => {
      const fixture = loadJson(FORMAT, `${name}.request.json`);
      const ctx = testContext();
      const ir = parseResponsesRequest(fixture, ctx);
      if (!ir.ok) throw ir.error;
      const rendered = renderResponsesRequest(ir.value, ctx);
      if (!rendered.ok) throw rendered.error;
      expect(rendered.value).toEqual(normalise(fixture));
      expect(ctx.warnings).toEqual([]);
    },
  );

  it('renders the system prompt as instructions and a stateless, strict-free request for another format', () => {
    const { body, warnings } = render(
      baseIr({
        system: [
          { type: 'text', text: 'Règle 1.' },
          { type: 'text', text: 'Règle 2.', cacheControl: { type: 'ephemeral' } },
        ],
        tools: [{ name: 'lookup', description: 'Cherche', parameters: { type: 'object', properties: {} } }],
        toolChoice: { type: 'required' },
        maxTokens: 1024,
        stopSequences: ['FIN'],
        topK: 40,
        user: 'user-42',
        stream: true,
      }),
    );
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      instructions: 'Règle 1.\n\nRègle 2.',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Bonjour' }] }],
      tools: [
        {
          type: 'function',
          name: 'lookup',
          description: 'Cherche',
          parameters: { type: 'object', properties: {} },
          strict: false,
        },
      ],
      tool_choice: 'required',
      max_output_tokens: 1024,
      user: 'user-42',
      stream: true,
      store: false,
    });
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'system.1.cache_control'],
      ['dropped_field', 'top_k'],
      ['dropped_field', 'stop'],
    ]);
  });

  it('renders tool calls, tool results and thinking of another format', () => {
    const { body, warnings } = render(
      baseIr({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Quelle heure ?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', text: 'Il faut un outil.', signature: 'EqQBCkYsig' },
              { type: 'thinking', text: 'Sans signature.' },
              { type: 'redacted_thinking', data: 'EmwKredacted' },
              { type: 'text', text: 'Je regarde.' },
              { type: 'text', text: ' Un instant.' },
              { type: 'tool_call', id: 'toolu_01A', name: 'now', arguments: '' },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                callId: 'toolu_01A',
                content: [{ type: 'text', text: '12:00' }],
                isError: true,
              },
              { type: 'text', text: 'Et demain ?' },
              {
                type: 'tool_result',
                callId: 'toolu_01B',
                content: [
                  { type: 'text', text: 'Capture :' },
                  { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Quelle heure ?' }] },
      {
        id: `rs_${fnv1a('EqQBCkYsig')}`,
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Il faut un outil.' }],
        encrypted_content: 'EqQBCkYsig',
      },
      {
        id: `rs_${fnv1a('EmwKredacted')}`,
        type: 'reasoning',
        summary: [],
        encrypted_content: 'EmwKredacted',
      },
      {
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'Je regarde.', annotations: [] },
          { type: 'output_text', text: ' Un instant.', annotations: [] },
        ],
      },
      { type: 'function_call', id: 'fc_01A', call_id: 'toolu_01A', name: 'now', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_01A', output: '12:00' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Et demain ?' }] },
      {
        type: 'function_call_output',
        call_id: 'toolu_01B',
        output: [
          { type: 'input_text', text: 'Capture :' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBOR', detail: 'auto' },
        ],
      },
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_content', 'messages.1.content.1'],
      ['dropped_field', 'messages.2.content.0.is_error'],
    ]);
  });

  it('keeps a signed thinking part with empty text apart from redacted thinking', () => {
    const { body } = render(
      baseIr({
        messages: [{ role: 'assistant', content: [{ type: 'thinking', text: '', signature: 'sig' }] }],
      }),
    );
    expect(body.input).toEqual([
      {
        id: `rs_${fnv1a('sig')}`,
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: '' }],
        encrypted_content: 'sig',
      },
    ]);
    const ir = parseResponsesRequest(body, testContext());
    expect(ir.ok && ir.value.messages[0]?.content).toEqual([
      { type: 'thinking', text: '', signature: 'sig', itemId: `rs_${fnv1a('sig')}` },
    ]);
  });

  it('renders mid-conversation system messages, files and tool choice by name', () => {
    const { body } = render(
      baseIr({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
            ],
          },
          { role: 'system', content: [{ type: 'text', text: 'Plus court.' }], developer: true },
          { role: 'system', content: [{ type: 'text', text: 'En allemand.' }] },
          {
            role: 'user',
            content: [
              { type: 'file', source: { type: 'url', url: 'https://x.test/a.pdf' }, filename: 'a.pdf' },
            ],
          },
        ],
        toolChoice: { type: 'tool', name: 'lookup' },
      }),
    );
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'document.pdf' },
        ],
      },
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Plus court.' }] },
      { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'En allemand.' }] },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_file', file_url: 'https://x.test/a.pdf', filename: 'a.pdf' }],
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', name: 'lookup' });
  });

  it('maps a thinking budget to an effort and asks for the encrypted reasoning', () => {
    const effort = (budgetTokens: number) =>
      render(baseIr({ reasoning: { enabled: true, budgetTokens } })).body.reasoning as Record<
        string,
        unknown
      >;
    expect(effort(1024)).toEqual({ effort: 'low', summary: 'auto' });
    expect(effort(8192)).toEqual({ effort: 'medium', summary: 'auto' });
    expect(effort(32000)).toEqual({ effort: 'high', summary: 'auto' });
    const { body } = render(baseIr({ reasoning: { enabled: true, effort: 'minimal', summary: 'concise' } }));
    expect(body.reasoning).toEqual({ effort: 'minimal', summary: 'concise' });
    expect(body.include).toEqual(['reasoning.encrypted_content']);
    const off = render(baseIr({ reasoning: { enabled: false } })).body;
    expect(off.reasoning).toBeUndefined();
    expect(off.include).toBeUndefined();
  });

  it('renders a response format as text.format', () => {
    const schema = { type: 'object', properties: {} };
    expect(
      render(baseIr({ responseFormat: { type: 'json_schema', name: 'x', schema, strict: true } })).body.text,
    ).toEqual({
      format: { type: 'json_schema', name: 'x', schema, strict: true },
    });
    expect(render(baseIr({ responseFormat: { type: 'json_object' } })).body.text).toEqual({
      format: { type: 'json_object' },
    });
  });

  it('carries Chat extras with the same meaning, warns about the others, and keeps the client store choice', () => {
    const { body, warnings } = render(
      baseIr({
        extras: {
          format: 'openai-chat',
          fields: { store: true, metadata: { a: '1' }, seed: 7, service_tier: 'flex' },
        },
      }),
    );
    expect(body).toMatchObject({ store: true, metadata: { a: '1' }, service_tier: 'flex' });
    expect(body.seed).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ code: 'dropped_field', path: 'seed' })]);
  });

  it('carries every extra of a Responses source and merges its include list', () => {
    const { body, warnings } = render(
      baseIr({
        reasoning: { enabled: true, effort: 'high' },
        extras: {
          format: 'openai-responses',
          fields: {
            include: ['message.output_text.logprobs'],
            truncation: 'auto',
            previous_response_id: 'resp_1',
          },
        },
      }),
    );
    expect(body).toMatchObject({
      include: ['message.output_text.logprobs', 'reasoning.encrypted_content'],
      truncation: 'auto',
      previous_response_id: 'resp_1',
    });
    expect(body.store).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('refuses n > 1', () => {
    const result = renderResponsesRequest(baseIr({ n: 2 }), testContext());
    expect(!result.ok && result.error.code).toBe('unsupported_parameter');
    expect(!result.ok && result.error.param).toBe('n');
    expect(renderResponsesRequest(baseIr({ n: 1 }), testContext()).ok).toBe(true);
  });
});
