import type { Context } from 'hono';

/** The Hono environment of the marketplace app: what middleware stores on each request. */
export interface AppEnv {
  Variables: {
    /** The request's id, echoed in the `X-Request-ID` response header. */
    requestId: string;
    /** The client address rate limits count against. */
    clientIp: string;
  };
}

/** A Hono context of the marketplace app. */
export type AppContext = Context<AppEnv>;
