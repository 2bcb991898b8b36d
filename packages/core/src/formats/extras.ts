import type { ApiFormat } from './api-format.js';
import type { CodecContext } from './codec.js';
import type { IrExtras } from './ir.js';

/**
 * The top-level fields of `body` that a codec does not map into the IR, kept so that a target
 * with a place for them can carry them.
 */
export function collectExtras(
  body: Record<string, unknown>,
  mappedKeys: ReadonlySet<string>,
  format: ApiFormat,
): IrExtras {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!mappedKeys.has(key) && value !== undefined) fields[key] = value;
  }
  return { format, fields };
}

/**
 * Copies the extras that the target accepts with the same name and meaning into `target`, and
 * warns about each one it drops. Fields already set on `target` win.
 */
export function carryExtras(
  extras: IrExtras,
  accepted: ReadonlySet<string>,
  target: Record<string, unknown>,
  ctx: CodecContext,
): void {
  for (const [key, value] of Object.entries(extras.fields)) {
    if (key in target) continue;
    if (accepted.has(key)) {
      target[key] = value;
    } else {
      ctx.warn({
        code: 'dropped_field',
        path: key,
        message: `"${key}" (${extras.format}) has no equivalent in the target format and was dropped`,
      });
    }
  }
}
