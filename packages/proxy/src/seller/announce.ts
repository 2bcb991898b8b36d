import type { SignedPeerMetadata } from '@tollway/payments';
import { request } from 'undici';
import type { Logger } from '../log/logger.js';

/** How one registry took an announcement. */
export interface AnnounceResult {
  registry: string;
  ok: boolean;
  status?: number;
  message: string;
}

/** Options of {@link startAnnouncing}. */
export interface AnnounceOptions {
  /** Marketplace server base URLs (`https://market.example`); `/api/v1/peers` is appended. */
  registries: readonly string[];
  /** The seller's current signed metadata (re-signed with a fresh timestamp each time). */
  signedMetadata: () => Promise<SignedPeerMetadata>;
  /** Re-announce period; registries drop peers whose metadata grows old (default 5 min). */
  intervalMs?: number;
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Announces a seller's signed metadata to marketplace registries (`POST /api/v1/peers`) now and
 * every `intervalMs`, so buyers bootstrapping from a registry find it. No key is needed: the
 * signature proves the peer. Failures are logged and retried on the next round.
 *
 * @example
 * ```ts
 * const announcer = startAnnouncing({ registries: ['http://127.0.0.1:8000'], signedMetadata: () => seller.signedMetadata(), logger });
 * const results = await announcer.announceNow();
 * announcer.stop();
 * ```
 */
export function startAnnouncing(options: AnnounceOptions): {
  announceNow(): Promise<AnnounceResult[]>;
  stop(): void;
} {
  const announceNow = async () => {
    const signed = await options.signedMetadata();
    const body = JSON.stringify(signed);
    return Promise.all(options.registries.map((registry) => announceTo(registry, body, options)));
  };
  const timer = setInterval(() => void announceNow().catch(() => {}), options.intervalMs ?? 5 * 60_000);
  timer.unref();
  return { announceNow, stop: () => clearInterval(timer) };
}

async function announceTo(registry: string, body: string, options: AnnounceOptions): Promise<AnnounceResult> {
  const url = `${registry.replace(/\/+$/, '')}/api/v1/peers`;
  const timeoutMs = options.timeoutMs ?? 5000;
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = (await res.body.text()).slice(0, 300);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    const result = { registry, ok, status: res.statusCode, message: ok ? 'announced' : detailOf(text) };
    if (ok) options.logger.info('announced to registry', { registry });
    else
      options.logger.warn('registry refused the announcement', {
        registry,
        status: res.statusCode,
        detail: result.message,
      });
    return result;
  } catch (error) {
    const message = `${url} could not be reached: ${(error as Error).message}`;
    options.logger.warn('registry unreachable', { registry, error: (error as Error).message });
    return { registry, ok: false, message };
  }
}

function detailOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { detail?: unknown };
    if (typeof parsed.detail === 'string') return parsed.detail;
  } catch {
    // not JSON: fall through to the text
  }
  return text || 'no detail';
}
