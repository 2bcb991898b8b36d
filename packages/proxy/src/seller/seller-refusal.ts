import type { ServerResponse } from 'node:http';
import { type ApiFormat, renderError } from '@tollway/core';

/** An error answer the seller itself gives: status, stable code and a message a buyer can act on. */
export interface SellerRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Sends a refusal rendered in the request path's format (OpenAI's shape when the path has none).
 *
 * @example
 * ```ts
 * sendRefusal(res, 'anthropic-messages', { status: 404, code: 'model_not_offered', message: '…' });
 * ```
 */
export function sendRefusal(
  res: ServerResponse,
  format: ApiFormat | undefined,
  refusal: SellerRefusal,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(renderError({ format: format ?? 'openai-chat', ...refusal }));
  res.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
