import { inputSchema, openApiPath } from './openapi.js';
import { type RegisteredRoute, ROLES_FOR_AUTH, type RouteRegistry } from './route-registry.js';

/**
 * A self-contained HTML page (no scripts, no CDN) listing every route by tag, with its method,
 * path, who may call it, and the fields of its query and body.
 *
 * @example
 * ```ts
 * app.get('/docs', (c) => c.html(renderDocsPage(registry, 'Tollway marketplace', '0.1.0')));
 * ```
 */
export function renderDocsPage(registry: RouteRegistry, title: string, version: string): string {
  const tags = new Map<string, RegisteredRoute[]>();
  for (const route of registry.routes) tags.set(route.tag, [...(tags.get(route.tag) ?? []), route]);
  const sections = [...tags]
    .map(
      ([tag, routes]) =>
        `<section><h2 id="${attr(tag)}">${text(tag)}</h2>${routes.map(renderRoute).join('\n')}</section>`,
    )
    .join('\n');
  const toc = [...tags.keys()].map((tag) => `<a href="#${attr(tag)}">${text(tag)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)} API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2.5rem}
.route{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}
.method{font:700 13px monospace;padding:.1rem .4rem;border-radius:4px;background:#ddf4ff;color:#0550ae}
.path{font:600 14px monospace;margin-left:.4rem}.auth{float:right;font-size:13px;color:#57606a}
table{border-collapse:collapse;margin:.4rem 0;font-size:14px}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}
code{font-size:13px}nav{margin:1rem 0}
</style></head><body>
<h1>${text(title)}</h1><p>Version ${text(version)} · <a href="/openapi.json">openapi.json</a> ·
authenticated routes take <code>Authorization: Bearer {key_id}:{secret}</code>; errors are
<code>{"detail": "..."}</code>.</p>
<nav>${toc}</nav>
${sections}
</body></html>`;
}

function renderRoute(route: RegisteredRoute): string {
  const auth =
    route.auth === 'none' ? 'no key needed' : `${ROLES_FOR_AUTH[route.auth].join(' / ')} key (${route.auth})`;
  const methods = route.methods.map((m) => `<span class="method">${m}</span>`).join(' ');
  return `<div class="route">${methods}<span class="path">${text(openApiPath(route.path))}</span>
<span class="auth">${text(auth)}</span><p>${text(route.summary)}</p>
${route.query ? fieldTable('Query', inputSchema(route.query)) : ''}${route.body ? fieldTable('Body', inputSchema(route.body)) : ''}</div>`;
}

function fieldTable(caption: string, schema: Record<string, unknown>): string {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([name, p]) =>
        `<tr><td><code>${text(name)}</code></td><td>${text(typeOf(p))}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${
          p.default === undefined ? '' : `<code>${text(JSON.stringify(p.default))}</code>`
        }</td><td>${text(String(p.description ?? ''))}</td></tr>`,
    )
    .join('');
  if (!rows) return '';
  return `<table><caption>${caption}</caption><tr><th>Field</th><th>Type</th><th>Required</th><th>Default</th><th>Description</th></tr>${rows}</table>`;
}

function typeOf(p: Record<string, unknown>): string {
  if (Array.isArray(p.enum)) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.type === 'array') return `${typeOf((p.items ?? {}) as Record<string, unknown>)}[]`;
  if (Array.isArray(p.anyOf)) return p.anyOf.map((s) => typeOf(s as Record<string, unknown>)).join(' | ');
  return typeof p.type === 'string' ? p.type : 'any';
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\s+/g, '-');
}
