// Test-only helpers for the recorded fixtures in src/formats/__fixtures__ (not exported).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiFormat } from '../formats/api-format.js';
import type { SseEvent } from '../formats/sse.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../formats/__fixtures__/', import.meta.url));

/**
 * A recorded stream: one JSON object per line, `{"event"?: string, "data": <JSON value or "[DONE]">}`,
 * turned into the wire events (data as JSON text).
 */
export function loadStream(format: ApiFormat, name: string): SseEvent[] {
  const text = readFileSync(join(FIXTURES_DIR, format, `${name}.stream.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { event?: string; data: unknown };
      const data = row.data === '[DONE]' ? '[DONE]' : JSON.stringify(row.data);
      return row.event === undefined ? { data } : { event: row.event, data };
    });
}

/** A recorded JSON body (`<name>.request.json`, `<name>.response.json`, `<name>.error.json`). */
export function loadJson(format: ApiFormat, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, format, file), 'utf8')) as Record<string, unknown>;
}

/** Names of the fixtures of one kind (`stream`, `response`, `request`) for a format. */
export function fixtureNames(format: ApiFormat, kind: 'stream' | 'response' | 'request'): string[] {
  const suffix = kind === 'stream' ? '.stream.jsonl' : `.${kind}.json`;
  return readdirSync(join(FIXTURES_DIR, format))
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}
