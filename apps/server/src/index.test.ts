import { describe, expect, it } from 'vitest';
import * as server from './index.js';

describe('@tollway/server public API', () => {
  it('exports exactly these names (a change here is an API change)', () => {
    expect(Object.keys(server).sort()).toEqual([
      'HttpError',
      'SsrfError',
      'checkUrl',
      'createAdminKey',
      'createApp',
      'createSafeFetch',
      'jsonLogger',
      'migrate',
      'openDb',
      'safeFetch',
      'silentLogger',
      'startMarketplaceServer',
    ]);
  });
});
