/**
 * `data:` URLs, which Chat uses for inline images and files, to and from the IR's base64 source.
 */

/**
 * The media type and base64 payload of a base64 `data:` URL; undefined for anything else.
 *
 * @example
 * ```ts
 * parseDataUrl('data:image/png;base64,iVBORw0KGgo='); // { mediaType: 'image/png', data: 'iVBORw0KGgo=' }
 * parseDataUrl('https://example.com/a.png'); // undefined
 * ```
 */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'application/octet-stream', data: url.slice(match[0].length) };
}

/**
 * A base64 `data:` URL.
 *
 * @example
 * ```ts
 * toDataUrl('image/png', 'iVBORw0KGgo='); // 'data:image/png;base64,iVBORw0KGgo='
 * ```
 */
export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
