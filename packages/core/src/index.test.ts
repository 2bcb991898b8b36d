import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@tollway/core public API', () => {
  it('exports exactly these names (a change here is an API change: add a changeset)', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "API_FORMATS",
        "TollwayError",
        "TranslationError",
        "formatForPath",
        "isApiFormat",
        "parseSse",
        "parseSseText",
        "renderError",
        "serializeSse",
        "translateRequest",
        "translateResponse",
        "translateStream",
      ]
    `);
  });
});
