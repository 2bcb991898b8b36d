import type { ServerResponse } from 'node:http';
import { type ApiFormat, renderError, type SseEvent, serializeSse, translateStream } from '@tollway/core';

/** How often a silent stream gets a `: keep-alive` comment once keep-alives have started. */
const KEEP_ALIVE_EVERY_MS = 10_000;

/** An error as the proxy answers it. */
export interface ClientError {
  status: number;
  code: string;
  message: string;
  param?: string | undefined;
}

/**
 * The answer to one client request, in the client's format: JSON bodies, or an SSE stream
 * with keep-alive comments while the first event is slow. Once the stream is committed (status
 * 200 sent), errors become the format's terminal error event instead of an HTTP status.
 */
export class ClientResponse {
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private lastWriteAt = 0;
  /** The HTTP status sent, once headers are out. */
  status: number | undefined;
  /** When the first byte of the answer itself (not a keep-alive comment) was written. */
  firstByteAt: number | undefined;
  private corked = false;

  constructor(
    private readonly res: ServerResponse,
    readonly requestId: string,
    readonly format: ApiFormat,
    private readonly startedAt: number,
  ) {
    res.setHeader('x-request-id', requestId);
  }

  /** Whether the status line is out (a stream has started). */
  get committed(): boolean {
    return this.res.headersSent;
  }

  /** A whole JSON answer, with the proxy's latency header. */
  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.stopKeepAlive();
    if (this.committed) return;
    const text = JSON.stringify(body);
    this.status = status;
    this.firstByteAt ??= Date.now();
    this.res.writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-antseed-latency-ms': String(Date.now() - this.startedAt),
    });
    this.res.end(text);
  }

  /** A plain-text answer (the Prometheus exposition at `/metrics`). */
  text(status: number, body: string, contentType: string): void {
    if (this.committed) return;
    this.status = status;
    this.firstByteAt ??= Date.now();
    this.res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    this.res.end(body);
  }

  /**
   * An error in the client's format: a JSON body with its status, or, on a committed stream,
   * the format's terminal error event.
   */
  async error(error: ClientError): Promise<void> {
    if (!this.committed) {
      this.json(error.status, renderError({ format: this.format, ...withParam(error) }));
      return;
    }
    // A one-event Chat error stream translated into the client's format gives its proper
    // terminal error event (Anthropic `error`, Responses `response.failed`, Chat error chunk).
    const data = JSON.stringify(renderError({ format: 'openai-chat', ...withParam(error) }));
    for await (const event of translateStream({ from: 'openai-chat', to: this.format, events: [{ data }] })) {
      await this.event(event);
    }
    this.end();
  }

  /** Sends the SSE status line and headers, if not yet sent. */
  startStream(): void {
    if (this.committed) return;
    this.status = 200;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.flushHeaders();
  }

  /**
   * After `afterMs` without an event, commits the stream and sends `: keep-alive` comments
   * (then every 10 s of silence), so clients waiting for a slow first byte do not time out.
   */
  keepAliveAfter(afterMs: number): void {
    this.stopKeepAlive();
    this.lastWriteAt = Date.now();
    const tick = (delay: number) => {
      this.keepAliveTimer = setTimeout(() => {
        const silentFor = Date.now() - this.lastWriteAt;
        if (silentFor + 5 >= delay) {
          this.startStream();
          this.write(': keep-alive\n\n');
        }
        tick(KEEP_ALIVE_EVERY_MS);
      }, delay);
      this.keepAliveTimer.unref();
    };
    tick(afterMs);
  }

  stopKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }

  /** Writes one event, waiting when the client reads slower than the stream arrives. */
  async event(event: SseEvent): Promise<void> {
    this.startStream();
    this.firstByteAt ??= Date.now();
    if (!this.write(serializeSse(event))) await this.drained();
  }

  end(): void {
    this.stopKeepAlive();
    if (!this.res.writableEnded) this.res.end();
  }

  private write(text: string): boolean {
    this.lastWriteAt = Date.now();
    if (this.res.writableEnded || this.res.destroyed) return true;
    // The events of one upstream chunk are translated in one run of microtasks: corking until
    // that run is over sends them in one write instead of one system call per event.
    if (!this.corked) {
      this.corked = true;
      this.res.cork();
      process.nextTick(() => {
        this.corked = false;
        this.res.uncork();
      });
    }
    return this.res.write(text);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}

function withParam(error: ClientError): { status: number; code: string; message: string; param?: string } {
  const { status, code, message, param } = error;
  return param === undefined ? { status, code, message } : { status, code, message, param };
}
