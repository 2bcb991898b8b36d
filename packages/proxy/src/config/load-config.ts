import { readFile } from 'node:fs/promises';
import { TollwayError } from '@tollway/core';
import type { z } from 'zod';
import { configSchema, type TollwayConfig } from './config-schema.js';

/** `config.json` is unreadable, not JSON, or has an unknown key or a wrong type. */
export class ConfigError extends TollwayError {
  override readonly name = 'ConfigError';
}

/**
 * Loads `config.json`. A missing file is the built-in defaults (`{}`); anything wrong is a
 * {@link ConfigError} whose one-line message names the file, the key and what was expected.
 *
 * @example
 * ```ts
 * const { config, found } = await loadConfig(join(homedir(), '.tollway', 'config.json'));
 * config.buyer?.minPeerReputation; // number | undefined
 * ```
 */
export async function loadConfig(path: string): Promise<{ config: TollwayConfig; found: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, found: false };
    throw new ConfigError('config_unreadable', `${path}: ${(error as Error).message}`, { cause: error });
  }
  return { config: parseConfig(text, path), found: true };
}

/**
 * Parses the text of a `config.json` (see {@link loadConfig}).
 *
 * @example
 * ```ts
 * parseConfig('{"buyer":{"minPeerReputaton":0}}', 'config.json');
 * // throws ConfigError: config.json: unknown key "buyer.minPeerReputaton"
 * ```
 */
export function parseConfig(text: string, path: string): TollwayConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('config_invalid_json', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ConfigError('config_invalid', `${path}: ${describeIssue(parsed.error.issues[0])}`);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid configuration';
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${at ? `${at}.` : ''}${key}"`).join(', ');
    return `unknown key ${keys}`;
  }
  return `${at || '(root)'}: ${issue.message}`;
}
