import { createServer, type Server } from 'node:https';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';
import {
  createPinnedDispatcher,
  createRecordingDispatcher,
  normalizeFingerprint,
  TlsFingerprintMismatchError,
} from './pinned-dispatcher.js';
import { createSelfSignedCertificate, type SellerCertificate } from './seller-certificate.js';

let good: SellerCertificate;
let other: SellerCertificate;
let server: Server;
let url: string;
let requestsSeen = 0;

beforeAll(async () => {
  [good, other] = await Promise.all([
    createSelfSignedCertificate(['127.0.0.1']),
    createSelfSignedCertificate(['127.0.0.1']),
  ]);
  server = createServer({ cert: good.certPem, key: good.keyPem }, (req, res) => {
    requestsSeen += 1;
    res.end(`hello ${req.url}`);
  });
  url = await listenOnLoopback(server);
});

afterAll(() => closeServer(server));

describe('createPinnedDispatcher', () => {
  it('two generated certificates differ', () => {
    expect(good.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(good.fingerprint256).not.toBe(other.fingerprint256);
  });

  it('talks to the server whose certificate it pins, self-signed or not', async () => {
    const dispatcher = createPinnedDispatcher(good.fingerprint256.toLowerCase());
    try {
      const res = await request(`${url}/ping`, { dispatcher });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe('hello /ping');
    } finally {
      await dispatcher.close();
    }
  });

  it('refuses another certificate before any request reaches the server', async () => {
    const before = requestsSeen;
    const dispatcher = createPinnedDispatcher(other.fingerprint256);
    try {
      const error = await request(`${url}/secret`, { method: 'POST', body: 'x', dispatcher }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TlsFingerprintMismatchError);
      expect((error as TlsFingerprintMismatchError).code).toBe('tls_fingerprint_mismatch');
      expect((error as TlsFingerprintMismatchError).actual).toBe(good.fingerprint256);
      expect(requestsSeen).toBe(before);
    } finally {
      await dispatcher.close();
    }
  });

  it('refuses plain HTTP', async () => {
    const plain = (await import('node:http')).createServer((_req, res) => res.end('plain'));
    const plainUrl = await listenOnLoopback(plain);
    const dispatcher = createPinnedDispatcher(good.fingerprint256);
    try {
      await expect(request(`${plainUrl}/`, { dispatcher })).rejects.toMatchObject({
        code: 'tls_fingerprint_mismatch',
      });
    } finally {
      await dispatcher.close();
      await closeServer(plain);
    }
  });
});

describe('createRecordingDispatcher', () => {
  it('accepts any certificate and records its fingerprint', async () => {
    const { dispatcher, seenFingerprint } = createRecordingDispatcher();
    try {
      expect(seenFingerprint()).toBeUndefined();
      const res = await request(`${url}/metadata`, { dispatcher });
      expect(await res.body.text()).toBe('hello /metadata');
      expect(seenFingerprint()).toBe(good.fingerprint256);
      expect(normalizeFingerprint(seenFingerprint() ?? '')).not.toBe(
        normalizeFingerprint(other.fingerprint256),
      );
    } finally {
      await dispatcher.close();
    }
  });
});
