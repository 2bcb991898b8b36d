import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import { irErrorTypeForStatus, statusForIrErrorType } from '../error-types.js';
import { parseAnthropicErrorBody, renderAnthropicErrorBody } from './anthropic-error.js';
import { FORMAT } from './anthropic-test-helpers.js';

describe('Anthropic error bodies', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [402, 'billing_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('status %i is %s', (status, type) => {
    expect(irErrorTypeForStatus(status)).toBe(type);
    expect(renderAnthropicErrorBody({ status, type: 'not_an_anthropic_type', message: 'm' })).toEqual({
      type: 'error',
      error: { type, message: 'm' },
    });
  });

  it('keeps an IR type that is Anthropic’s own', () => {
    expect(
      renderAnthropicErrorBody({ status: 500, type: 'overloaded_error', message: 'Overloaded' }),
    ).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('reads the recorded error body', () => {
    const body = loadJson(FORMAT, 'error.error.json');
    expect(parseAnthropicErrorBody(body, 400)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_request_error',
      message: (body.error as { message: string }).message,
    });
  });

  it('round-trips a rendered body', () => {
    const error = { status: 429, type: 'rate_limit_error', code: 'rate_limit_error', message: 'Slow down' };
    expect(parseAnthropicErrorBody(renderAnthropicErrorBody(error), 429)).toEqual(error);
  });

  it('prefers details.error_code as the code', () => {
    const body = {
      type: 'error',
      error: {
        type: 'billing_error',
        message: 'Limit',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
      request_id: 'req_1',
    };
    expect(parseAnthropicErrorBody(body, 402)?.code).toBe('enforced_spend_limit_reached');
  });

  it('returns undefined for bodies that are not Anthropic errors', () => {
    expect(parseAnthropicErrorBody({ error: { message: 'x', type: 1 } }, 500)).toBeUndefined();
    expect(parseAnthropicErrorBody('Bad Gateway', 502)).toBeUndefined();
    expect(parseAnthropicErrorBody({ type: 'message', error: { type: 'x' } }, 500)).toBeUndefined();
  });

  it('gives stream errors the status of their type', () => {
    expect(statusForIrErrorType('overloaded_error')).toBe(529);
    expect(statusForIrErrorType('something_new')).toBe(500);
  });
});
