import { z } from 'zod';
import type { RegisteredRoute, RouteRegistry } from './route-registry.js';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document of every declared route, built from their zod schemas.
 *
 * @example
 * ```ts
 * const doc = buildOpenApi(registry, { title: 'Tollway marketplace', version: '0.1.0' });
 * doc.paths['/api/v1/keys'].post.summary; // 'Create an API key'
 * ```
 */
export function buildOpenApi(registry: RouteRegistry, info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    for (const method of route.methods) {
      paths[path][method.toLowerCase()] = operation(route);
    }
  }
  return {
    openapi: '3.1.0',
    info,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer {key_id}:{secret}' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: { detail: { type: 'string' } },
          required: ['detail'],
        },
      },
    },
    paths,
  };
}

/** `/a/:id/*` → `/a/{id}/{path}`; `:name{regex}` → `{name}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/\/\*$/, '/{path}');
}

/** A zod schema as JSON Schema of its input (what a client sends). */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function operation(route: RegisteredRoute): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const name of pathParams(route.path)) {
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  if (route.query) {
    const schema = inputSchema(route.query);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }
  const op: Record<string, unknown> = {
    summary: route.summary,
    tags: [route.tag],
    'x-auth': route.auth,
    parameters,
    responses: {
      [String(route.status)]: {
        description: 'Success',
        ...(route.response
          ? {
              content: {
                'application/json': {
                  schema: z.toJSONSchema(route.response, { io: 'output', unrepresentable: 'any' }),
                },
              },
            }
          : {}),
      },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
  if (route.auth !== 'none') op.security = [{ apiKey: [] }];
  if (route.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: inputSchema(route.body) } } };
  }
  return op;
}

function pathParams(path: string): string[] {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return path.endsWith('/*') ? [...names, 'path'] : names;
}
