import { describe, expect, it } from 'vitest';
import { formatForPath, isApiFormat } from './api-format.js';

describe('formatForPath', () => {
  it.each([
    ['/v1/messages', 'anthropic-messages'],
    ['/v1/chat/completions', 'openai-chat'],
    ['/v1/responses', 'openai-responses'],
    ['/v1/responses/', 'openai-responses'],
    ['/v1/chat/completions?stream=true', 'openai-chat'],
    ['/api/anthropic/v1/messages', 'anthropic-messages'],
  ])('%s speaks %s', (path, format) => {
    expect(formatForPath(path)).toBe(format);
  });

  it.each(['/v1/models', '/health', '/v1/messages/count_tokens', '/v1/messagesx', '/'])(
    '%s is not a model call',
    (path) => {
      expect(formatForPath(path)).toBeUndefined();
    },
  );
});

describe('isApiFormat', () => {
  it('accepts the three formats only', () => {
    expect(['anthropic-messages', 'openai-chat', 'openai-responses'].every(isApiFormat)).toBe(true);
    expect(isApiFormat('gemini')).toBe(false);
    expect(isApiFormat(undefined)).toBe(false);
  });
});
