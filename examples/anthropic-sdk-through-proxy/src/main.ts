// The Anthropic SDK (what Claude Code is built on) buying from a seller through a local Tollway
// buyer proxy. The embedded seller sells the built-in test model in the OpenAI Chat format, so
// the proxy translates both ways: the SDK speaks Anthropic Messages and never notices.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { identityFromHex } from '@tollway/payments';
import { createBuyerProxy, createSellerNode } from '@tollway/proxy';

/**
 * Starts a seller and a buyer proxy pinned to it, asks once without and once with streaming
 * through the Anthropic SDK, prints both answers with `print`, and shuts everything down.
 *
 * @example
 * ```ts
 * await runExample(console.log);
 * ```
 */
export async function runExample(print: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tollway-example-anthropic-'));
  const newIdentity = () => identityFromHex(`0x${randomBytes(32).toString('hex')}`);
  const seller = createSellerNode({
    identity: newIdentity(),
    dataDir: join(dir, 'seller'),
    displayName: 'example seller',
    services: [
      {
        name: 'gpt-test',
        upstreamModel: 'gpt-test',
        format: 'openai-chat',
        categories: ['chat'],
        pricing: { inputUsdPerMillion: '0.15', outputUsdPerMillion: '0.6' },
        upstream: { kind: 'test-model' },
      },
    ],
  });
  await seller.listen();
  // What `tollway buyer start --bootstrap URL --peer ID --port 0` runs.
  const buyer = createBuyerProxy({
    dataDir: join(dir, 'buyer'),
    identity: newIdentity(),
    port: 0,
    bootstrap: [seller.url],
    pinPeer: seller.peerId,
  });
  try {
    const { url } = await buyer.listen();
    print(`buyer proxy at ${url}, pinned to seller ${seller.peerId}`);

    // The only Tollway-specific lines: the base URL (no /v1, as for ANTHROPIC_BASE_URL) and any
    // placeholder key.
    const anthropic = new Anthropic({ baseURL: url, apiKey: 'placeholder' });

    const message = await anthropic.messages.create({
      model: 'gpt-test',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hello from the Anthropic SDK' }],
    });
    const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    print(`whole:    ${text} (${message.stop_reason})`);
    print(`usage:    ${message.usage.input_tokens} in, ${message.usage.output_tokens} out`);

    let streamed = '';
    const stream = anthropic.messages
      .stream({
        model: 'gpt-test',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Stream this, please' }],
      })
      .on('text', (delta) => {
        streamed += delta;
      });
    const final = await stream.finalMessage();
    print(`streamed: ${streamed} (${final.stop_reason})`);
  } finally {
    await buyer.close();
    await seller.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runExample((line) => console.log(line));
}
