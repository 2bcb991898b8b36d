import type { z } from 'zod';
import { PaymentProviderError } from '../errors/payment-provider-error.js';

/** A `fetch` with the global signature (tests and servers may pass their own). */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** One JSON call to a payment provider. */
export interface ProviderRequest<S extends z.ZodType> {
  /** Shown in error messages: `PayPal`, `NOWPayments`. */
  provider: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent as is (already JSON or form text). */
  body?: string;
  /** The documented success body. */
  schema: S;
  fetch: FetchLike;
  timeoutMs: number;
  /** Reads the provider's own error name from an error body. */
  errorCode: (body: unknown) => string | undefined;
}

/** Largest provider answer read (their bodies are a few kilobytes). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Calls a provider's JSON API with a timeout and parses the answer with `schema`; every failure
 * is a {@link PaymentProviderError}. Internal to the PayPal and NOWPayments adapters.
 */
export async function providerRequest<S extends z.ZodType>(
  request: ProviderRequest<S>,
): Promise<z.output<S>> {
  const { provider } = request;
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (cause) {
    throw new PaymentProviderError('provider_unreachable', `${provider} could not be reached`, { cause });
  }
  let body: unknown;
  try {
    const text = await response.text();
    if (text.length > MAX_BODY_BYTES) throw new Error('answer too large');
    body = text === '' ? undefined : JSON.parse(text);
  } catch (cause) {
    if (!response.ok) body = undefined;
    else {
      throw new PaymentProviderError(
        'provider_invalid_response',
        `${provider} answered something that is not JSON`,
        {
          status: response.status,
          cause,
        },
      );
    }
  }
  if (!response.ok) {
    const providerCode = request.errorCode(body);
    const code =
      response.status === 401 || response.status === 403 ? 'provider_auth_failed' : 'provider_rejected';
    throw new PaymentProviderError(
      code,
      `${provider} answered HTTP ${response.status}${providerCode ? ` (${providerCode})` : ''}`,
      { status: response.status, ...(providerCode ? { providerCode } : {}) },
    );
  }
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    throw new PaymentProviderError('provider_invalid_response', `${provider} answered an unexpected body`, {
      status: response.status,
      details: parsed.error.message,
    });
  }
  return parsed.data;
}

/** `https://api.example.com/` + `/v1/x` without a double slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
