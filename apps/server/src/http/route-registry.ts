import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { type ApiKey, type KeyRole, parseBearer, verifyKey } from '../auth/api-key.js';
import type { AppContext, AppEnv } from './app-env.js';
import { HttpError } from './http-error.js';
import { validationError } from './validation-error.js';

/** HTTP methods a route may answer. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `none`: anyone (a valid key, when sent, is still passed to the handler);
 * `key`: any valid key; `buyer`, `provider`, `admin`: see {@link ROLES_FOR_AUTH}. Ownership
 * ("owner only") is checked by the handler.
 */
export type RouteAuth = 'none' | 'key' | 'buyer' | 'provider' | 'admin';

/** The key roles each authenticated route level admits. */
export const ROLES_FOR_AUTH: Record<Exclude<RouteAuth, 'none'>, readonly KeyRole[]> = {
  key: ['buyer', 'provider', 'admin'],
  buyer: ['buyer', 'provider'],
  provider: ['provider', 'admin'],
  admin: ['admin'],
};

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route handler receives: the parsed request parts and the caller's key. */
export interface RouteContext<B, Q, P, A extends RouteAuth> {
  /** The Hono context, for headers, the raw request and building the response. */
  c: AppContext;
  body: Output<B>;
  query: Output<Q>;
  params: P extends z.ZodType ? z.output<P> : Record<string, string>;
  /** The authenticated key; on `auth: 'none'` routes the key sent, if valid, else `null`. */
  key: A extends 'none' ? ApiKey | null : ApiKey;
  requestId: string;
}

/** The declaration of one route. Paths use Hono's syntax (`/api/v1/services/:service_id`). */
export interface RouteSpec<B, Q, P, A extends RouteAuth> {
  method: RouteMethod | readonly RouteMethod[];
  path: string;
  summary: string;
  /** Groups routes on the docs page and in OpenAPI (`Keys`, `Services`, …). */
  tag: string;
  auth: A;
  /** The JSON body schema; a route without one never reads the body. */
  body?: B;
  query?: Q;
  params?: P;
  /** The success body's schema (documentation, and checked in tests). */
  response?: z.ZodType;
  /** The success status (default 200), for the documentation. */
  status?: number;
  /** Overrides the server's body size limit for this route. */
  bodyLimitBytes?: number;
  handler: (ctx: RouteContext<B, Q, P, A>) => Response | Promise<Response>;
}

/** A declared route as the registry keeps it (for OpenAPI, the docs page and tests). */
export interface RegisteredRoute {
  methods: readonly RouteMethod[];
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
  status: number;
  bodyLimitBytes?: number;
  /** Called with the {@link RouteContext} its declaration typed. */
  handler: (ctx: never) => Response | Promise<Response>;
}

/**
 * Every route of the app, declared once: mounted on Hono, listed in `/openapi.json` and
 * `/docs`, and enumerable by tests.
 *
 * @example
 * ```ts
 * registry.add({
 *   method: 'GET', path: '/api/v1/things/:id', summary: 'Get a thing', tag: 'Things', auth: 'key',
 *   query: z.object({ verbose: queryBool().optional() }),
 *   handler: async ({ c, params, key }) => c.json({ id: params.id, owner: key.ownerId }),
 * });
 * ```
 */
export class RouteRegistry {
  readonly #routes: RegisteredRoute[] = [];

  /** Declares a route. Two routes with the same method and path are an error. */
  add<
    A extends RouteAuth,
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
  >(spec: RouteSpec<B, Q, P, A>): void {
    const methods = typeof spec.method === 'string' ? [spec.method] : spec.method;
    for (const existing of this.#routes) {
      if (existing.path === spec.path && existing.methods.some((m) => methods.includes(m))) {
        throw new Error(`route ${methods.join(',')} ${spec.path} is declared twice`);
      }
    }
    this.#routes.push({
      ...(spec as unknown as RegisteredRoute),
      methods,
      status: spec.status ?? 200,
    });
  }

  /** Every declared route, in declaration order. */
  get routes(): readonly RegisteredRoute[] {
    return this.#routes;
  }
}

/** Mounts every declared route on the Hono app, each wrapped in body limit, auth, rate limit and validation. */
export function mountRoutes(app: Hono<AppEnv>, registry: RouteRegistry, deps: AppDeps): void {
  for (const route of registry.routes) {
    const limit = bodyLimit({
      maxSize: route.bodyLimitBytes ?? deps.config.bodyLimitBytes,
      onError: () => {
        // The rest of the body is never read, so the connection cannot carry another request.
        throw new HttpError(413, 'Request body too large', { headers: { Connection: 'close' } });
      },
    });
    app.on([...route.methods], route.path, limit, (c) => handle(c, route, deps));
  }
}

async function handle(c: AppContext, route: RegisteredRoute, deps: AppDeps): Promise<Response> {
  const key = await authenticate(c, route.auth, deps);
  if (key) {
    const decision = await deps.rateLimiter.takeKey(key.keyId, key.rateLimit);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
  }
  const params = parsePart('path', route.params, c.req.param());
  const query = parsePart('query', route.query, c.req.query());
  const body = route.body ? parsePart('body', route.body, await readJson(c)) : undefined;
  const context = { c, body, query, params, key, requestId: c.get('requestId') };
  const response = await route.handler(context as never);
  if (deps.config.validateResponses && route.response && response.ok) {
    await checkResponse(route, response);
  }
  return response;
}

/**
 * The 429 every rate limit answers with.
 *
 * @example
 * ```ts
 * throw rateLimited(12); // 429, Retry-After: 12
 * ```
 */
export function rateLimited(retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'Rate limit exceeded. Try again later.', {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

async function authenticate(c: AppContext, auth: RouteAuth, deps: AppDeps): Promise<ApiKey | null> {
  const header = c.req.header('authorization');
  if (!header) {
    if (auth === 'none') return null;
    throw new HttpError(401, 'Missing API key: send Authorization: Bearer {key_id}:{secret}', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  const credentials = parseBearer(header);
  const result = credentials
    ? await verifyKey(deps.db, credentials.keyId, credentials.secret, new Date(deps.now()))
    : ({ ok: false, reason: 'malformed' } as const);
  if (!result.ok) {
    if (auth === 'none') return null;
    const detail = result.reason === 'revoked' ? 'API key has been revoked' : 'Invalid API key';
    throw new HttpError(401, detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  if (auth !== 'none' && !ROLES_FOR_AUTH[auth].includes(result.key.role)) {
    throw new HttpError(403, `Requires a ${ROLES_FOR_AUTH[auth].join(' or ')} API key`);
  }
  return result.key;
}

function parsePart(where: 'body' | 'query' | 'path', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(where, parsed.error);
  return parsed.data;
}

async function readJson(c: AppContext): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body: JSON decode error', {
      extra: { errors: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] },
    });
  }
}

async function checkResponse(route: RegisteredRoute, response: Response): Promise<void> {
  if (!response.headers.get('content-type')?.includes('application/json')) return;
  const parsed = route.response!.safeParse(await response.clone().json());
  if (!parsed.success) {
    throw new Error(
      `${route.methods.join(',')} ${route.path} answered a body that does not match its response schema: ${parsed.error.message}`,
    );
  }
}
