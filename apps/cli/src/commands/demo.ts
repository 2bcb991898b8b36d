import { parseSse, serializeSse, translateRequest, translateStream } from '@tollway/core';
import type { CommandIo } from '../io.js';
import { SAMPLE_ANTHROPIC_REQUEST, SAMPLE_CHAT_STREAM } from './demo-samples.js';

/**
 * `tollway demo` (what `npm start` runs until the network exists): translates a sample OpenAI
 * Chat stream for an Anthropic client and for a Responses client, and a Claude Code style
 * request for an OpenAI Chat upstream, and prints all three.
 */
export async function demoCommand(io: CommandIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  out('Tollway translation demo\n\n');
  out(
    '1. An OpenAI Chat upstream streams text and a tool call; an Anthropic client (Claude Code) receives:\n\n',
  );
  for await (const event of translateStream({
    from: 'openai-chat',
    to: 'anthropic-messages',
    events: parseSse([SAMPLE_CHAT_STREAM]),
  })) {
    out(indent(serializeSse(event)));
  }

  out('2. The same stream for an OpenAI Responses client (Codex), event by event:\n\n');
  for await (const event of translateStream({
    from: 'openai-chat',
    to: 'openai-responses',
    events: parseSse([SAMPLE_CHAT_STREAM]),
  })) {
    const data = JSON.parse(event.data) as { sequence_number?: number; delta?: string };
    const delta = data.delta !== undefined ? `  ${JSON.stringify(data.delta)}` : '';
    out(`   #${data.sequence_number ?? '-'} ${event.event}${delta}\n`);
  }

  out('\n3. A Claude Code request translated for an OpenAI Chat upstream:\n\n');
  const result = translateRequest({
    from: 'anthropic-messages',
    to: 'openai-chat',
    body: SAMPLE_ANTHROPIC_REQUEST,
  });
  if (!result.ok) {
    io.stderr.write(`demo failed: ${result.error.message}\n`);
    return 1;
  }
  out(indent(`${JSON.stringify(result.body, null, 2)}\n`));
  for (const w of result.warnings) out(`   warning (${w.code}) ${w.path}: ${w.message}\n`);

  out(`
Try next:
  npm test                                    run every test
  npm run tollway -- translate --help         translate your own bodies and streams
  npm run bench --workspace @tollway/core     stream translation throughput
`);
  return 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `   ${line}` : line))
    .join('\n');
}
