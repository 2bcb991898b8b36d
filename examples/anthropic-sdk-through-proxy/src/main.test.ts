import { expect, it } from 'vitest';
import { runExample } from './main.js';

it('answers the Anthropic SDK whole and streamed through the proxy, then shuts down', async () => {
  const lines: string[] = [];
  await runExample((line) => lines.push(line));
  expect(lines).toEqual([
    expect.stringMatching(/^buyer proxy at http:\/\/127\.0\.0\.1:\d+, pinned to seller [0-9a-f]{40}$/),
    'whole:    Hello from the Tollway test model. You said: Hello from the Anthropic SDK (end_turn)',
    expect.stringMatching(/^usage: {4}[1-9]\d* in, 13 out$/),
    'streamed: Hello from the Tollway test model. You said: Stream this, please (end_turn)',
  ]);
});
