/**
 * Images and files in the Responses format (`input_image`, `input_file`) ⇄ IR media sources.
 * Inline data travels as `data:` URLs on the wire and as base64 plus a media type in the IR.
 */
import type { IrFilePart, IrImagePart, IrMediaSource } from '../ir.js';

/** `{ mediaType, data }` of a base64 `data:` URL, or undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'application/octet-stream', data: match[3] ?? '' };
}

/** A base64 `data:` URL. */
export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The media type a file name suggests (`report.pdf` → `application/pdf`). */
export function mediaTypeForFilename(filename: string | undefined): string {
  const ext = filename?.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? 'application/pdf';
}

/** A file name for inline file data that came without one (the Responses API requires one). */
export function filenameForMediaType(mediaType: string): string {
  const ext = Object.entries(EXTENSION_TYPES).find(([, type]) => type === mediaType)?.[0];
  return ext ? `document.${ext}` : 'document';
}

/** The IR source of an `input_image` (`image_url` as URL or data URL, or `file_id`). */
export function imageSource(part: {
  image_url?: string | null;
  file_id?: string | null;
}): IrMediaSource | undefined {
  if (part.image_url) {
    const inline = parseDataUrl(part.image_url);
    return inline ? { type: 'base64', ...inline } : { type: 'url', url: part.image_url };
  }
  if (part.file_id) return { type: 'file', fileId: part.file_id };
  return undefined;
}

/** The IR source of an `input_file` (`file_data` as data URL or bare base64, `file_url`, or `file_id`). */
export function fileSource(part: {
  file_data?: string | null;
  file_url?: string | null;
  file_id?: string | null;
  filename?: string | null;
}): IrMediaSource | undefined {
  if (part.file_data) {
    const inline = parseDataUrl(part.file_data);
    if (inline) return { type: 'base64', ...inline };
    return {
      type: 'base64',
      mediaType: mediaTypeForFilename(part.filename ?? undefined),
      data: part.file_data,
    };
  }
  if (part.file_url) return { type: 'url', url: part.file_url };
  if (part.file_id) return { type: 'file', fileId: part.file_id };
  return undefined;
}

/** An IR image as an `input_image` part (`detail` is required by the API: `auto` when unknown). */
export function renderInputImage(part: IrImagePart): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'input_image' };
  const { source } = part;
  if (source.type === 'base64') out.image_url = toDataUrl(source.mediaType, source.data);
  else if (source.type === 'url') out.image_url = source.url;
  else out.file_id = source.fileId;
  out.detail = part.detail ?? 'auto';
  return out;
}

/** An IR file as an `input_file` part. */
export function renderInputFile(part: IrFilePart): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'input_file' };
  const { source } = part;
  if (source.type === 'base64') {
    out.file_data = toDataUrl(source.mediaType, source.data);
    out.filename = part.filename ?? filenameForMediaType(source.mediaType);
    return out;
  }
  if (source.type === 'url') out.file_url = source.url;
  else out.file_id = source.fileId;
  if (part.filename !== undefined) out.filename = part.filename;
  return out;
}
