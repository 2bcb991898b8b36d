import type { IncomingMessage } from 'node:http';
import { TollwayError } from '@tollway/core';

/**
 * A request body over the size limit. `status` is 413; the servers render it in the caller's
 * format with code `body_too_large`.
 */
export class BodyTooLargeError extends TollwayError {
  override readonly name = 'BodyTooLargeError';
  readonly status = 413;

  constructor(readonly limitBytes: number) {
    super('body_too_large', `The request body is larger than ${limitBytes} bytes.`, {
      details: 'Raise the limit with --body-limit-mb (or the embedding option bodyLimitBytes).',
    });
  }
}

/**
 * Reads a whole request body, refusing it as soon as it passes `limitBytes` (checked against
 * `content-length` first, then against the bytes actually received).
 *
 * @example
 * ```ts
 * const body = await readBody(req, 64 * 1024 * 1024); // Buffer, or throws BodyTooLargeError
 * ```
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new BodyTooLargeError(limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      req.resume();
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
