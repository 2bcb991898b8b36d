// The test model is served from a real loopback server and read with the official SDKs.
import { createServer, type Server } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { formatForPath } from '@tollway/core';
import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';
import { argumentsFromSchema } from './arguments-from-schema.js';
import { planReply } from './plan-reply.js';
import { testModelCountTokens, testModelRespond } from './test-model-respond.js';

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const path = req.url ?? '';
    const format = formatForPath(path.replace(/\/count_tokens$/, ''));
    if (!format) return void res.writeHead(404).end();
    if (path.endsWith('/count_tokens')) {
      const counted = testModelCountTokens({ format, body: text });
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(counted.ok ? { input_tokens: counted.input_tokens } : {}));
    }
    const answer = await testModelRespond({ format, body: text });
    res.writeHead(answer.status, answer.headers);
    if (typeof answer.body === 'string') return void res.end(answer.body);
    for await (const chunk of answer.body) res.write(chunk);
    res.end();
  });
  baseUrl = await listenOnLoopback(server);
});

afterAll(() => closeServer(server));

const openai = () => new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: baseUrl, apiKey: 'test', maxRetries: 0 });
const GREETING = 'Hello from the Tollway test model. You said: ';
const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      days: { type: 'integer' },
      unit: { enum: ['celsius', 'fahrenheit'] },
      detailed: { type: 'boolean' },
      where: {
        type: 'object',
        properties: { lat: { type: 'number' }, note: { type: 'string' } },
        required: ['lat'],
      },
    },
    required: ['city', 'unit', 'detailed', 'where'],
  },
};
const WEATHER_ARGS = { city: 'test', unit: 'celsius', detailed: true, where: { lat: 1 } };

describe('the test model through the OpenAI SDK', () => {
  it('answers a Chat request, quoting the last user message', async () => {
    const completion = await openai().chat.completions.create({
      model: 'test',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: '  What is up?  ' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe(`${GREETING}What is up?`);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBe(11);
  });

  it('streams word by word, with usage when asked', async () => {
    const stream = await openai().chat.completions.create({
      model: 'test',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) deltas.push(content);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.join('')).toBe(`${GREETING}one two three`);
    expect(deltas.length).toBeGreaterThan(5);
    expect(usage?.completion_tokens).toBe(deltas.length);
  });

  it('calls the first tool with arguments from its schema, over several deltas', async () => {
    const stream = await openai().chat.completions.create({
      model: 'test',
      stream: true,
      tools: [{ type: 'function', function: weather }],
      messages: [{ role: 'user', content: 'Please CALL something' }],
    });
    let args = '';
    let argumentDeltas = 0;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const part = chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments;
      if (part) {
        args += part;
        argumentDeltas += 1;
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(JSON.parse(args)).toEqual(WEATHER_ARGS);
    expect(argumentDeltas).toBeGreaterThanOrEqual(2);
    expect(finish).toBe('tool_calls');
  });

  it('reports a tool result', async () => {
    const completion = await openai().chat.completions.create({
      model: 'test',
      messages: [
        { role: 'user', content: 'use the tool' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: ' 21 degrees ' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('The tool returned: 21 degrees');
  });

  it('answers the Responses API, stopping at the output limit', async () => {
    const stream = openai().responses.stream({
      model: 'test',
      input: 'a b c d e f g h i j',
      max_output_tokens: 16,
    });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(`${GREETING}a b c d e f g h `);
    expect(final.status).toBe('incomplete');
    expect(final.usage?.output_tokens).toBe(16);
  });

  it('calls a tool through the Responses API', async () => {
    const response = await openai().responses.create({
      model: 'test',
      input: 'call the weather tool',
      tools: [{ type: 'function', strict: false, ...weather }],
    });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual(WEATHER_ARGS);
  });
});

describe('the test model through the Anthropic SDK', () => {
  it('streams a message and accumulates it', async () => {
    const message = await anthropic()
      .messages.stream({ model: 'test', max_tokens: 100, messages: [{ role: 'user', content: 'Bonjour' }] })
      .finalMessage();
    expect(message.content).toMatchObject([{ type: 'text', text: `${GREETING}Bonjour` }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(9);
  });

  it('stops at max_tokens', async () => {
    const message = await anthropic().messages.create({
      model: 'test',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'Bonjour' }],
    });
    expect(message.content[0]?.type === 'text' && message.content[0].text).toBe('Hello from the ');
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('uses a tool and reads its result', async () => {
    const tools = [{ name: weather.name, input_schema: weather.parameters as Anthropic.Tool.InputSchema }];
    const first = await anthropic()
      .messages.stream({
        model: 'test',
        max_tokens: 100,
        tools,
        messages: [{ role: 'user', content: 'tool time' }],
      })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use?.type === 'tool_use' && use.input).toEqual(WEATHER_ARGS);
    const second = await anthropic().messages.create({
      model: 'test',
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'tool time' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use?.id ?? '', content: 'sunny' }] },
      ],
    });
    expect(second.content[0]?.type === 'text' && second.content[0].text).toBe('The tool returned: sunny');
  });

  it('counts tokens', async () => {
    const counted = await anthropic().messages.countTokens({
      model: 'test',
      messages: [{ role: 'user', content: 'x'.repeat(41) }],
    });
    expect(counted.input_tokens).toBe(11);
  });

  it('refuses an invalid request in the format of the caller', async () => {
    await expect(
      anthropic().messages.create({ model: 'test', max_tokens: 10, messages: 'nope' as never }),
    ).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });
});

describe('planReply', () => {
  it('is deterministic, quotes at most 200 characters and counts one output token per delta', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.option(fc.integer({ min: 1, max: 40 })),
        (text, limit) => {
          const body = {
            model: 'm',
            messages: [{ role: 'user', content: text }],
            max_tokens: limit ?? undefined,
          };
          const plan = planReply(body);
          expect(planReply(structuredClone(body))).toEqual(plan);
          expect(plan.outputTokens).toBe(plan.textDeltas.length);
          expect(plan.textDeltas.length).toBeLessThanOrEqual(limit ?? Number.POSITIVE_INFINITY);
          expect(plan.inputTokens).toBe(Math.max(1, Math.ceil(text.length / 4)));
          const full = planReply({ ...body, max_tokens: undefined }).textDeltas.join('');
          expect(full.startsWith(GREETING)).toBe(true);
          expect(full.length - GREETING.length).toBeLessThanOrEqual(200);
          expect(plan.finishReason).toBe(plan.textDeltas.join('') === full ? 'stop' : 'length');
        },
      ),
    );
  });

  it('builds arguments for any object schema that parse back as JSON', () => {
    expect(argumentsFromSchema({ type: 'object', properties: { a: { type: 'string' } } })).toEqual({});
    expect(argumentsFromSchema({ type: 'array', items: { type: ['null', 'integer'] } })).toEqual([1]);
    const call = planReply({
      model: 'm',
      messages: [{ role: 'user', content: 'call' }],
      tools: [{ type: 'function', function: { name: 'noop', parameters: { type: 'object' } } }],
    }).toolCall;
    expect(call?.argumentDeltas).toEqual(['{', '}']);
  });
});
