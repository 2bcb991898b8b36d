import { describe, expect, it } from 'vitest';
import { renderError } from './render-error.js';

describe('renderError', () => {
  it('gives Anthropic clients their envelope, with the code where Anthropic puts machine codes', () => {
    expect(
      renderError({
        format: 'anthropic-messages',
        status: 400,
        code: 'no_peer_pinned',
        message: 'No peer is pinned.',
      }),
    ).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'No peer is pinned.',
        details: { error_code: 'no_peer_pinned' },
      },
    });
  });

  it.each(['openai-chat', 'openai-responses'] as const)('gives %s clients the OpenAI envelope', (format) => {
    expect(
      renderError({ format, status: 404, code: 'peer_not_found', message: 'Unknown peer.', param: 'model' }),
    ).toEqual({
      error: { message: 'Unknown peer.', type: 'not_found_error', param: 'model', code: 'peer_not_found' },
    });
  });

  it.each([
    [429, 'rate_limit_error'],
    [529, 'overloaded_error'],
    [504, 'timeout_error'],
    [401, 'authentication_error'],
    [418, 'invalid_request_error'],
    [502, 'api_error'],
  ])('classifies status %i as %s for Anthropic clients', (status, type) => {
    const body = renderError({ format: 'anthropic-messages', status, code: 'x', message: 'm' });
    expect((body.error as { type: string }).type).toBe(type);
  });
});
