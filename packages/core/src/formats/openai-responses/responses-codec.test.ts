import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson, loadStream } from '../../test-support/fixtures.js';
import type { IrRequest } from '../ir.js';
import { openaiResponsesCodec } from './responses-codec.js';
import { FORMAT, runParser, testContext } from './responses-test-helpers.js';

/** Text-only tool results are rendered as a string output, so they read back as string content. */
function textResultsAsStrings(ir: IrRequest): IrRequest {
  const messages = ir.messages.map((m) =>
    m.role !== 'user'
      ? m
      : {
          ...m,
          content: m.content.map((p) =>
            p.type === 'tool_result' && p.content.every((c) => c.type === 'text')
              ? { ...p, contentIsString: true }
              : p,
          ),
        },
  );
  return { ...ir, messages };
}

describe('openaiResponsesCodec', () => {
  it('is the codec of the openai-responses format', () => {
    expect(openaiResponsesCodec.format).toBe('openai-responses');
  });

  it.each(fixtureNames(FORMAT, 'request'))('%s request: parse → render → parse gives the same IR', (name) => {
    const ctx = testContext();
    const first = openaiResponsesCodec.parseRequest(loadJson(FORMAT, `${name}.request.json`), ctx);
    if (!first.ok) throw first.error;
    const body = openaiResponsesCodec.renderRequest(first.value, ctx);
    if (!body.ok) throw body.error;
    const second = openaiResponsesCodec.parseRequest(body.value, ctx);
    if (!second.ok) throw second.error;
    expect(second.value).toEqual(textResultsAsStrings(first.value));
  });

  it.each(fixtureNames(FORMAT, 'stream'))(
    '%s stream: parse → render → parse gives the same IR events',
    (name) => {
      const ctx = testContext();
      const ir = runParser(openaiResponsesCodec.createStreamParser(ctx), loadStream(FORMAT, name));
      const renderer = openaiResponsesCodec.createStreamRenderer(ctx);
      const rendered = ir.flatMap((e) => renderer.push(e));
      expect(runParser(openaiResponsesCodec.createStreamParser(ctx), rendered)).toEqual(ir);
    },
  );

  it('renders and reads error bodies', () => {
    const error = { status: 400, type: 'invalid_request_error', message: 'bad input', param: 'input' };
    expect(openaiResponsesCodec.parseErrorBody(openaiResponsesCodec.renderErrorBody(error), 400)).toEqual(
      error,
    );
  });
});
