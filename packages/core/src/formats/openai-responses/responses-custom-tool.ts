/**
 * Responses freeform (`type: "custom"`) tools, such as Codex CLI's `apply_patch`, as the IR
 * carries them: a function tool with one string parameter `input`, the degradation other
 * gateways use. Their calls' raw text becomes the arguments `{"input": "<text>"}`.
 */
import type { CodecContext } from '../codec.js';
import type { IrTool } from '../ir.js';

/** The one parameter a degraded custom tool takes. */
export const CUSTOM_TOOL_INPUT = 'input';

/**
 * A custom tool as an IR function tool taking `{ input: string }`. Its grammar or other `format`
 * cannot be enforced by a function tool, so a warning says it is no longer enforced.
 *
 * @example
 * ```ts
 * customToolToIr({ name: 'apply_patch', description: 'Edit files' }, 'tools.2', ctx);
 * // → { name: 'apply_patch', description: 'Edit files',
 * //     parameters: { type: 'object', properties: { input: { type: 'string', … } }, required: ['input'], … } }
 * ```
 */
export function customToolToIr(
  tool: { name: string; description?: string | null; format?: { type: string } | null },
  path: string,
  ctx: CodecContext,
): IrTool {
  const ir: IrTool = {
    name: tool.name,
    parameters: {
      type: 'object',
      properties: {
        [CUSTOM_TOOL_INPUT]: { type: 'string', description: `The raw input of the ${tool.name} tool.` },
      },
      required: [CUSTOM_TOOL_INPUT],
      additionalProperties: false,
    },
  };
  if (tool.description != null) ir.description = tool.description;
  ctx.warn({
    code: 'changed_value',
    path,
    message:
      tool.format && tool.format.type !== 'text'
        ? `custom tool "${tool.name}" is sent as a function tool with one string parameter "${CUSTOM_TOOL_INPUT}"; its ${tool.format.type} format is not enforced`
        : `custom tool "${tool.name}" is sent as a function tool with one string parameter "${CUSTOM_TOOL_INPUT}"`,
  });
  return ir;
}

/**
 * The JSON arguments that stand for a custom tool call's raw input.
 *
 * @example
 * ```ts
 * customCallArguments('*** Begin Patch\n…'); // → '{"input":"*** Begin Patch\\n…"}'
 * ```
 */
export function customCallArguments(input: string): string {
  return JSON.stringify({ [CUSTOM_TOOL_INPUT]: input });
}
