import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import {
  chatErrorToIr,
  chatErrorType,
  parseChatErrorBody,
  renderChatErrorBody,
  renderChatStreamError,
} from './chat-error.js';

describe('Chat error bodies', () => {
  it('reads the recorded 400 body', () => {
    expect(parseChatErrorBody(loadJson('openai-chat', 'error.error.json'), 400)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_type',
      param: 'messages[1].content',
      message:
        "Invalid type for 'messages[1].content': expected one of a string or array of objects, but got an integer instead.",
    });
  });

  it('renders the shape the OpenAI SDK reads, the type following the status', () => {
    expect(
      renderChatErrorBody({
        status: 400,
        type: 'invalid_request_error',
        message: 'Bad.',
        code: 'no_peer_pinned',
      }),
    ).toEqual({
      error: { message: 'Bad.', type: 'invalid_request_error', param: null, code: 'no_peer_pinned' },
    });
    expect(
      renderChatErrorBody({ status: 429, type: 'rate_limit_error', message: 'Slow.', param: 'model' }),
    ).toEqual({
      error: { message: 'Slow.', type: 'rate_limit_error', param: 'model', code: 'rate_limit_exceeded' },
    });
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'invalid_request_error'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'server_error'],
    [502, 'server_error'],
    [529, 'server_error'],
  ])('status %i is type %s', (status, type) => {
    expect(chatErrorType(status)).toBe(type);
  });

  it('round-trips through the IR for the statuses clients act on', () => {
    for (const status of [400, 401, 403, 404, 429, 500]) {
      const ir = parseChatErrorBody(renderChatErrorBody({ status, type: 'x', message: 'm' }), status);
      expect(ir?.status).toBe(status);
      expect(parseChatErrorBody(renderChatErrorBody(ir!), status)).toEqual(ir);
    }
  });

  it.each([
    [
      {
        error: {
          message: 'Incorrect API key provided',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
      401,
      'authentication_error',
    ],
    [
      { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } },
      429,
      'rate_limit_error',
    ],
    [{ error: { message: 'boom', type: 'server_error' } }, 500, 'api_error'],
    [{ error: { message: 'odd', type: 'weird_error' } }, 409, 'invalid_request_error'],
    [{ error: 'model not found' }, 404, 'not_found_error'],
    [{ error: { message: 'overloaded', type: 'overloaded_error' } }, 529, 'overloaded_error'],
  ])('maps %j at status %i to the IR type %s', (body, status, type) => {
    expect(parseChatErrorBody(body, status)).toMatchObject({ status, type });
  });

  it.each([[null], ['text'], [{ detail: 'x' }], [{ error: 42 }]])(
    'returns undefined for %j, which is not an OpenAI error body',
    (body) => {
      expect(parseChatErrorBody(body, 500)).toBeUndefined();
    },
  );
});

describe('Chat in-stream errors', () => {
  it('carry their status, which the parser reads back', () => {
    const rendered = renderChatStreamError({
      status: 502,
      type: 'api_error',
      code: 'upstream_stream_failed',
      message: 'gone',
    });
    expect(rendered).toEqual({
      error: {
        message: 'gone',
        type: 'server_error',
        param: null,
        code: 'upstream_stream_failed',
        status: 502,
      },
    });
    expect(chatErrorToIr((rendered as { error: Parameters<typeof chatErrorToIr>[0] }).error)).toEqual({
      status: 502,
      type: 'api_error',
      code: 'upstream_stream_failed',
      message: 'gone',
    });
  });
});
