import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';

describe('resolveDataDir', () => {
  const env = { TOLLWAY_DATA_DIR: '/t', ANTSEED_DATA_DIR: '/a' };

  it('prefers --data-dir, then TOLLWAY_DATA_DIR, then ANTSEED_DATA_DIR, then ~/.tollway', () => {
    expect(resolveDataDir({ flag: '/f', env }).source).toBe('--data-dir');
    expect(resolveDataDir({ env }).dataDir).toBe(resolve('/t'));
    expect(resolveDataDir({ env: { ANTSEED_DATA_DIR: '/a' } })).toMatchObject({
      dataDir: resolve('/a'),
      source: 'ANTSEED_DATA_DIR',
    });
    expect(resolveDataDir({ env: {}, home: '/u' })).toMatchObject({
      dataDir: resolve('/u/.tollway'),
      source: 'default',
    });
  });

  it('puts config.json and buyer.state.json in the data dir unless the config is named', () => {
    const paths = resolveDataDir({ flag: '/d', env: {} });
    expect(paths.configPath).toBe(join(resolve('/d'), 'config.json'));
    expect(paths.statePath).toBe(join(resolve('/d'), 'buyer.state.json'));
    expect(resolveDataDir({ flag: '/d', env: { ANTSEED_CONFIG: '/c.json' } }).configPath).toBe(
      resolve('/c.json'),
    );
    expect(
      resolveDataDir({ flag: '/d', configFlag: '/x.json', env: { TOLLWAY_CONFIG: '/c.json' } }).configPath,
    ).toBe(resolve('/x.json'));
  });
});
