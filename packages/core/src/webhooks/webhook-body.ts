/** Arguments of {@link webhookBody}. */
export interface WebhookBodyInput {
  /** Event name: `service.called`, `payment.completed`, `reputation.updated`, `settlement.completed`. */
  event: string;
  /**
   * The event's data; it must survive `JSON.stringify` (a bigint must be turned into a string
   * first, with `formatUsdc` for amounts). `undefined` is sent as `null`.
   */
  payload: unknown;
  /** When the event happened, ISO 8601 (`2026-03-19T10:00:01+00:00`). */
  timestamp: string;
  /** The delivery's id; the same on every retry of one delivery, so receivers can drop duplicates. */
  webhookId: string;
}

/**
 * The exact JSON text of a webhook delivery, `{"event","payload","timestamp","webhook_id"}` in
 * that order, as the marketplace sends it. Sign and send this very string: the signatures cover
 * its bytes, so re-serialising it on the way would break them.
 *
 * @example
 * ```ts
 * webhookBody({ event: 'service.called', payload: { status_code: 200 }, timestamp: '2026-03-19T10:00:01+00:00', webhookId: 'wh-1' });
 * // '{"event":"service.called","payload":{"status_code":200},"timestamp":"2026-03-19T10:00:01+00:00","webhook_id":"wh-1"}'
 * ```
 */
export function webhookBody(input: WebhookBodyInput): string {
  return JSON.stringify({
    event: input.event,
    payload: input.payload === undefined ? null : input.payload,
    timestamp: input.timestamp,
    webhook_id: input.webhookId,
  });
}
