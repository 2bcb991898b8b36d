// `tollway codex` and `tollway claude` with stand-ins for the real tools on PATH: each stand-in
// reads only what the real tool would (Codex its `-c model_providers.…` flags and `env_key`
// variable, Claude Code `ANTHROPIC_BASE_URL` and `ANTHROPIC_AUTH_TOKEN`), sends the recorded
// request body of that tool to the proxy, and prints the streamed answer. So the command line
// tollway generates is shown to reach a running buyer proxy and get an answer.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityFromHex } from '@tollway/payments';
import { type BuyerProxy, createBuyerProxy, createSellerNode, type SellerNode } from '@tollway/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, runCliToEnd } from './cli-process.js';

const RECORDED = fileURLToPath(new URL('../../../../packages/proxy/src/e2e/__fixtures__/', import.meta.url));

/** Prints the text deltas and the last event name of an SSE answer. Shared by both stand-ins. */
const PRINT_STREAM = `
async function printStream(res, textOf) {
  if (res.status !== 200) { console.log('status ' + res.status + ' ' + (await res.text())); process.exit(3); }
  let text = '', last = '';
  for (const block of (await res.text()).split('\\n\\n')) {
    const name = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!name || !data) continue;
    last = name;
    text += textOf(name, JSON.parse(data)) ?? '';
  }
  console.log('text: ' + text);
  console.log('last event: ' + last);
}`;

/** Codex: `-c key=value` flags (TOML values), `--model`, the key from the provider's `env_key`. */
const FAKE_CODEX = `
const argv = process.argv.slice(2);
const config = {};
for (let i = 0; i < argv.length; i++) if (argv[i] === '-c') { const [k, ...v] = argv[++i].split('='); config[k] = JSON.parse(v.join('=')); }
const model = argv[argv.indexOf('--model') + 1];
const provider = 'model_providers.' + config.model_provider + '.';
if (config[provider + 'wire_api'] !== 'responses') process.exit(4);
const body = { ...require(process.env.RECORDED_BODY), model };
${PRINT_STREAM}
fetch(config[provider + 'base_url'] + '/responses', {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'text/event-stream', originator: 'codex_cli_rs',
    authorization: 'Bearer ' + process.env[config[provider + 'env_key']] },
  body: JSON.stringify(body),
}).then((res) => printStream(res, (name, d) => (name === 'response.output_text.delta' ? d.delta : '')));
`;

/** Claude Code: `ANTHROPIC_BASE_URL`, `ANTHROPIC_AUTH_TOKEN` as a Bearer token, `--model`. */
const FAKE_CLAUDE = `
console.log('anthropic api key: ' + (process.env.ANTHROPIC_API_KEY ? 'set' : 'unset'));
const argv = process.argv.slice(2);
const model = argv[argv.indexOf('--model') + 1];
const body = { ...require(process.env.RECORDED_BODY), model };
${PRINT_STREAM}
fetch(process.env.ANTHROPIC_BASE_URL + '/v1/messages?beta=true', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01',
    'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14',
    authorization: 'Bearer ' + process.env.ANTHROPIC_AUTH_TOKEN },
  body: JSON.stringify(body),
}).then((res) => printStream(res, (name, d) => (d.delta?.type === 'text_delta' ? d.delta.text : '')));
`;

let toolDir: string;
let sellerDir: string;
let buyerDir: string;
let seller: SellerNode;
let buyer: BuyerProxy;

beforeAll(async () => {
  const made = (label: string) => mkdtemp(join(tmpdir(), `tollway-wrapped-${label}-`));
  toolDir = await made('tools');
  sellerDir = await made('seller');
  buyerDir = await made('buyer');
  for (const [name, source] of [
    ['codex', FAKE_CODEX],
    ['claude', FAKE_CLAUDE],
  ] as const) {
    await writeFile(join(toolDir, name), `#!${process.execPath}\n${source}`);
    await chmod(join(toolDir, name), 0o755);
  }
  seller = createSellerNode({
    identity: identityFromHex(`0x${'61'.repeat(32)}`),
    dataDir: sellerDir,
    services: [
      {
        name: 'coder',
        upstreamModel: 'coder',
        format: 'openai-chat',
        categories: ['coding'],
        pricing: { inputUsdPerMillion: '1', outputUsdPerMillion: '2' },
        upstream: { kind: 'test-model' },
      },
    ],
  });
  await seller.listen();
  // The buyer writes its port to buyer.state.json, where `tollway codex|claude` finds it.
  buyer = createBuyerProxy({
    dataDir: buyerDir,
    identity: identityFromHex(`0x${'62'.repeat(32)}`),
    port: 0,
    bootstrap: [seller.url],
  });
  await buyer.listen();
}, 30_000);

afterAll(async () => {
  await killAll();
  await buyer?.close();
  await seller?.close();
  await Promise.all([toolDir, sellerDir, buyerDir].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each([
  { tool: 'codex', body: 'codex', last: 'response.completed' },
  { tool: 'claude', body: 'claude-code', last: 'message_stop' },
])('tollway $tool', ({ tool, body, last }) => {
  it('runs the tool against the running buyer proxy, which answers its recorded request', async () => {
    const { code, stdout, stderr } = await runCliToEnd(
      ['--data-dir', buyerDir, tool, '--model', `${seller.peerId}@coder`],
      {
        PATH: `${toolDir}${delimiter}${process.env.PATH ?? ''}`,
        RECORDED_BODY: join(RECORDED, `${body}.request.json`),
        ANTHROPIC_API_KEY: 'sk-ant-must-not-leak',
      },
    );
    expect(stderr).toContain(`using the buyer proxy at ${buyer.url}`);
    expect(stdout).toMatch(/^text: Hello from the Tollway test model\. You said: \S/m);
    expect(stdout).toContain(`last event: ${last}`);
    expect(stdout).not.toContain('anthropic api key: set');
    expect(code).toBe(0);
  });
});
