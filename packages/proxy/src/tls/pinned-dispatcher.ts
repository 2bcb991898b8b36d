import type { TLSSocket } from 'node:tls';
import { TollwayError } from '@tollway/core';
import { Agent, buildConnector } from 'undici';

/**
 * The seller's certificate is not the one its signed metadata names (or the connection is not
 * TLS at all). Raised before any request byte is written.
 */
export class TlsFingerprintMismatchError extends TollwayError {
  override readonly name = 'TlsFingerprintMismatchError';

  constructor(
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super('tls_fingerprint_mismatch', "The seller's TLS certificate does not match its signed fingerprint.", {
      details: `expected ${expected}, got ${actual ?? 'no certificate'}`,
    });
  }
}

/** Options of {@link createPinnedDispatcher} and {@link createRecordingDispatcher}. */
export interface PinnedDispatcherOptions {
  /** Connect (TCP + TLS handshake) timeout in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Passed to undici's Agent: how long an idle kept-alive socket stays open. */
  keepAliveTimeoutMs?: number;
}

/**
 * Normalises a fingerprint for comparison: upper-case hex, colons optional.
 *
 * @example
 * ```ts
 * normalizeFingerprint('ab:cd'); // 'ABCD'
 * ```
 */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').trim().toUpperCase();
}

type Connector = ReturnType<typeof buildConnector>;

/**
 * An undici connector that does the TLS handshake without CA checks, then hands the socket to
 * `check`; a returned error fails the connection before undici writes anything on it.
 * Sessions are not cached: a resumed session would skip the certificate we must see.
 */
function checkingConnector(
  options: PinnedDispatcherOptions,
  check: (socket: TLSSocket | undefined) => Error | undefined,
): Connector {
  const base = buildConnector({
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    timeout: options.connectTimeoutMs ?? 10_000,
  });
  return (connectOptions, callback) => {
    base(connectOptions, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connection failed'), null);
        return;
      }
      const tlsSocket = 'getPeerX509Certificate' in socket ? (socket as TLSSocket) : undefined;
      const failure = check(tlsSocket);
      if (failure) {
        socket.destroy();
        callback(failure, null);
        return;
      }
      callback(null, socket);
    });
  };
}

function peerFingerprint(socket: TLSSocket | undefined): string | undefined {
  return socket?.getPeerX509Certificate()?.fingerprint256;
}

function agentFor(connect: Connector, options: PinnedDispatcherOptions): Agent {
  return new Agent({
    connect,
    ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeoutMs }),
  });
}

/**
 * An undici dispatcher that accepts exactly one TLS certificate: the one whose SHA-256
 * fingerprint the seller signed into its metadata. Self-signed certificates are fine; any other
 * certificate (or plain HTTP) fails the connection with {@link TlsFingerprintMismatchError}
 * (code `tls_fingerprint_mismatch`, found as the `cause` of undici's fetch error) before a
 * request byte is sent.
 *
 * @example
 * ```ts
 * const dispatcher = createPinnedDispatcher(metadata.tlsFingerprint256);
 * const res = await request(`${metadata.publicUrl}/v1/messages`, { method: 'POST', body, dispatcher });
 * ```
 */
export function createPinnedDispatcher(fingerprint256: string, options: PinnedDispatcherOptions = {}): Agent {
  const expected = normalizeFingerprint(fingerprint256);
  const connect = checkingConnector(options, (socket) => {
    const actual = peerFingerprint(socket);
    return actual !== undefined && normalizeFingerprint(actual) === expected
      ? undefined
      : new TlsFingerprintMismatchError(fingerprint256, actual);
  });
  return agentFor(connect, options);
}

/** What {@link createRecordingDispatcher} returns. */
export interface RecordingDispatcher {
  dispatcher: Agent;
  /** The fingerprint of the certificate of the latest TLS connection; undefined before one (or over HTTP). */
  seenFingerprint(): string | undefined;
}

/**
 * A dispatcher that accepts any certificate and records its fingerprint: the buyer fetches a
 * seller's `/metadata` with it, then checks the recorded fingerprint against the signed
 * `tlsFingerprint256` before trusting anything else from that address.
 *
 * @example
 * ```ts
 * const { dispatcher, seenFingerprint } = createRecordingDispatcher();
 * const res = await request(`${url}/metadata`, { dispatcher });
 * const signed = await res.body.json();
 * if (seenFingerprint() !== signed.metadata.tlsFingerprint256) throw new Error('not the signer');
 * ```
 */
export function createRecordingDispatcher(options: PinnedDispatcherOptions = {}): RecordingDispatcher {
  let seen: string | undefined;
  const connect = checkingConnector(options, (socket) => {
    seen = peerFingerprint(socket);
    return undefined;
  });
  return { dispatcher: agentFor(connect, options), seenFingerprint: () => seen };
}
