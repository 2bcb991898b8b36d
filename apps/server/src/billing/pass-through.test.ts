import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PassThroughEnd, passThrough } from './pass-through.js';

function source(chunks: Uint8Array[], options: { failAfter?: number } = {}) {
  let sent = 0;
  let cancelled: unknown = 'not cancelled';
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (options.failAfter !== undefined && sent === options.failAfter) {
          controller.error(new Error('provider broke off'));
          return;
        }
        const next = chunks[sent++];
        if (next) controller.enqueue(next);
        else controller.close();
      },
      cancel(reason) {
        cancelled = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => sent, cancelled: () => cancelled };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(chunk);
  return out;
}

describe('passThrough', () => {
  it('passes every chunk unchanged and captures the body when it fits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 50 }), { maxLength: 20 }),
        fc.nat(600),
        async (chunks, cap) => {
          const ends: PassThroughEnd[] = [];
          const out = await readAll(
            passThrough(source(chunks).stream, { captureBytes: cap, onEnd: (e) => ends.push(e) })!,
          );
          const size = chunks.reduce((n, c) => n + c.byteLength, 0);
          expect(out).toEqual(chunks);
          expect(ends).toHaveLength(1);
          expect(ends[0]!.complete).toBe(true);
          expect(ends[0]!.body).toEqual(
            cap > 0 && size <= cap ? new Uint8Array(chunks.flatMap((c) => [...c])) : null,
          );
        },
      ),
    );
  });

  it('reads from the provider only as the client reads, and cancels the provider when the client leaves', async () => {
    const src = source([new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]);
    const ends: PassThroughEnd[] = [];
    const reader = passThrough(src.stream, { captureBytes: 100, onEnd: (e) => ends.push(e) })!.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    expect(src.pulled()).toBe(1);
    await reader.cancel('client left');
    expect(src.cancelled()).toBe('client left');
    expect(ends).toEqual([{ complete: false, body: null }]);
  });

  it('ends incomplete when the provider breaks off mid-body', async () => {
    const ends: PassThroughEnd[] = [];
    const stream = passThrough(source([new Uint8Array([1]), new Uint8Array([2])], { failAfter: 1 }).stream, {
      captureBytes: 100,
      onEnd: (e) => ends.push(e),
    })!;
    await expect(readAll(stream)).rejects.toThrow('provider broke off');
    expect(ends).toEqual([{ complete: false, body: null }]);
  });

  it('ends at once for an answer without a body', () => {
    const ends: PassThroughEnd[] = [];
    expect(passThrough(null, { captureBytes: 10, onEnd: (e) => ends.push(e) })).toBeNull();
    expect(ends).toEqual([{ complete: true, body: new Uint8Array(0) }]);
  });
});
