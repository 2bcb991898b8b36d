import { z } from 'zod';
import { type AllowInternalHosts, checkUrl } from '../net/check-url.js';

/**
 * A provider endpoint: an http(s) URL without credentials that is not an internal address
 * (unless its host is on the server's allow-list). Names are resolved and checked again on
 * every call.
 *
 * @example
 * ```ts
 * endpointSchema(deps.config.allowInternalHosts).parse('https://api.example.com/v1');
 * ```
 */
export function endpointSchema(allowInternalHosts: AllowInternalHosts) {
  return z
    .string()
    .trim()
    .min(1)
    .max(2048)
    .superRefine((value, ctx) => {
      if (!/^https?:\/\//i.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'must start with https:// or http://' });
        return;
      }
      const checked = checkUrl(value, allowInternalHosts);
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.reason });
    });
}
