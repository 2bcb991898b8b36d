// `tollway seller start` and `tollway buyer start` as real processes, driven the way the README
// tells a user to: browse, pin, call through the SDKs, restart, run two buyers, and survive a
// seller dying mid-stream, Ctrl-C during a stream and bad input.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, eventually, killAll, removeDataDirs, runCliToEnd } from './cli-process.js';
import {
  type HeldUpstream,
  type SellerProcess,
  startBuyerProcess,
  startHeldUpstream,
  startSellerProcess,
} from './network-processes.js';

const SERVICE = 'tollway-test-model';

function clients(url: string) {
  return {
    openai: new OpenAI({ baseURL: `${url}/v1`, apiKey: 'placeholder', maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: url, apiKey: 'placeholder', maxRetries: 0 }),
  };
}

/** A chat call through the OpenAI SDK; its text. */
async function chat(url: string, content: string): Promise<string> {
  const completion = await clients(url).openai.chat.completions.create({
    model: SERVICE,
    messages: [{ role: 'user', content }],
  });
  return completion.choices[0]?.message.content ?? '';
}

afterAll(async () => {
  await killAll();
  await removeDataDirs();
});

describe('a seller and buyers as a user runs them', () => {
  let seller: SellerProcess;

  beforeAll(async () => {
    seller = await startSellerProcess(['--test-model', '--input-usd-per-million', '0.5']);
  }, 60_000);

  it('browses, pins with a command, answers through both SDKs and keeps the pin across a restart', async () => {
    const dir = await dataDir('buyer');
    const buyer = await startBuyerProcess(dir, ['--bootstrap', seller.url]);
    const base = ['--data-dir', dir];

    const browse = await runCliToEnd([...base, 'network', 'browse', '--json']);
    expect(browse.code).toBe(0);
    const { peers } = JSON.parse(browse.stdout) as {
      peers: { peerId: string; services: { name: string; pricing: { inputUsdPerMillion: string } }[] }[];
    };
    expect(peers.map((p) => p.peerId)).toEqual([seller.peerId]);
    expect(peers[0]?.services).toEqual([
      expect.objectContaining({
        name: SERVICE,
        pricing: expect.objectContaining({ inputUsdPerMillion: '0.5' }),
      }),
    ]);

    // Not pinned yet: the documented error, in the caller's format.
    const unpinned = await fetch(`${buyer.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: SERVICE, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(unpinned.status).toBe(400);
    expect(await unpinned.text()).toContain('no_peer_pinned');

    const pin = await runCliToEnd([...base, 'buyer', 'connection', 'set', '--peer', seller.peerId]);
    expect(pin.code).toBe(0);
    // The running proxy follows the state file: no restart needed.
    const text = await eventually(async () => chat(buyer.url, 'Hello through the proxy'));
    expect(text).toBe('Hello from the Tollway test model. You said: Hello through the proxy');
    const message = await clients(buyer.url)
      .anthropic.messages.stream({
        model: SERVICE,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Streamed hello' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({
        type: 'text',
        text: 'Hello from the Tollway test model. You said: Streamed hello',
      }),
    ]);

    buyer.proc.child.kill('SIGTERM');
    expect(await buyer.proc.exited).toBe(0);
    const state = JSON.parse(await readFile(join(dir, 'buyer.state.json'), 'utf8'));
    expect(state).toMatchObject({ state: 'stopped', pinnedPeerId: seller.peerId });

    // Same data dir, no --peer and no --bootstrap: the pin and the peer come from the state file.
    const again = await startBuyerProcess(dir, [], buyer.port);
    expect(await chat(again.url, 'After a restart')).toBe(
      'Hello from the Tollway test model. You said: After a restart',
    );
    again.proc.child.kill('SIGTERM');
    expect(await again.proc.exited).toBe(0);
  }, 120_000);

  it('runs two buyers side by side, each with its own data dir, identity and state', async () => {
    const [dirA, dirB] = [await dataDir('buyer-a'), await dataDir('buyer-b')];
    const args = ['--bootstrap', seller.url, '--peer', seller.peerId];
    const [a, b] = await Promise.all([startBuyerProcess(dirA, args), startBuyerProcess(dirB, args)]);
    const [textA, textB] = await Promise.all([chat(a.url, 'from A'), chat(b.url, 'from B')]);
    expect(textA).toMatch(/You said: from A$/);
    expect(textB).toMatch(/You said: from B$/);

    const idOf = (out: string) => out.match(/buyer id:\s+([0-9a-f]{40})/)?.[1];
    expect(idOf(a.proc.stdout())).toBeDefined();
    expect(idOf(a.proc.stdout())).not.toBe(idOf(b.proc.stdout()));
    const stateA = JSON.parse(await readFile(join(dirA, 'buyer.state.json'), 'utf8'));
    const stateB = JSON.parse(await readFile(join(dirB, 'buyer.state.json'), 'utf8'));
    expect([stateA.port, stateB.port]).toEqual([a.port, b.port]);
  }, 120_000);
});

describe('failures', () => {
  let upstream: HeldUpstream | undefined;

  afterEach(async () => {
    await upstream?.close();
    upstream = undefined;
  });

  async function heldNetwork() {
    upstream = await startHeldUpstream();
    const seller = await startSellerProcess([
      '--upstream-url',
      upstream.baseUrl,
      '--upstream-format',
      'openai-chat',
      '--service',
      'held',
    ]);
    const buyer = await startBuyerProcess(await dataDir('buyer'), [
      '--bootstrap',
      seller.url,
      '--peer',
      seller.peerId,
    ]);
    return { seller, buyer, upstream };
  }

  it('ends every client’s stream with its format’s error event when the seller is killed mid-stream; the buyer stays up', async () => {
    const { seller, buyer, upstream } = await heldNetwork();
    const { openai, anthropic } = clients(buyer.url);
    const messages = [{ role: 'user' as const, content: 'Hold on' }];
    const seen = { chat: '', messages: '', responses: '' };
    const chatRun = (async () => {
      const stream = await openai.chat.completions.create({ model: 'held', messages, stream: true });
      for await (const chunk of stream) seen.chat += chunk.choices[0]?.delta.content ?? '';
    })();
    const messagesRun = (async () => {
      const stream = await anthropic.messages.create({
        model: 'held',
        max_tokens: 50,
        messages,
        stream: true,
      });
      for await (const event of stream)
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
          seen.messages += event.delta.text;
    })();
    const responseEvents: string[] = [];
    const responsesRun = (async () => {
      const stream = await openai.responses.create({ model: 'held', input: 'Hold on', stream: true });
      for await (const event of stream) {
        responseEvents.push(event.type);
        if (event.type === 'response.output_text.delta') seen.responses += event.delta;
      }
    })();
    const runs = [chatRun, messagesRun, responsesRun].map((run) =>
      run.then(
        () => undefined,
        (error) => error,
      ),
    );

    await eventually(async () =>
      upstream.started() === 3 && seen.chat && seen.messages && seen.responses ? true : undefined,
    );
    seller.proc.child.kill('SIGKILL');
    const [chatError, messagesError, responsesError] = await Promise.all(runs);

    expect(seen).toEqual({ chat: 'First words', messages: 'First words', responses: 'First words' });
    // Chat: an error chunk, which the OpenAI SDK raises. Anthropic: an `error` event, raised by its SDK.
    expect(chatError).toBeInstanceOf(OpenAI.APIError);
    expect(messagesError).toBeInstanceOf(Anthropic.APIError);
    // Responses: the stream ends with `response.failed`.
    expect(responsesError).toBeUndefined();
    expect(responseEvents.at(-1)).toBe('response.failed');

    const health = await fetch(`${buyer.url}/health`);
    expect(health.status).toBe(200);
    expect(buyer.proc.child.exitCode).toBeNull();
    // The next call gets a clean error in its own format, not a hang or a crash.
    const next = await openai.chat.completions
      .create({ model: 'held', messages: [{ role: 'user', content: 'again' }] })
      .then(
        () => undefined,
        (error) => error,
      );
    expect(next).toBeInstanceOf(OpenAI.APIError);
    expect((next as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
  }, 120_000);

  it('lets a stream in flight finish on Ctrl-C, then exits 0', async () => {
    const { buyer, upstream } = await heldNetwork();
    const stream = clients(buyer.url).anthropic.messages.stream({
      model: 'held',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Finish this' }],
    });
    let firstText = '';
    stream.on('text', (delta) => {
      firstText ||= delta;
    });
    await eventually(async () => (firstText ? true : undefined));

    buyer.proc.child.kill('SIGINT');
    await buyer.proc.waitFor(/Stopping the buyer proxy/, 10_000);
    upstream.release();
    const message = await stream.finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ text: 'First words, then the rest.' })]);
    expect(message.stop_reason).toBe('end_turn');
    expect(await buyer.proc.exited).toBe(0);
  }, 120_000);

  it('refuses bad input with one line on stderr and a non-zero exit code', async () => {
    const [noUpstream, badPeer, badConfig] = [
      await dataDir('bad'),
      await dataDir('bad'),
      await dataDir('bad'),
    ];
    await writeFile(join(badConfig, 'config.json'), JSON.stringify({ buyer: {}, colour: 'blue' }));
    const results = await Promise.all([
      runCliToEnd(['--data-dir', noUpstream, 'seller', 'start']),
      runCliToEnd(['--data-dir', badPeer, 'buyer', 'connection', 'set', '--peer', 'nothing']),
      runCliToEnd(['--data-dir', badConfig, 'buyer', 'start', '--port', '0']),
    ]);
    for (const { code, stdout, stderr } of results) {
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(results[0]?.stderr).toMatch(/^tollway seller start: no upstream/);
    expect(results[1]?.stderr).toMatch(/^tollway buyer connection: --peer "nothing" is not a peer id/);
    expect(results[2]?.stderr).toMatch(/^tollway buyer start: .*config\.json: unknown key "colour"/);
  }, 60_000);
});
