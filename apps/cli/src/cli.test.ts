import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import type { CommandIo } from './io.js';

function io(stdinText = '') {
  let out = '';
  let err = '';
  const value: CommandIo = {
    stdin: [stdinText],
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    readFile: (path) => readFile(path, 'utf8'),
    env: {},
    untilShutdown: () => Promise.resolve(),
  };
  return { value, out: () => out, err: () => err };
}

describe('tollway translate', () => {
  it('translates a request from standard input and prints warnings to standard error', async () => {
    const t = io(JSON.stringify({ model: 'gpt-4o', seed: 1, messages: [{ role: 'user', content: 'Hi' }] }));
    const code = await main(['translate', '--from', 'openai-chat', '--to', 'anthropic-messages'], t.value);
    expect(code).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({
      model: 'gpt-4o',
      max_tokens: 8192,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(t.err()).toContain('seed');
  });

  it('prints a machine-readable result with --json, and exits 1 on bad input', async () => {
    const t = io('{"model":"m","messages":"nope"}');
    const code = await main(
      ['translate', '--from', 'openai-chat', '--to', 'openai-responses', '--json'],
      t.value,
    );
    expect(code).toBe(1);
    expect(JSON.parse(t.out())).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', param: 'messages' },
    });
  });

  it('translates an SSE stream', async () => {
    const sse = [
      'event: message_start',
      'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}',
      '',
      'event: content_block_start',
      'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
      '',
      'event: content_block_delta',
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}',
      '',
      'event: content_block_stop',
      'data: {"type":"content_block_stop","index":0}',
      '',
      'event: message_delta',
      'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}',
      '',
      'event: message_stop',
      'data: {"type":"message_stop"}',
      '',
      '',
    ].join('\n');
    const t = io(sse);
    const code = await main(
      ['translate', '--from', 'anthropic-messages', '--to', 'openai-chat', '--kind', 'stream'],
      t.value,
    );
    expect(code).toBe(0);
    expect(t.out()).toContain('"content":"Hello"');
    expect(t.out().trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('names the accepted formats when --from is wrong', async () => {
    const t = io();
    expect(await main(['translate', '--from', 'gemini', '--to', 'openai-chat'], t.value)).toBe(2);
    expect(t.err()).toContain('anthropic-messages, openai-chat, openai-responses');
  });

  it('reports an unknown flag in one line', async () => {
    const t = io();
    expect(await main(['translate', '--frm', 'x'], t.value)).toBe(2);
    expect(t.err()).toMatch(/^tollway translate: .*--frm/);
  });
});

describe('tollway demo', () => {
  it('prints the three translations and what to try next', async () => {
    const t = io();
    expect(await main(['demo'], t.value)).toBe(0);
    expect(t.out()).toContain('event: message_start');
    expect(t.out()).toContain('response.completed');
    expect(t.out()).toContain('"role": "system"');
    expect(t.out()).toContain('Try next');
  });
});

describe('tollway', () => {
  it('shows help and rejects unknown commands', async () => {
    const t = io();
    expect(await main([], t.value)).toBe(0);
    expect(t.out()).toContain('translate');
    const u = io();
    expect(await main(['frobnicate'], u.value)).toBe(2);
    expect(u.err()).toContain('unknown command');
  });
});

describe('every command', () => {
  it.each([
    ['dev'],
    ['translate'],
    ['codex'],
    ['claude'],
    ['buyer', 'start'],
    ['buyer', 'connection'],
    ['seller', 'start'],
    ['network', 'browse'],
    ['network', 'peer'],
    ['server', 'start'],
    ['server', 'admin-key'],
  ])('answers --help for "%s %s"', async (...command) => {
    const t = io();
    expect(await main([...command.filter(Boolean), '--help'], t.value)).toBe(0);
    expect(t.out()).toMatch(/^Usage: tollway /);
  });

  it('prints the version', async () => {
    const t = io();
    expect(await main(['--version'], t.value)).toBe(0);
    expect(t.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('names the subcommands of a group when one is unknown', async () => {
    const t = io();
    expect(await main(['buyer', 'stat'], t.value)).toBe(2);
    expect(t.err()).toBe('tollway buyer: unknown command "buyer stat"; try: buyer start, buyer connection\n');
  });

  it('needs a value after --data-dir', async () => {
    const t = io();
    expect(await main(['--data-dir'], t.value)).toBe(2);
    expect(t.err()).toContain('--data-dir needs a value');
  });
});
