import { type Dispatcher, request } from 'undici';

/** What {@link boundedGetJson} found at a URL. */
export type BoundedGetResult =
  | { ok: true; status: number; json: unknown }
  | {
      ok: false;
      code: 'unreachable' | 'timeout' | 'too_large' | 'not_json';
      status?: number;
      message: string;
    };

/**
 * GET a small JSON document with a deadline for the whole exchange and a cap on its size, so a
 * slow or hostile server can neither hang nor flood the caller. Failures are values.
 *
 * @example
 * ```ts
 * const got = await boundedGetJson('https://seller.example/metadata', { timeoutMs: 4000, maxBytes: 256 * 1024 });
 * if (got.ok && got.status === 200) console.log(got.json);
 * ```
 */
export async function boundedGetJson(
  url: string,
  options: { timeoutMs: number; maxBytes: number; dispatcher?: Dispatcher },
): Promise<BoundedGetResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let text: string;
  let status: number;
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    status = res.statusCode;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        res.body.destroy();
        return {
          ok: false,
          code: 'too_large',
          status,
          message: `${url} answered more than ${options.maxBytes} bytes`,
        };
      }
      chunks.push(chunk as Buffer);
    }
    text = Buffer.concat(chunks, size).toString('utf8');
  } catch (error) {
    if (signal.aborted || /TIMEOUT/.test(String((error as { code?: unknown }).code))) {
      return { ok: false, code: 'timeout', message: `${url} did not answer within ${options.timeoutMs} ms` };
    }
    return { ok: false, code: 'unreachable', message: `${url} could not be reached: ${describe(error)}` };
  }
  try {
    return { ok: true, status, json: JSON.parse(text) };
  } catch {
    return { ok: false, code: 'not_json', status, message: `${url} answered HTTP ${status} without JSON` };
  }
}

/** The most telling message of a network error (undici hides the reason in `cause`). */
export function describe(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
