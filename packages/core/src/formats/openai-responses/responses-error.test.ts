import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import { parseResponsesErrorBody, renderResponsesErrorBody } from './responses-error.js';
import { FORMAT } from './responses-test-helpers.js';

describe('Responses error bodies', () => {
  it('reads the recorded 400 error body', () => {
    expect(parseResponsesErrorBody(loadJson(FORMAT, 'error.error.json'), 400)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_type',
      param: 'input[0].content',
      message:
        "Invalid type for 'input[0].content': expected one of an array of objects or string, but got an integer instead.",
    });
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'server_error'],
    [529, 'server_error'],
  ])('renders status %i with type %s', (status, type) => {
    expect(renderResponsesErrorBody({ status, type: 'whatever', message: 'Nope' })).toEqual({
      error: { message: 'Nope', type, param: null, code: null },
    });
  });

  it('renders code and param, and reads back what it renders', () => {
    const error = {
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: 'Slow down',
      param: 'model',
    };
    const body = renderResponsesErrorBody(error);
    expect(body).toEqual({
      error: { message: 'Slow down', type: 'rate_limit_error', param: 'model', code: 'rate_limit_exceeded' },
    });
    expect(parseResponsesErrorBody(body, 429)).toEqual(error);
  });

  it('maps statuses to the IR error vocabulary', () => {
    const type = (status: number) => parseResponsesErrorBody({ error: { message: 'x' } }, status)?.type;
    expect([401, 403, 404, 429, 500, 503, 504].map(type)).toEqual([
      'authentication_error',
      'permission_error',
      'not_found_error',
      'rate_limit_error',
      'api_error',
      'overloaded_error',
      'timeout_error',
    ]);
  });

  it('returns undefined for a body that is not an OpenAI error', () => {
    expect(parseResponsesErrorBody({ type: 'error', error: { type: 'x' } }, 400)).toBeUndefined();
    expect(parseResponsesErrorBody('oops', 500)).toBeUndefined();
    expect(parseResponsesErrorBody(null, 500)).toBeUndefined();
  });
});
