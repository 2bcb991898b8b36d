import { type AllowInternalHosts, bareHost, checkUrl, isAllowedHost } from '../net/check-url.js';

/** The outcome of {@link checkWebhookUrl}. */
export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether the marketplace may call `input` (a webhook receiver, a peer's public URL): the SSRF
 * check of `checkUrl`, and no `localhost` name, unless the host is on the internal allow-list.
 * Names are resolved, and every address checked, again when a call is made.
 *
 * @example
 * ```ts
 * checkOutboundUrl('http://seller.example:8080', []); // { ok: true, url }
 * checkOutboundUrl('https://localhost/x', []); // { ok: false, reason: 'url: localhost is an internal address' }
 * ```
 */
export function checkOutboundUrl(input: string, allowInternalHosts: AllowInternalHosts): WebhookUrlCheck {
  const checked = checkUrl(input, allowInternalHosts);
  if (!checked.ok) return { ok: false, reason: `url: ${checked.reason}` };
  const host = bareHost(checked.url.hostname);
  if ((host === 'localhost' || host.endsWith('.localhost')) && !isAllowedHost(host, allowInternalHosts)) {
    return { ok: false, reason: `url: ${host} is an internal address` };
  }
  return checked;
}

/**
 * Whether a webhook may be sent to `input`: HTTPS (plain http only to a host on the server's
 * internal allow-list, for receivers on the same network) and {@link checkOutboundUrl}.
 *
 * @example
 * ```ts
 * checkWebhookUrl('https://my-agent.example.com/webhook', []); // { ok: true, url }
 * checkWebhookUrl('http://my-agent.example.com/webhook', []); // { ok: false, reason: 'url: must use HTTPS' }
 * checkWebhookUrl('http://127.0.0.1:9000/hook', ['127.0.0.1']); // { ok: true, url }
 * ```
 */
export function checkWebhookUrl(input: string, allowInternalHosts: AllowInternalHosts): WebhookUrlCheck {
  const checked = checkOutboundUrl(input, allowInternalHosts);
  if (!checked.ok) return checked;
  if (checked.url.protocol !== 'https:' && !isAllowedHost(checked.url.hostname, allowInternalHosts)) {
    return { ok: false, reason: 'url: must use HTTPS' };
  }
  return checked;
}
