import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './load-config.js';

// The optional buyer config from the AntSeed buyer-proxy documentation, as it is printed there.
const DOCUMENTED_EXAMPLE = `{
"buyer": {
"minPeerReputation": 0,
"maxPricing": {
"defaults": {
"inputUsdPerMillion": 25,
"outputUsdPerMillion": 75
}
}
},
"payments": {
"preferredMethod": "crypto",
"crypto": {
"chainId": "base-mainnet"
}
}
}`;

describe('loadConfig', () => {
  it('loads the documented buyer example as it is', () => {
    const config = parseConfig(DOCUMENTED_EXAMPLE, 'config.json');
    expect(config.buyer?.maxPricing?.defaults).toEqual({ inputUsdPerMillion: 25, outputUsdPerMillion: 75 });
    expect(config.payments?.crypto?.chainId).toBe('base-mainnet');
  });

  it('starts from built-in defaults when the file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-config-'));
    expect(await loadConfig(join(dir, 'config.json'))).toEqual({ config: {}, found: false });
  });

  it.each([
    ['{"buyer":{"minPeerReputaton":0}}', 'config.json: unknown key "buyer.minPeerReputaton"'],
    ['{"byer":{}}', 'config.json: unknown key "byer"'],
    ['{"buyer":{"minPeerReputation":"high"}}', 'config.json: buyer.minPeerReputation: '],
    ['{"payments":{"crypto":{"chainId":"mainnet"}}}', 'config.json: payments.crypto.chainId: '],
    ['{"seller":{"upstreamFormat":"openai"}}', 'config.json: seller.upstreamFormat: '],
    ['{"buyer":', 'config.json: not valid JSON'],
  ])('refuses %s with one line naming the key', (text, start) => {
    let thrown: unknown;
    try {
      parseConfig(text, 'config.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as Error).message;
    expect(message.startsWith(start)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('names what a wrong type expected', () => {
    expect(() => parseConfig('{"buyer":{"proxyPort":"8377"}}', 'c.json')).toThrow(
      /buyer\.proxyPort: .*number/,
    );
  });

  it('reads a file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-config-'));
    const path = join(dir, 'config.json');
    await writeFile(path, '{"network":{"bootstrap":["https://seller.example:8443"]}}');
    const { config, found } = await loadConfig(path);
    expect(found).toBe(true);
    expect(config.network?.bootstrap).toEqual(['https://seller.example:8443']);
  });
});
