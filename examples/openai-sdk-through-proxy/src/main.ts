// The OpenAI SDK buying from a seller through a local Tollway buyer proxy. The seller here is
// embedded and sells the built-in test model in the Anthropic Messages format, so the proxy
// also shows its translation: the SDK speaks Chat Completions and never notices.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { identityFromHex } from '@tollway/payments';
import { createBuyerProxy, createSellerNode } from '@tollway/proxy';
import OpenAI from 'openai';

/**
 * Starts a seller and a buyer proxy pinned to it, asks once without and once with streaming
 * through the OpenAI SDK, prints both answers with `print`, and shuts everything down.
 *
 * @example
 * ```ts
 * await runExample(console.log);
 * ```
 */
export async function runExample(print: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tollway-example-openai-'));
  const newIdentity = () => identityFromHex(`0x${randomBytes(32).toString('hex')}`);
  const seller = createSellerNode({
    identity: newIdentity(),
    dataDir: join(dir, 'seller'),
    services: [
      {
        name: 'claude-test',
        upstreamModel: 'claude-test',
        format: 'anthropic-messages',
        categories: ['chat'],
        pricing: { inputUsdPerMillion: '3', outputUsdPerMillion: '15' },
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

    // The only Tollway-specific lines: the base URL, and any placeholder key.
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'placeholder' });

    const completion = await openai.chat.completions.create({
      model: 'claude-test',
      messages: [{ role: 'user', content: 'Hello from the OpenAI SDK' }],
    });
    print(`whole:    ${completion.choices[0]?.message.content}`);
    print(`usage:    ${completion.usage?.prompt_tokens} in, ${completion.usage?.completion_tokens} out`);

    const stream = await openai.chat.completions.create({
      model: 'claude-test',
      messages: [{ role: 'user', content: 'Stream this, please' }],
      stream: true,
    });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    print(`streamed: ${streamed}`);
  } finally {
    await buyer.close();
    await seller.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runExample((line) => console.log(line));
}
