import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch, Headers, type RequestInit, type Response } from 'undici';
import { isBlockedAddress } from './blocked-addresses.js';
import { type AllowInternalHosts, bareHost, checkUrl, isAllowedHost } from './check-url.js';
import { SsrfError } from './ssrf-error.js';

/** A DNS lookup with `dns.lookup`'s signature, called with `{ all: true }`. */
export type Lookup = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** How outbound calls are guarded. */
export interface SafeFetchOptions {
  /** Internal host names or addresses that may be called anyway (off by default). */
  allowInternalHosts?: AllowInternalHosts;
  /** Whole-call timeout in milliseconds, redirects included (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5); each target is checked like the first URL. */
  maxRedirects?: number;
  /** DNS resolver (tests pass their own); defaults to `dns.lookup`. */
  lookup?: Lookup;
}

/** An outbound `fetch` that refuses internal addresses. */
export type SafeFetch = (
  url: string | URL,
  init?: RequestInit,
  options?: Pick<SafeFetchOptions, 'timeoutMs'>,
) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for calls to providers and webhook receivers: every address a host name resolves
 * to is checked when the connection is made (so DNS rebinding cannot slip an internal address
 * in after a check), IP literals are checked before, redirects are followed by hand and each
 * target checked again. Refusals throw {@link SsrfError}.
 *
 * @example
 * ```ts
 * const guarded = createSafeFetch({ allowInternalHosts: ['127.0.0.1'], timeoutMs: 10_000 });
 * const res = await guarded('https://api.example.com/v1/analyze', { method: 'POST', body: '{}' });
 * ```
 */
export function createSafeFetch(options: SafeFetchOptions = {}): SafeFetch {
  const allow = options.allowInternalHosts ?? [];
  const agent = new Agent({
    connect: { lookup: guardedLookup(allow, options.lookup ?? (dnsLookup as Lookup)), timeout: 10_000 },
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  });
  return async (input, init = {}, callOptions = {}) => {
    const timeout = AbortSignal.timeout(callOptions.timeoutMs ?? options.timeoutMs ?? 30_000);
    const signal = init.signal ? AbortSignal.any([init.signal as AbortSignal, timeout]) : timeout;
    let url = checked(input, allow);
    let request: RequestInit = { ...init, signal, redirect: 'manual', dispatcher: agent };
    for (let hop = 0; ; hop++) {
      const response = await fetchUnwrapped(url, request);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (hop >= (options.maxRedirects ?? 5)) {
        throw new SsrfError('too_many_redirects', `more than ${options.maxRedirects ?? 5} redirects`);
      }
      const next = checked(new URL(location, url), allow);
      request = redirected(request, response.status, url, next);
      url = next;
    }
  };
}

const shared = new Map<string, SafeFetch>();

/**
 * One guarded call; see {@link createSafeFetch}. Agents are shared between calls with the same
 * allow-list.
 *
 * @example
 * ```ts
 * const res = await safeFetch('https://api.example.com/health', {}, { timeoutMs: 5_000 });
 * ```
 */
export function safeFetch(
  url: string | URL,
  init: RequestInit = {},
  options: SafeFetchOptions = {},
): Promise<Response> {
  if (options.lookup || options.maxRedirects !== undefined) return createSafeFetch(options)(url, init);
  const cacheKey = [...(options.allowInternalHosts ?? [])].sort().join(',');
  let guarded = shared.get(cacheKey);
  if (!guarded) {
    guarded = createSafeFetch({ allowInternalHosts: options.allowInternalHosts ?? [] });
    shared.set(cacheKey, guarded);
  }
  return guarded(url, init, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
}

function checked(input: string | URL, allow: AllowInternalHosts): URL {
  const result = checkUrl(input, allow);
  if (!result.ok) throw new SsrfError(result.code, result.reason);
  return result.url;
}

/** The next hop's request: 303 (and 301/302 after POST) become a GET without body, as browsers do. */
function redirected(request: RequestInit, status: number, from: URL, to: URL): RequestInit {
  const next: RequestInit = { ...request };
  const method = (request.method ?? 'GET').toUpperCase();
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    next.method = method === 'HEAD' ? 'HEAD' : 'GET';
    delete next.body;
  } else if (request.body instanceof ReadableStream) {
    throw new SsrfError('invalid_url', 'cannot follow a redirect that repeats a streamed body');
  }
  if (from.origin !== to.origin) {
    const headers = new Headers(request.headers);
    for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
    next.headers = headers;
  }
  return next;
}

async function fetchUnwrapped(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    // undici wraps connection errors in "TypeError: fetch failed"; surface our refusal itself.
    let cause: unknown = error;
    while (cause instanceof Error) {
      if (cause instanceof SsrfError) throw cause;
      cause = cause.cause;
    }
    throw error;
  }
}

/** A `lookup` for `net.connect` that resolves every address and refuses the call if any is internal. */
function guardedLookup(allow: AllowInternalHosts, lookup: Lookup) {
  return (
    hostname: string,
    options: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find(
        (a) =>
          isBlockedAddress(a.address) && !isAllowedHost(hostname, allow) && !isAllowedHost(a.address, allow),
      );
      if (refused) {
        return callback(
          new SsrfError(
            'internal_address',
            `${bareHost(hostname)} resolves to an internal address (${refused.address})`,
          ),
          '',
        );
      }
      if (addresses.length === 0)
        return callback(new SsrfError('invalid_url', `${hostname} has no address`), '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family ?? isIP(first.address));
    });
  };
}
