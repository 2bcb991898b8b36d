import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestToIr, summarizeConversation } from '../test-support/summarize.js';
import { API_FORMATS } from './api-format.js';
import { codecFor, createContext } from './codecs.js';
import type { IrMessage, IrRequest } from './ir.js';
import { translateRequest } from './translate-request.js';

const text = fc
  .string({ unit: fc.constantFrom('a', 'z', ' ', 'ß', '中', '😀', '"'), minLength: 1, maxLength: 20 })
  .filter((t) => t.trim() !== '');
const args = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,5}$/),
  fc.oneof(fc.integer(), fc.string({ maxLength: 6 })),
  { maxKeys: 3 },
);
const call = fc.record({ name: fc.stringMatching(/^[a-z_]{1,10}$/), args, result: text });
const turn = fc.record({
  user: text,
  reply: fc.option(text, { nil: undefined }),
  calls: fc.array(call, { maxLength: 3 }),
});

/** A valid IR request in the subset every format can carry. */
const irRequest: fc.Arbitrary<IrRequest> = fc
  .record({
    system: fc.option(text, { nil: undefined }),
    turns: fc.array(turn, { minLength: 1, maxLength: 4 }),
    last: text,
    temperature: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    maxTokens: fc.integer({ min: 1, max: 4096 }),
    stream: fc.boolean(),
    choice: fc.constantFrom('auto', 'none', 'required', 'named', undefined),
  })
  .map((r) => {
    const messages: IrMessage[] = [];
    let n = 0;
    for (const t of r.turns) {
      messages.push({ role: 'user', content: [{ type: 'text', text: t.user }] });
      const calls = t.calls.map((c) => ({ ...c, id: `call_${n++}` }));
      if (t.reply === undefined && calls.length === 0) {
        messages.push({ role: 'assistant', content: [{ type: 'text', text: 'ok' }] });
        continue;
      }
      messages.push({
        role: 'assistant',
        content: [
          ...(t.reply === undefined ? [] : [{ type: 'text' as const, text: t.reply }]),
          ...calls.map((c) => ({
            type: 'tool_call' as const,
            id: c.id,
            name: c.name,
            arguments: Object.keys(c.args).length ? JSON.stringify(c.args) : '{}',
          })),
        ],
      });
      if (calls.length > 0) {
        messages.push({
          role: 'user',
          content: calls.map((c) => ({
            type: 'tool_result' as const,
            callId: c.id,
            content: [{ type: 'text' as const, text: c.result }],
            contentIsString: true,
          })),
        });
        messages.push({ role: 'assistant', content: [{ type: 'text', text: 'done' }] });
      }
    }
    messages.push({ role: 'user', content: [{ type: 'text', text: r.last }] });
    const ir: IrRequest = {
      model: 'model-x',
      system: r.system === undefined ? [] : [{ type: 'text', text: r.system }],
      messages,
      tools: [
        {
          name: 'lookup',
          description: 'Look something up',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
      maxTokens: r.maxTokens,
      stream: r.stream,
      extras: { format: 'openai-chat', fields: {} },
    };
    if (r.temperature !== undefined) ir.temperature = r.temperature;
    if (r.choice === 'named') ir.toolChoice = { type: 'tool', name: 'lookup' };
    else if (r.choice !== undefined) ir.toolChoice = { type: r.choice };
    return ir;
  });

describe('request translation properties', () => {
  describe.each(API_FORMATS)('from %s', (from) => {
    it.each(API_FORMATS)('through %s and back keeps the conversation, tools and settings', (via) => {
      fc.assert(
        fc.property(irRequest, (ir) => {
          const rendered = codecFor(from).renderRequest(
            { ...ir, extras: { format: from, fields: {} } },
            createContext(),
          );
          if (!rendered.ok) throw rendered.error;
          const there = translateRequest({ from, to: via, body: rendered.value });
          if (!there.ok) throw there.error;
          const back = translateRequest({ from: via, to: from, body: there.body });
          if (!back.ok) throw back.error;
          const start = requestToIr(from, rendered.value);
          const end = requestToIr(from, back.body);
          expect(summarizeConversation(end)).toEqual(summarizeConversation(ir));
          expect(summarizeConversation(start)).toEqual(summarizeConversation(ir));
          expect(end.tools.map((t) => [t.name, t.parameters])).toEqual(
            ir.tools.map((t) => [t.name, t.parameters]),
          );
          expect(end.toolChoice).toEqual(ir.toolChoice);
          expect(end.maxTokens).toBe(ir.maxTokens);
          expect(end.temperature).toBe(ir.temperature);
          expect(end.stream).toBe(ir.stream);
        }),
        { numRuns: 80 },
      );
    });
  });
});
