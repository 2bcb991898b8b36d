import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, peerUrlPolicy } from './peer-url-policy.js';

describe('peerUrlPolicy', () => {
  it.each([
    ['https://seller.example', false, true],
    ['http://127.0.0.1:9000', false, true],
    ['http://[::1]:9000', false, true],
    ['http://localhost:9000', false, true],
    ['http://seller.example', false, false],
    ['http://seller.example', true, true],
    ['http://127.0.0.1.example.com', false, false],
    ['ftp://seller.example', true, false],
  ])('%s (allowInsecureHttp %s) → allowed %s', (url, insecure, allowed) => {
    const policy = peerUrlPolicy(url, insecure);
    expect(policy.allowed).toBe(allowed);
    expect(policy.warning !== undefined).toBe(allowed && url.startsWith('http:'));
  });

  it('does not take a host that merely starts with "localhost" for loopback', () => {
    expect(isLoopbackUrl('http://localhost.evil.example')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
