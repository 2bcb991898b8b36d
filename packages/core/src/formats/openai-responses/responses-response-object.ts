/**
 * The `Response` object (`object: "response"`) that whole responses and the lifecycle stream
 * events (`response.created`, `response.completed`, …) carry, with every field the API sends.
 * Fields that describe the request (instructions, tools, sampling settings) are unknown to a
 * translated response and carry their "not set" values.
 */

/** What varies between the response objects Tollway renders. */
export interface ResponseObjectInput {
  id: string;
  model: string;
  createdAt: number;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: unknown[];
  usage: Record<string, unknown> | null;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
}

/** A complete Responses `Response` object. */
export function responseObject(input: ResponseObjectInput): Record<string, unknown> {
  return {
    id: input.id,
    object: 'response',
    created_at: input.createdAt,
    status: input.status,
    background: false,
    error: input.error ?? null,
    incomplete_details: input.incompleteDetails ?? null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: input.model,
    output: input.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: input.usage,
    user: null,
    metadata: {},
  };
}
