import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@tollway/core public API', () => {
  it('exports exactly these names (a change here is an API change: add a changeset)', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "API_FORMATS",
        "PIN_HELP",
        "PinError",
        "TollwayError",
        "TranslationError",
        "USDC_DECIMALS",
        "compareForLeaderboard",
        "costOfUsage",
        "fixedWindow",
        "formatForPath",
        "formatUsdc",
        "isApiFormat",
        "normalizePeerId",
        "parseSse",
        "parseSseText",
        "parseUsdc",
        "perCallCharge",
        "platformFee",
        "renderError",
        "reputationScore",
        "resolvePin",
        "serializeSse",
        "signWebhook",
        "takeToken",
        "tokenPrices",
        "translateErrorBody",
        "translateRequest",
        "translateResponse",
        "translateStream",
        "verifyWebhook",
        "webhookBody",
      ]
    `);
  });
});
