// Claude Code and Codex through the buyer proxy: their recorded request bodies, sent with the
// headers and paths those tools use, streamed, to services of every format (the test model and
// an upstream replaying recorded real answers). The answers must parse as complete streams.
import { readFileSync } from 'node:fs';
import { type ApiFormat, parseSseText } from '@tollway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  TEST_SERVICES,
  type TestBuyer,
  type TestSeller,
  testIdentity,
} from '../buyer/test-support.js';
import { idsErased, type Meaning, recordedMeaning, streamMeaning } from './answer-meaning.js';
import {
  RECORDED_SERVICES,
  RECORDED_UPSTREAM_KEY,
  type RecordedUpstream,
  recordedServices,
  startRecordedUpstream,
} from './recorded-upstream.js';

const FORMATS: ApiFormat[] = ['openai-chat', 'anthropic-messages', 'openai-responses'];

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.request.json`, import.meta.url), 'utf8'));
}
const CLAUDE_CODE_BODY = fixture('claude-code');
const CODEX_BODY = fixture('codex');

/** What Claude Code 2.0 sends besides the body (`ANTHROPIC_AUTH_TOKEN` gives the Bearer form). */
function claudeCodeHeaders(auth: 'x-api-key' | 'authorization'): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    'anthropic-version': '2023-06-01',
    'anthropic-beta':
      'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14,context-management-2025-06-27',
    'anthropic-dangerous-direct-browser-access': 'true',
    'user-agent': 'claude-cli/2.0.14 (external, cli)',
    'x-app': 'cli',
    'x-stainless-lang': 'js',
    'x-stainless-retry-count': '0',
    'x-stainless-timeout': '600',
    ...(auth === 'x-api-key' ? { 'x-api-key': 'tollway' } : { authorization: 'Bearer tollway' }),
  };
}

/** What Codex CLI sends to a `wire_api = "responses"` provider with `env_key` set. */
const CODEX_HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'text/event-stream',
  authorization: 'Bearer tollway',
  originator: 'codex_cli_rs',
  version: '0.46.0',
  conversation_id: '0199f3c2-7a1e-7d42-b9c3-5e8f1a2b3c4d',
  session_id: '0199f3c2-7a1e-7d42-b9c3-5e8f1a2b3c4d',
  'user-agent': 'codex_cli_rs/0.46.0 (Mac OS 15.6.1; arm64) iTerm.app/3.6.4',
};

let testSeller: TestSeller;
let recordedSeller: TestSeller;
let upstream: RecordedUpstream;
let buyer: TestBuyer;

beforeAll(async () => {
  upstream = await startRecordedUpstream();
  testSeller = await startTestSeller();
  recordedSeller = await startTestSeller({
    identity: testIdentity(0x55),
    services: recordedServices(upstream.url),
  });
  // No session pin: the tools name the peer in the model, as `tollway claude --model <peer>@<service>` does.
  buyer = await startTestBuyer({ bootstrap: [testSeller.url, recordedSeller.url] });
});

afterAll(async () => {
  await buyer?.close();
  await testSeller?.close();
  await recordedSeller?.close();
  await upstream?.close();
});

/** Posts like the tool does and reads the whole SSE answer: its event names and its meaning. */
async function streamCall(
  path: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
  format: ApiFormat,
): Promise<{ names: string[]; meaning: Meaning }> {
  const res = await fetch(`${buyer.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = parseSseText(await res.text());
  const data = events.map((e) => (e.data === '[DONE]' ? e.data : JSON.parse(e.data)));
  return {
    names: events.map((e, i) => e.event ?? (data[i] === '[DONE]' ? '[DONE]' : (data[i].type ?? 'chunk'))),
    meaning: streamMeaning(format, data),
  };
}

/** The recorded answer the upstream chose for its last request. */
function lastRecordedMeaning(format: ApiFormat): Meaning {
  return idsErased(recordedMeaning(format, upstream.requests.at(-1)!.answer, true));
}

describe.each(FORMATS)('to a %s service', (format) => {
  it.each(['x-api-key', 'authorization'] as const)(
    'carries a recorded Claude Code turn (%s) to the test model, streamed to the end',
    async (auth) => {
      const body = { ...CLAUDE_CODE_BODY, model: `${testSeller.peerId}@${TEST_SERVICES[format]}` };
      const { names, meaning } = await streamCall(
        '/v1/messages?beta=true',
        claudeCodeHeaders(auth),
        body,
        'anthropic-messages',
      );
      expect(names[0]).toBe('message_start');
      expect(names.at(-1)).toBe('message_stop');
      expect(names).not.toContain('error');
      expect(meaning.text).toContain('Hello from the Tollway test model.');
      expect(meaning.usage.input).toBeGreaterThan(0);
    },
  );

  it('carries a recorded Claude Code turn to a recorded upstream and back, the upstream’s answer intact', async () => {
    const body = { ...CLAUDE_CODE_BODY, model: `${recordedSeller.peerId}@${RECORDED_SERVICES[format]}` };
    const { names, meaning } = await streamCall(
      '/v1/messages?beta=true',
      claudeCodeHeaders('x-api-key'),
      body,
      'anthropic-messages',
    );
    expect(names.at(-1)).toBe('message_stop');
    expect(idsErased(meaning)).toEqual(lastRecordedMeaning(format));
    const seen = upstream.requests.at(-1)!;
    expect(seen.format).toBe(format);
    expect(JSON.stringify(seen.body)).toContain('Relance les tests.');
    // The tool's placeholder credential stays in the proxy; the seller's own key goes upstream.
    expect(JSON.stringify(seen.headers)).not.toContain('tollway');
    expect(seen.headers.authorization ?? seen.headers['x-api-key']).toContain(RECORDED_UPSTREAM_KEY);
  });

  it('carries a recorded Codex turn to the test model on /v1/responses, streamed to the end', async () => {
    const body = { ...CODEX_BODY, model: `${testSeller.peerId}@${TEST_SERVICES[format]}` };
    const { names, meaning } = await streamCall('/v1/responses', CODEX_HEADERS, body, 'openai-responses');
    expect(names[0]).toBe('response.created');
    expect(names.at(-1)).toBe('response.completed');
    expect(meaning.text).toContain('Hello from the Tollway test model.');
    expect(meaning.usage.output).toBeGreaterThan(0);
  });

  it('carries a recorded Codex turn to a recorded upstream and back, the upstream’s answer intact', async () => {
    const body = { ...CODEX_BODY, model: `${recordedSeller.peerId}@${RECORDED_SERVICES[format]}` };
    const { names, meaning } = await streamCall('/v1/responses', CODEX_HEADERS, body, 'openai-responses');
    expect(names.at(-1)).toBe('response.completed');
    expect(idsErased(meaning)).toEqual(lastRecordedMeaning(format));
    const seen = upstream.requests.at(-1)!;
    expect(JSON.stringify(seen.body)).toContain('Vas-y.');
    expect(JSON.stringify(seen.headers)).not.toContain('codex_cli_rs');
  });
});
