import { z } from 'zod';

/** PayPal's OAuth2 client-credentials token answer (`POST /v1/oauth2/token`). */
export const payPalTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
});

const moneySchema = z.object({ currency_code: z.string(), value: z.string() });

/** A capture inside an order's `purchase_units[].payments.captures[]`. */
export const payPalCaptureSchema = z.object({
  id: z.string(),
  status: z.string(),
  amount: moneySchema.optional(),
});

/** The parts of a PayPal Orders v2 order this package reads (unknown fields are kept out). */
export const payPalOrderSchema = z.object({
  id: z.string().min(1),
  status: z.enum([
    'CREATED',
    'SAVED',
    'APPROVED',
    'VOIDED',
    'COMPLETED',
    'PAYER_ACTION_REQUIRED',
    'PENDING_APPROVAL',
    'PARTIALLY_COMPLETED',
  ]),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().optional(),
        custom_id: z.string().optional(),
        amount: moneySchema.optional(),
        payments: z.object({ captures: z.array(payPalCaptureSchema).optional() }).optional(),
      }),
    )
    .optional(),
  links: z.array(z.object({ href: z.string(), rel: z.string(), method: z.string().optional() })).optional(),
});

/** A PayPal Orders v2 order, as parsed. */
export type PayPalOrder = z.output<typeof payPalOrderSchema>;

/** PayPal's error name from an error body (`{"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"ORDER_NOT_APPROVED"}]}`). */
export function payPalErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { name, details, error } = body as { name?: unknown; details?: unknown; error?: unknown };
  if (Array.isArray(details) && typeof details[0]?.issue === 'string') return details[0].issue;
  if (typeof name === 'string') return name;
  return typeof error === 'string' ? error : undefined;
}
