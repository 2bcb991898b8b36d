/**
 * A Responses response body (`object: "response"`) → IR response.
 */
import type { CodecContext, Result } from '../codec.js';
import type { IrAssistantPart, IrResponse, IrTextPart } from '../ir.js';
import { parseWith } from '../zod-result.js';
import { stopReasonFromResponses } from './map-responses-stop-reason.js';
import { reasoningItemToIr } from './responses-reasoning.js';
import { type ResponsesOutputItem, responsesResponseSchema } from './responses-schema.js';
import { usageFromResponses } from './responses-usage.js';

/**
 * Parses a whole Responses response into the IR: message items give text and refusal parts (one
 * per content part), function calls give tool calls (`call_id` as the id, the `fc_…` item id
 * kept), reasoning items give thinking. Output items of other types (hosted tool calls) are
 * dropped with a warning. A body that is not a response is an `invalid_response` error value.
 *
 * @example
 * ```ts
 * const result = parseResponsesResponse(await res.json(), ctx);
 * if (result.ok) console.log(result.value.stopReason, result.value.usage);
 * ```
 */
export function parseResponsesResponse(body: unknown, ctx: CodecContext): Result<IrResponse> {
  const parsed = parseWith(responsesResponseSchema, body, 'invalid_response');
  if (!parsed.ok) return parsed;
  const res = parsed.value;
  const content = outputToIr(res.output, 'output', ctx);
  const hasToolCalls = content.some((p) => p.type === 'tool_call');
  const ir: IrResponse = {
    id: res.id,
    model: res.model,
    content,
    stopReason: stopReasonFromResponses(res.status, res.incomplete_details?.reason, hasToolCalls),
    usage: usageFromResponses(res.usage),
  };
  if (res.created_at != null) ir.created = res.created_at;
  return { ok: true, value: ir };
}

/** The IR parts of a list of output items, in order. */
function outputToIr(output: ResponsesOutputItem[], path: string, ctx: CodecContext): IrAssistantPart[] {
  const parts: IrAssistantPart[] = [];
  for (const [i, item] of output.entries()) {
    switch (item.kind) {
      case 'message':
        for (const [j, part] of item.value.content.entries()) {
          if (part.kind === 'output_text') {
            const text: IrTextPart = { type: 'text', text: part.value.text };
            if (part.value.annotations && part.value.annotations.length > 0)
              text.citations = part.value.annotations;
            parts.push(text);
          } else if (part.kind === 'refusal') {
            parts.push({ type: 'refusal', text: part.value.refusal });
          } else {
            ctx.warn({
              code: 'dropped_content',
              path: `${path}.${i}.content.${j}`,
              message: `message content of type "${part.kind === 'unknown' ? part.type : part.kind}" was dropped`,
            });
          }
        }
        break;
      case 'function_call': {
        const call = item.value;
        parts.push({
          type: 'tool_call',
          id: call.call_id,
          ...(call.id ? { itemId: call.id } : {}),
          name: call.name,
          arguments: call.arguments.trim() === '' ? '{}' : call.arguments,
        });
        break;
      }
      case 'reasoning': {
        const part = reasoningItemToIr(item.value);
        if (part) parts.push(part);
        break;
      }
      default:
        ctx.warn({
          code: 'dropped_content',
          path: `${path}.${i}`,
          message: `output item of type "${item.type}" exists only on OpenAI Responses and was dropped`,
        });
    }
  }
  return parts;
}
