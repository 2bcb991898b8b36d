import { type AllowInternalHosts, bareHost, checkUrl, isAllowedHost } from '../net/check-url.js';

/** The outcome of {@link checkWebhookUrl}. */
export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether a webhook may be sent to `input`: HTTPS (plain http only to a host on the server's
 * internal allow-list, for receivers on the same network), no credentials, and not an internal
 * address or a `localhost` name unless allowed. Names are resolved, and every address checked,
 * again at each delivery by the guarded fetch.
 *
 * @example
 * ```ts
 * checkWebhookUrl('https://my-agent.example.com/webhook', []); // { ok: true, url }
 * checkWebhookUrl('http://my-agent.example.com/webhook', []); // { ok: false, reason: 'url: must use HTTPS' }
 * checkWebhookUrl('http://127.0.0.1:9000/hook', ['127.0.0.1']); // { ok: true, url }
 * ```
 */
export function checkWebhookUrl(input: string, allowInternalHosts: AllowInternalHosts): WebhookUrlCheck {
  const checked = checkUrl(input, allowInternalHosts);
  if (!checked.ok) return { ok: false, reason: `url: ${checked.reason}` };
  const { url } = checked;
  const host = bareHost(url.hostname);
  const allowed = isAllowedHost(host, allowInternalHosts);
  if (url.protocol !== 'https:' && !allowed) return { ok: false, reason: 'url: must use HTTPS' };
  if ((host === 'localhost' || host.endsWith('.localhost')) && !allowed) {
    return { ok: false, reason: `url: ${host} is an internal address` };
  }
  return { ok: true, url };
}
