import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await createTestServer();
});
afterAll(() => t?.close());

describe('templates', () => {
  it('lists the documented team templates without a key', async () => {
    const res = await t.fetch('/api/v1/templates/teams');
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.templates.map((x: { name: string; agents: number }) => [x.name, x.agents])).toEqual([
      ['solo', 1],
      ['small_team', 4],
      ['enterprise', 6],
    ]);
    expect(body.templates[2].quality_gates).toEqual([
      { type: 'quality_score', threshold: 8.5 },
      { type: 'quality_score', threshold: 9 },
      { type: 'quality_score', threshold: 9 },
    ]);
    expect(body.templates[0].description).toBe('Single agent for individual developers');
  });

  it('lists the documented service templates with decimal-string prices', async () => {
    const body = await readJson(await t.fetch('/api/v1/templates/services'));
    expect(body).toEqual({
      templates: [
        { name: 'ai_api', category: 'ai', price_per_call: '0.05', free_tier_calls: 100 },
        { name: 'data_pipeline', category: 'data', price_per_call: '0.10', free_tier_calls: 50 },
        { name: 'content_api', category: 'content', price_per_call: '0.02', free_tier_calls: 200 },
      ],
    });
  });
});
