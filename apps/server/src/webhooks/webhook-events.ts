/** The events a webhook subscription can ask for, as the marketplace reference lists them. */
export const WEBHOOK_EVENTS = [
  'service.called',
  'payment.completed',
  'reputation.updated',
  'settlement.completed',
] as const;

/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
