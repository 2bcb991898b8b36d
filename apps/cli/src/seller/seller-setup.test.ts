import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { DEFAULT_TEST_SERVICE, parseFormat, resolveSellerSetup } from './seller-setup.js';

describe('resolveSellerSetup', () => {
  it('sells the test model under a default name, free, when nothing else is given', () => {
    const setup = resolveSellerSetup({ 'test-model': true }, undefined, {});
    expect(setup).toMatchObject({ host: '127.0.0.1', port: 8378, insecureHttp: false });
    expect(setup.services).toEqual([
      {
        name: DEFAULT_TEST_SERVICE,
        upstreamModel: DEFAULT_TEST_SERVICE,
        format: 'openai-chat',
        categories: ['test'],
        pricing: { inputUsdPerMillion: '0', outputUsdPerMillion: '0' },
        upstream: { kind: 'test-model' },
      },
    ]);
  });

  it('maps --service NAME=UPSTREAM_MODEL onto an upstream with its key from the environment', () => {
    const setup = resolveSellerSetup(
      {
        'upstream-url': 'https://api.anthropic.com/',
        'upstream-format': 'anthropic',
        'upstream-key-env': 'ANTHROPIC_API_KEY',
        service: ['sonnet=claude-sonnet-4-6', 'haiku'],
        'input-usd-per-million': '3',
        'output-usd-per-million': '15',
      },
      undefined,
      { ANTHROPIC_API_KEY: 'sk-ant-test' },
    );
    expect(setup.services.map((s) => [s.name, s.upstreamModel, s.format])).toEqual([
      ['sonnet', 'claude-sonnet-4-6', 'anthropic-messages'],
      ['haiku', 'haiku', 'anthropic-messages'],
    ]);
    expect(setup.services[0]?.upstream).toEqual({
      kind: 'http',
      baseUrl: 'https://api.anthropic.com',
      apiKey: 'sk-ant-test',
    });
    expect(setup.services[0]?.pricing).toEqual({ inputUsdPerMillion: '3', outputUsdPerMillion: '15' });
  });

  it('lets flags win over the seller section of config.json', () => {
    const config = {
      port: 9000,
      upstreamUrl: 'http://localhost:11434/v1',
      services: [{ name: 'llama', upstreamModel: 'llama3.1:8b', pricing: { inputUsdPerMillion: 0.1 } }],
      inputUsdPerMillion: 1,
      outputUsdPerMillion: '2.50',
    };
    const fromConfig = resolveSellerSetup({}, config, {});
    expect(fromConfig.port).toBe(9000);
    expect(fromConfig.services[0]).toMatchObject({
      name: 'llama',
      upstreamModel: 'llama3.1:8b',
      pricing: { inputUsdPerMillion: '0.1', outputUsdPerMillion: '2.50' },
      upstream: { kind: 'http', baseUrl: 'http://localhost:11434/v1' },
    });
    const flagged = resolveSellerSetup(
      { port: '9100', 'input-usd-per-million': '5', 'test-model': true },
      config,
      {},
    );
    expect(flagged.port).toBe(9100);
    expect(flagged.services[0]?.pricing.inputUsdPerMillion).toBe('5');
    expect(flagged.services[0]?.upstream).toEqual({ kind: 'test-model' });
  });

  it('keeps tiny prices exact instead of printing them in exponent form', () => {
    const setup = resolveSellerSetup({ 'test-model': true }, { inputUsdPerMillion: 1e-7 }, {});
    expect(setup.services[0]?.pricing.inputUsdPerMillion).toBe('0.0000001');
  });

  it.each([
    [{}, /no upstream/],
    [{ 'test-model': true, 'upstream-url': 'http://x' }, /not both/],
    [{ 'upstream-url': 'http://localhost:1/v1' }, /--service NAME/],
    [{ 'upstream-url': 'ftp://x', service: ['a'] }, /http\(s\) URL/],
    [{ 'test-model': true, 'upstream-format': 'gemini' }, /--upstream-format must be one of/],
    [{ 'test-model': true, 'input-usd-per-million': '-1' }, /non-negative decimal/],
    [{ 'test-model': true, port: '70000' }, /--port/],
    [{ 'test-model': true, service: ['a', 'a'] }, /named twice/],
    [{ 'upstream-url': 'http://h/v1', service: ['a'], 'upstream-key-env': 'NOPE' }, /NOPE .* is not set/],
  ])('refuses bad input %j with a usage error', (flags, message) => {
    expect(() => resolveSellerSetup(flags, undefined, {})).toThrow(UsageError);
    expect(() => resolveSellerSetup(flags, undefined, {})).toThrow(message);
  });

  it('accepts the short format names', () => {
    expect(parseFormat('openai')).toBe('openai-chat');
    expect(parseFormat('openai-chat-completions')).toBe('openai-chat');
    expect(parseFormat('responses')).toBe('openai-responses');
    expect(parseFormat('anthropic-messages')).toBe('anthropic-messages');
  });
});
