import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { IdentityError } from '../errors/identity-error.js';
import { type Identity, identityFromHex } from './identity.js';

/** Where {@link loadIdentity} looks for a key. */
export interface LoadIdentityOptions {
  /** The node's data directory; `identity.key` lives here, and is created here when no key is found. */
  dataDir: string;
  /** The environment to read; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** An identity and where it came from. */
export interface LoadedIdentity {
  identity: Identity;
  source: 'TOLLWAY_IDENTITY_HEX' | 'ANTSEED_IDENTITY_HEX' | 'identity.key' | 'created';
  /** The key file read or created; absent when the key came from the environment. */
  keyPath?: string;
  /** Set when the key file is readable by group or others: a hint to `chmod 600` it. */
  warning?: string;
}

/** The key file's name inside the data directory. */
const KEY_FILE = 'identity.key';
const ENV_KEYS = ['TOLLWAY_IDENTITY_HEX', 'ANTSEED_IDENTITY_HEX'] as const;

/**
 * The node's identity, from the first of: env `TOLLWAY_IDENTITY_HEX`, env `ANTSEED_IDENTITY_HEX`,
 * `<dataDir>/identity.key` (hex, one line), or a new key written there with mode 0600. Creation
 * is safe against other processes doing the same at once: the key is written to a private
 * temporary file and hard-linked into place, which fails if a key is already there, and then the
 * key that won is read. An empty env var counts as unset. A malformed key throws
 * `IdentityError('invalid_identity_key')` naming its source; an unreadable or unwritable file
 * throws `IdentityError('identity_key_unavailable')`. The key never appears in a message.
 *
 * @example
 * ```ts
 * const { identity, source, warning } = await loadIdentity({ dataDir: '.tollway' });
 * if (warning) console.warn(warning);
 * console.log(`peer ${identity.peerId} (${source})`);
 * ```
 */
export async function loadIdentity(options: LoadIdentityOptions): Promise<LoadedIdentity> {
  const env = options.env ?? process.env;
  for (const name of ENV_KEYS) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '')
      return { identity: identityFromHex(value, name), source: name };
  }
  const keyPath = join(options.dataDir, KEY_FILE);
  const existing = await readKeyFile(keyPath);
  if (existing) return existing;
  const hex = await createKeyFile(options.dataDir, keyPath);
  if (hex) return { identity: identityFromHex(hex, KEY_FILE), source: 'created', keyPath };
  // Another process created the key first: use theirs.
  const theirs = await readKeyFile(keyPath);
  if (!theirs) throw unavailable(keyPath, 'was created by another process but then disappeared');
  return theirs;
}

async function readKeyFile(keyPath: string): Promise<LoadedIdentity | undefined> {
  let text: string;
  try {
    text = await readFile(keyPath, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw unavailable(keyPath, 'cannot be read', error);
  }
  const loaded: LoadedIdentity = {
    identity: identityFromHex(text, `${KEY_FILE} (${keyPath})`),
    source: 'identity.key',
    keyPath,
  };
  const warning = await permissionWarning(keyPath);
  if (warning) loaded.warning = warning;
  return loaded;
}

/** Writes a new key into place unless one is there already; the new key's hex, or undefined when another won. */
async function createKeyFile(dataDir: string, keyPath: string): Promise<string | undefined> {
  const hex = generatePrivateKey().slice(2);
  const temporary = `${keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // `wx` never follows or reuses an existing file; the full key is on disk before it gets its name.
    await writeFile(temporary, `${hex}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(temporary, 0o600); // the umask may have removed bits, never added them; be explicit anyway
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw unavailable(keyPath, 'cannot be created', error);
  }
  try {
    await link(temporary, keyPath);
    return hex;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return undefined;
    // A file system without hard links: fall back to exclusive creation of the key file itself.
    return await writeExclusive(keyPath, hex);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function writeExclusive(keyPath: string, hex: string): Promise<string | undefined> {
  try {
    await writeFile(keyPath, `${hex}\n`, { flag: 'wx', mode: 0o600 });
    return hex;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return undefined;
    throw unavailable(keyPath, 'cannot be created', error);
  }
}

async function permissionWarning(keyPath: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined; // POSIX mode bits mean nothing there
  const { mode } = await stat(keyPath);
  if ((mode & 0o077) === 0) return undefined;
  return (
    `${keyPath} is readable by other users (mode ${(mode & 0o777).toString(8).padStart(3, '0')}); ` +
    `run "chmod 600 ${keyPath}" so only you can read your identity key`
  );
}

function unavailable(keyPath: string, what: string, cause?: unknown): IdentityError {
  const code = errnoCode(cause);
  const reason = code ? ` (${code})` : '';
  return new IdentityError('identity_key_unavailable', `${keyPath} ${what}${reason}`, {
    details: 'Check that the data directory exists and is writable, or set TOLLWAY_IDENTITY_HEX.',
    cause,
  });
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function isCode(error: unknown, code: string): boolean {
  return errnoCode(error) === code;
}
