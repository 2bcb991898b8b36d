/** What {@link passThrough} hands over when the body is done. */
export interface PassThroughEnd {
  /** Whether every byte reached the client (false: the provider broke off or the client left). */
  complete: boolean;
  /** The whole body, when it was asked for and fit in `captureBytes`; otherwise `null`. */
  body: Uint8Array | null;
}

/**
 * Passes a provider's body on chunk by chunk, pulled only as fast as the client reads (nothing
 * is read ahead or buffered), optionally keeping a copy of up to `captureBytes` bytes for an
 * idempotent replay. `onEnd` runs exactly once: at the end, on an upstream error, or when the
 * client cancels (which also cancels the upstream body).
 *
 * @example
 * ```ts
 * const body = passThrough(upstream.body, { captureBytes: 1 << 20, onEnd: ({ body }) => store(body) });
 * return new Response(body, { status: upstream.status });
 * ```
 */
export function passThrough(
  source: ReadableStream<Uint8Array> | null,
  options: { captureBytes: number; onEnd: (end: PassThroughEnd) => void },
): ReadableStream<Uint8Array> | null {
  let chunks: Uint8Array[] | null = options.captureBytes > 0 ? [] : null;
  let size = 0;
  let ended = false;
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    options.onEnd({ complete, body: complete && chunks ? concat(chunks, size) : null });
  };
  if (!source) {
    end(true);
    return null;
  }
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (error) {
          end(false);
          controller.error(error);
          return;
        }
        if (next.done) {
          end(true);
          controller.close();
          return;
        }
        if (chunks) {
          size += next.value.byteLength;
          if (size > options.captureBytes) chunks = null;
          else chunks.push(next.value);
        }
        controller.enqueue(next.value);
      },
      async cancel(reason) {
        end(false);
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
