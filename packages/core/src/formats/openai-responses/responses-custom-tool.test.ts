import { describe, expect, it } from 'vitest';
import { parseResponsesRequest } from './parse-responses-request.js';
import { customCallArguments, customToolToIr } from './responses-custom-tool.js';
import { testContext } from './responses-test-helpers.js';

describe('custom (freeform) tools', () => {
  it('become a function tool with one string "input", with a warning naming the unenforced grammar', () => {
    const ctx = testContext();
    const tool = customToolToIr(
      { name: 'apply_patch', description: 'Edit files', format: { type: 'grammar' } },
      'tools.0',
      ctx,
    );
    expect(tool).toEqual({
      name: 'apply_patch',
      description: 'Edit files',
      parameters: {
        type: 'object',
        properties: { input: { type: 'string', description: 'The raw input of the apply_patch tool.' } },
        required: ['input'],
        additionalProperties: false,
      },
    });
    expect(ctx.warnings).toEqual([
      expect.objectContaining({
        code: 'changed_value',
        path: 'tools.0',
        message: expect.stringContaining('grammar'),
      }),
    ]);
  });

  it('wrap raw input as JSON arguments', () => {
    expect(JSON.parse(customCallArguments('*** Begin Patch\n"é"\n'))).toEqual({
      input: '*** Begin Patch\n"é"\n',
    });
  });

  it('parse custom_tool_call / custom_tool_call_output items and a custom tool_choice', () => {
    const ctx = testContext();
    const result = parseResponsesRequest(
      {
        model: 'gpt-5-codex',
        tools: [
          {
            type: 'custom',
            name: 'apply_patch',
            format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
          },
        ],
        tool_choice: { type: 'custom', name: 'apply_patch' },
        input: [
          { type: 'message', role: 'user', content: 'Patch it' },
          { type: 'custom_tool_call', call_id: 'call_1', name: 'apply_patch', input: '*** Begin Patch\n' },
          { type: 'custom_tool_call_output', call_id: 'call_1', output: 'Success.' },
        ],
      },
      ctx,
    );
    if (!result.ok) throw result.error;
    expect(result.value.toolChoice).toEqual({ type: 'tool', name: 'apply_patch' });
    expect(result.value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_call',
            id: 'call_1',
            name: 'apply_patch',
            arguments: '{"input":"*** Begin Patch\\n"}',
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            callId: 'call_1',
            content: [{ type: 'text', text: 'Success.' }],
            contentIsString: true,
          },
        ],
      },
    ]);
  });
});
