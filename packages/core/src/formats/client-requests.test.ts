// Request bodies exactly as real clients send them (Claude Code, Codex CLI, the OpenAI SDK /
// LangChain), translated to the other two formats: the result must be a body the target API
// accepts, every loss must be a warning, and a round trip must keep the conversation.
import { describe, expect, it } from 'vitest';
import type { ApiFormat } from './api-format.js';
import type { TranslationWarning } from './codec.js';
import { codecFor, createContext } from './codecs.js';
import type { IrRequest } from './ir.js';
import { translateRequest } from './translate-request.js';

type Body = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected loosely
type Any = any;

// ── Claude Code (Anthropic Messages) ─────────────────────────────────────────

const SMALL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const CLAUDE_CODE_SYSTEM_PROMPT =
  'You are Claude Code, an interactive CLI tool that helps users with software engineering tasks. ' +
  'Use the instructions below and the tools available to you to assist the user.\n\n' +
  'IMPORTANT: Assist with defensive security tasks only. Refuse to create, modify, or improve code that may be used maliciously.\n' +
  '# Tone and style\nYou should be concise, direct, and to the point. Réponds en français si on te parle en français. 日本語も可。\n' +
  '# Doing tasks\n- Use the TodoWrite tool to plan the task if required\n- Use the available search tools to understand the codebase';

function jsonSchema(properties: Record<string, unknown>, required: string[]): Body {
  return {
    type: 'object',
    properties,
    required,
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  };
}

const CLAUDE_CODE_TOOLS = [
  {
    name: 'Bash',
    description:
      'Executes a given bash command in a persistent shell session with optional timeout, ensuring proper handling and security measures.',
    input_schema: jsonSchema(
      {
        command: { type: 'string', description: 'The command to execute' },
        timeout: { type: 'number', description: 'Optional timeout in milliseconds (max 600000)' },
        description: {
          type: 'string',
          description: 'Clear, concise description of what this command does in 5-10 words.',
        },
        run_in_background: {
          type: 'boolean',
          description: 'Set to true to run this command in the background.',
        },
      },
      ['command'],
    ),
  },
  {
    name: 'Read',
    description:
      'Reads a file from the local filesystem. You can access any file directly by using this tool.',
    input_schema: jsonSchema(
      {
        file_path: { type: 'string', description: 'The absolute path to the file to read' },
        offset: { type: 'number', description: 'The line number to start reading from' },
        limit: { type: 'number', description: 'The number of lines to read' },
      },
      ['file_path'],
    ),
  },
  {
    name: 'Edit',
    description: 'Performs exact string replacements in files.',
    input_schema: jsonSchema(
      {
        file_path: { type: 'string', description: 'The absolute path to the file to modify' },
        old_string: { type: 'string', description: 'The text to replace' },
        new_string: {
          type: 'string',
          description: 'The text to replace it with (must be different from old_string)',
        },
        replace_all: {
          type: 'boolean',
          default: false,
          description: 'Replace all occurences of old_string (default false)',
        },
      },
      ['file_path', 'old_string', 'new_string'],
    ),
  },
  {
    name: 'Grep',
    description: 'A powerful search tool built on ripgrep',
    input_schema: jsonSchema(
      {
        pattern: {
          type: 'string',
          description: 'The regular expression pattern to search for in file contents',
        },
        path: {
          type: 'string',
          description: 'File or directory to search in (rg PATH). Defaults to current working directory.',
        },
        output_mode: {
          type: 'string',
          enum: ['content', 'files_with_matches', 'count'],
          description: 'Output mode. Defaults to "files_with_matches".',
        },
        '-i': { type: 'boolean', description: 'Case insensitive search (rg -i)' },
        head_limit: { type: 'number', description: 'Limit output to first N lines/entries' },
      },
      ['pattern'],
    ),
  },
  {
    name: 'TodoWrite',
    description: 'Use this tool to create and manage a structured task list for your current coding session.',
    input_schema: jsonSchema(
      {
        todos: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              content: { type: 'string', minLength: 1 },
              status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
              activeForm: { type: 'string', minLength: 1 },
            },
            required: ['content', 'status', 'activeForm'],
            additionalProperties: false,
          },
          description: 'The updated todo list',
        },
      },
      ['todos'],
    ),
  },
];

function claudeCodeBody(thinking: Body): Body {
  return {
    model: 'claude-sonnet-4-5-20250929',
    max_tokens: 32000,
    stream: true,
    metadata: {
      user_id:
        'user_2f6c0e4b9a1d3f5e7c8b0a2d4f6e8c1a3b5d7f9e0c2a4b6d8f1e3c5a7b9d0f2e_account_4c1d7e2a-5b3f-4e8a-9c6d-0f1e2d3c4b5a_session_8a7b6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d',
    },
    system: [
      {
        type: 'text',
        text: 'x-anthropic-billing-header: cc_version=2.0.14.a3f; cch=7f3e1; cc_entrypoint=cli;',
      },
      {
        type: 'text',
        text: "You are Claude Code, Anthropic's official CLI for Claude.",
        cache_control: { type: 'ephemeral' },
      },
      { type: 'text', text: CLAUDE_CODE_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } },
    ],
    thinking,
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    tools: CLAUDE_CODE_TOOLS,
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: "<system-reminder>\nAs you answer the user's questions, you can use the following context:\n# claudeMd\nCodebase uses vitest.\n</system-reminder>",
          },
          { type: 'text', text: 'Pourquoi le test `parse.test.ts` échoue-t-il ? Voici la capture :' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: SMALL_PNG } },
        ],
      },
      {
        role: 'assistant',
        content: [
          {
            type: 'thinking',
            thinking: 'The user wants to know why the test fails. Let me read the file first.',
            signature: 'EqQBCkgIBxABGAIiQL7cT3iY0Xk1vN2pZ8Zr2b6gQpX0mR9hO3sJ5wQ==',
          },
          { type: 'text', text: 'Je vais lire le fichier de test.' },
          {
            type: 'tool_use',
            id: 'toolu_01A09q90qw90lq917835lq9',
            name: 'Read',
            input: { file_path: '/Users/ana/weather-app/src/parse.test.ts' },
          },
          {
            type: 'tool_use',
            id: 'toolu_01B7Xh2k3Lm4Np5Qr6St7Uv8',
            name: 'Bash',
            input: { command: 'npx vitest run src/parse.test.ts', description: 'Run the failing test' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01A09q90qw90lq917835lq9',
            content: [
              {
                type: 'text',
                text: "     1→import { parse } from './parse.js';\n     2→expect(parse('é')).toBe('e');",
              },
            ],
          },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01B7Xh2k3Lm4Np5Qr6St7Uv8',
            content: [{ type: 'text', text: 'FAIL src/parse.test.ts > expected "é" to be "e"\nExit code 1' }],
            is_error: true,
          },
          {
            type: 'text',
            text: "<system-reminder>\nThe TodoWrite tool hasn't been used recently.\n</system-reminder>",
          },
        ],
      },
      {
        role: 'assistant',
        content: [
          {
            type: 'thinking',
            thinking: 'The parser does not strip accents. I should fix it with NFD normalisation.',
            signature: 'ErUBCkYIBhgCIkBNo8rP1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4s==',
          },
          {
            type: 'tool_use',
            id: 'toolu_01C8Yi3l4Mn5Oq6Rs7Tu8Vw9',
            name: 'Edit',
            input: {
              file_path: '/Users/ana/weather-app/src/parse.ts',
              old_string: 'return s;',
              new_string: "return s.normalize('NFD').replace(/\\p{M}/gu, '');",
            },
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01C8Yi3l4Mn5Oq6Rs7Tu8Vw9',
            content: 'The file /Users/ana/weather-app/src/parse.ts has been updated.',
          },
          {
            type: 'text',
            text: 'Super, merci ! 🎉 Relance les tests.',
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ],
  };
}

// ── Codex CLI (OpenAI Responses) ─────────────────────────────────────────────

const CODEX_INSTRUCTIONS =
  "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI on a user's computer.\n\n" +
  '## General\n\n- The arguments to `shell` will be passed to execvp(). Most terminal commands should be prefixed with ["bash", "-lc"].\n' +
  '- Always set the `workdir` param when using the shell function.\n\n## Editing constraints\n\n- Default to ASCII when editing or creating files.\n' +
  '- Use the apply_patch tool to edit files. Never use `applypatch` or `apply-patch`.\n\n## Planning\n\nUse update_plan for non-trivial tasks. '.repeat(
    3,
  );

const APPLY_PATCH_GRAMMAR =
  'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF\nend_patch: "*** End Patch" LF?\n' +
  'hunk: add_hunk | delete_hunk | update_hunk\nadd_hunk: "*** Add File: " filename LF add_line+\n' +
  'delete_hunk: "*** Delete File: " filename LF\nupdate_hunk: "*** Update File: " filename LF change?\n' +
  'filename: /(.+)/\nadd_line: "+" /(.*)/ LF -> line\nchange: (change_context | change_line)+\n' +
  'change_context: ("@@" | "@@ " /(.+)/) LF\nchange_line: ("+" | "-" | " ") /(.*)/ LF\n%import common.LF';

const PATCH =
  "*** Begin Patch\n*** Update File: src/parse.ts\n@@\n-  return s;\n+  return s.normalize('NFD').replace(/\\p{M}/gu, '');\n*** End Patch\n";

function codexBody(withHostedTools: boolean): Body {
  const tools: Body[] = [
    {
      type: 'function',
      name: 'shell',
      description: 'Runs a shell command and returns its output.',
      strict: false,
      parameters: {
        type: 'object',
        properties: {
          command: { type: 'array', items: { type: 'string' }, description: 'The command to execute' },
          workdir: { type: 'string', description: 'The working directory to execute the command in' },
          timeout_ms: { type: 'number', description: 'The timeout for the command in milliseconds' },
          with_escalated_permissions: {
            type: 'boolean',
            description: 'Whether to request escalated permissions.',
          },
          justification: { type: 'string', description: 'Only set if with_escalated_permissions is true.' },
        },
        required: ['command'],
        additionalProperties: false,
      },
    },
    {
      type: 'function',
      name: 'update_plan',
      description: 'Updates the task plan.',
      strict: false,
      parameters: {
        type: 'object',
        properties: {
          explanation: { type: 'string' },
          plan: {
            type: 'array',
            description: 'The list of steps',
            items: {
              type: 'object',
              properties: {
                step: { type: 'string' },
                status: { type: 'string', description: 'One of: pending, in_progress, completed' },
              },
              required: ['step', 'status'],
              additionalProperties: false,
            },
          },
        },
        required: ['plan'],
        additionalProperties: false,
      },
    },
  ];
  if (withHostedTools) {
    tools.push(
      {
        type: 'custom',
        name: 'apply_patch',
        description:
          'Use the `apply_patch` tool to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.',
        format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_GRAMMAR },
      },
      { type: 'web_search' },
    );
  }
  const input: Body[] = [
    {
      type: 'message',
      role: 'developer',
      content: [
        {
          type: 'input_text',
          text: '<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. `sandbox_mode` is `workspace-write`.\n</permissions instructions>',
        },
      ],
    },
    {
      type: 'message',
      role: 'user',
      content: [
        {
          type: 'input_text',
          text: '# AGENTS.md instructions for /Users/ana/weather-app\n\n<INSTRUCTIONS>\nRun `npm test` before finishing.\n</INSTRUCTIONS>',
        },
      ],
    },
    {
      type: 'message',
      role: 'user',
      content: [
        {
          type: 'input_text',
          text: '<environment_context>\n  <cwd>/Users/ana/weather-app</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <shell>zsh</shell>\n</environment_context>',
        },
      ],
    },
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'Fix the failing parse test — ça plante sur « é ».' }],
    },
    {
      type: 'reasoning',
      summary: [
        {
          type: 'summary_text',
          text: '**Inspecting the test**\n\nI need to look at the failing test first.',
        },
      ],
      content: null,
      encrypted_content: 'gAAAAABo9xK3cT1vN2pZ8Zr2b6gQpX0mR9hO3sJ5wQ_encrypted_reasoning_1==',
    },
    {
      type: 'function_call',
      name: 'shell',
      arguments:
        '{"command":["bash","-lc","npx vitest run src/parse.test.ts"],"workdir":"/Users/ana/weather-app","timeout_ms":120000}',
      call_id: 'call_Xk2Lm4Np5Qr6St7Uv8Wx9Yz0',
    },
    {
      type: 'function_call_output',
      call_id: 'call_Xk2Lm4Np5Qr6St7Uv8Wx9Yz0',
      output:
        '{"output":"FAIL src/parse.test.ts > expected \\"é\\" to be \\"e\\"\\n","metadata":{"exit_code":1,"duration_seconds":2.1}}',
    },
    {
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: '**Planning the fix**' }],
      content: null,
      encrypted_content: 'gAAAAABo9xK4dU2wO3qA9As3c7hRqY1nS0iP4tK6xR_encrypted_reasoning_2==',
    },
    {
      type: 'function_call',
      name: 'update_plan',
      arguments:
        '{"plan":[{"step":"Normalise accents in parse()","status":"in_progress"},{"step":"Run tests","status":"pending"}]}',
      call_id: 'call_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8',
    },
    { type: 'function_call_output', call_id: 'call_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8', output: 'Plan updated' },
  ];
  if (withHostedTools) {
    input.push(
      {
        type: 'custom_tool_call',
        status: 'completed',
        call_id: 'call_Qr9St8Uv7Wx6Yz5Ab4Cd3Ef2',
        name: 'apply_patch',
        input: PATCH,
      },
      {
        type: 'custom_tool_call_output',
        call_id: 'call_Qr9St8Uv7Wx6Yz5Ab4Cd3Ef2',
        output: 'Success. Updated the following files:\nM src/parse.ts\n',
      },
    );
  }
  input.push({
    type: 'message',
    role: 'assistant',
    content: [
      { type: 'output_text', text: 'J’ai corrigé `parse()` ; je relance les tests.', annotations: [] },
    ],
  });
  input.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Vas-y.' }] });
  return {
    model: 'gpt-5-codex',
    instructions: CODEX_INSTRUCTIONS,
    input,
    tools,
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: '0199f3c2-7a1e-7d42-b9c3-5e8f1a2b3c4d',
    text: { verbosity: 'medium' },
  };
}

// ── OpenAI SDK / LangChain (Chat Completions) ────────────────────────────────

const SDK_CHAT_BODY: Body = {
  model: 'gpt-4.1-2025-04-14',
  messages: [
    {
      role: 'developer',
      content: "You are a travel assistant. Answer in the user's language. Always return JSON.",
    },
    { role: 'user', content: 'Quel temps fait-il à Paris et à Tōkyō ?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_Pa1Ri2Sx3',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        },
        {
          id: 'call_To4Ky5Ox6',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Tōkyō","unit":"celsius"}' },
        },
      ],
      refusal: null,
    },
    { role: 'tool', tool_call_id: 'call_Pa1Ri2Sx3', content: '{"temp":18,"sky":"cloudy"}' },
    { role: 'tool', tool_call_id: 'call_To4Ky5Ox6', content: '{"temp":24,"sky":"sunny ☀️"}' },
    { role: 'assistant', content: 'Paris : 18 °C, nuageux. Tōkyō : 24 °C, ensoleillé.' },
    { role: 'user', content: [{ type: 'text', text: 'Et demain ? Réponds en JSON.' }] },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Get the current weather for a city.',
        strict: true,
        parameters: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          },
          required: ['city', 'unit'],
          additionalProperties: false,
        },
      },
    },
  ],
  tool_choice: 'auto',
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'forecast',
      strict: true,
      schema: {
        type: 'object',
        properties: { city: { type: 'string' }, summary: { type: 'string' } },
        required: ['city', 'summary'],
        additionalProperties: false,
      },
    },
  },
  stream: true,
  stream_options: { include_usage: true },
  max_completion_tokens: 1024,
  parallel_tool_calls: true,
  seed: 42,
  logprobs: false,
  n: 1,
  user: 'user-8842',
  temperature: 0.2,
};

// ── Helpers ──────────────────────────────────────────────────────────────────

function translate(
  from: ApiFormat,
  to: ApiFormat,
  body: Body,
): { body: Any; warnings: TranslationWarning[] } {
  const result = translateRequest({ from, to, body: structuredClone(body) });
  if (!result.ok) throw new Error(`${from} → ${to}: ${result.error.message}`);
  return { body: result.body, warnings: result.warnings };
}

function parseIr(format: ApiFormat, body: unknown): IrRequest {
  const parsed = codecFor(format).parseRequest(body, createContext());
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** The conversation as plain meaning: texts, tool calls (name + parsed args) and tool results, ids left out. */
function conversation(ir: IrRequest, withThinking: boolean): unknown[] {
  const out: unknown[] = [];
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === 'text') out.push([m.role, 'text', p.text]);
      else if (p.type === 'image') out.push([m.role, 'image']);
      else if (p.type === 'tool_call') out.push(['call', p.name, JSON.parse(p.arguments)]);
      else if (p.type === 'tool_result') {
        out.push(['result', p.content.map((c) => (c.type === 'text' ? c.text : c.type)).join('\n')]);
      } else if (p.type === 'thinking' && withThinking) out.push(['thinking', p.text, p.signature]);
    }
  }
  return out;
}

function fullSystem(ir: IrRequest): string {
  return ir.system.map((p) => p.text).join('\n\n');
}

function expectValidAnthropic(body: Any): void {
  expect(typeof body.model).toBe('string');
  expect(body.max_tokens).toBeGreaterThan(0);
  const messages: Any[] = body.messages;
  expect(messages.length).toBeGreaterThan(0);
  expect(messages[0].role).toBe('user');
  const seenCalls = new Set<string>();
  messages.forEach((m, i) => {
    expect(['user', 'assistant']).toContain(m.role);
    if (i > 0) expect(m.role).not.toBe(messages[i - 1].role);
    const blocks: Any[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) if (b.type === 'text') expect(b.text.length).toBeGreaterThan(0);
    const prev: Any[] = i > 0 && Array.isArray(messages[i - 1].content) ? messages[i - 1].content : [];
    const prevCalls = new Set(prev.filter((b) => b.type === 'tool_use').map((b) => b.id));
    let sawOther = false;
    for (const b of blocks) {
      if (b.type === 'tool_use') {
        expect(m.role).toBe('assistant');
        expect(typeof b.input).toBe('object');
        seenCalls.add(b.id);
      }
      if (b.type === 'tool_result') {
        expect(m.role).toBe('user');
        expect(sawOther, 'tool_result blocks come first in their user turn').toBe(false);
        expect(prevCalls.has(b.tool_use_id), `tool_result ${b.tool_use_id} answers the previous turn`).toBe(
          true,
        );
      } else sawOther = true;
    }
    // Every tool_use is answered in the next turn.
    if (m.role === 'assistant' && i + 1 < messages.length) {
      const next: Any[] = Array.isArray(messages[i + 1].content) ? messages[i + 1].content : [];
      const answered = new Set(next.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id));
      for (const b of blocks) if (b.type === 'tool_use') expect(answered.has(b.id)).toBe(true);
    }
  });
  for (const t of body.tools ?? []) {
    expect(typeof t.name).toBe('string');
    expect(t.name).toMatch(/^[a-zA-Z0-9_-]{1,128}$/);
    expect(t.input_schema.type).toBe('object');
  }
  if (Array.isArray(body.system)) for (const b of body.system) expect(b.text.length).toBeGreaterThan(0);
}

function expectValidChat(body: Any): void {
  expect(typeof body.model).toBe('string');
  const messages: Any[] = body.messages;
  messages.forEach((m, i) => {
    expect(['system', 'developer', 'user', 'assistant', 'tool']).toContain(m.role);
    if (m.role === 'assistant' && m.tool_calls) {
      const ids = m.tool_calls.map((c: Any) => c.id);
      for (const c of m.tool_calls) {
        expect(c.type).toBe('function');
        expect(typeof c.function.arguments).toBe('string');
        JSON.parse(c.function.arguments);
      }
      const following = messages.slice(i + 1, i + 1 + ids.length);
      expect(following.map((f) => f.role)).toEqual(ids.map(() => 'tool'));
      expect(following.map((f) => f.tool_call_id).sort()).toEqual([...ids].sort());
    }
    if (m.role === 'tool') {
      expect(typeof m.tool_call_id).toBe('string');
      const prev = messages[i - 1];
      expect(prev.role === 'tool' || (prev.role === 'assistant' && Array.isArray(prev.tool_calls))).toBe(
        true,
      );
    }
  });
  for (const t of body.tools ?? []) {
    expect(t.type).toBe('function');
    expect(t.function.parameters.type).toBe('object');
  }
}

function expectValidResponses(body: Any): void {
  expect(typeof body.model).toBe('string');
  const calls = new Set<string>();
  for (const item of body.input as Any[]) {
    if (item.type === 'function_call') {
      expect(typeof item.arguments).toBe('string');
      expect(item.id).toMatch(/^fc/);
      calls.add(item.call_id);
    }
    if (item.type === 'function_call_output') expect(calls.has(item.call_id)).toBe(true);
    if (item.type === 'message') {
      expect(['user', 'assistant', 'system', 'developer']).toContain(item.role);
      for (const c of item.content) {
        if (item.role === 'assistant') expect(['output_text', 'refusal']).toContain(c.type);
        else expect(['input_text', 'input_image', 'input_file']).toContain(c.type);
      }
    }
    if (item.type === 'reasoning') {
      expect(typeof item.encrypted_content).toBe('string');
      expect(Array.isArray(item.summary)).toBe(true);
    }
  }
  for (const t of body.tools ?? []) {
    if (t.type === 'function') {
      expect(typeof t.strict).toBe('boolean');
      expect(t.parameters.type).toBe('object');
    }
  }
}

const validate: Record<ApiFormat, (body: Any) => void> = {
  'anthropic-messages': expectValidAnthropic,
  'openai-chat': expectValidChat,
  'openai-responses': expectValidResponses,
};

function paths(warnings: TranslationWarning[]): string[] {
  return warnings.map((w) => w.path);
}

// ── Tests ────────────────────────────────────────────────────────────────────

describe('Claude Code requests (Anthropic Messages)', () => {
  const bodies = {
    'adaptive thinking': claudeCodeBody({ type: 'adaptive' }),
    'budgeted thinking': claudeCodeBody({ type: 'enabled', budget_tokens: 31999 }),
  };
  for (const [label, body] of Object.entries(bodies)) {
    const source = parseIr('anthropic-messages', body);
    for (const to of ['openai-chat', 'openai-responses'] as const) {
      describe(`${label} → ${to}`, () => {
        const out = translate('anthropic-messages', to, body);

        it('is a valid target body', () => validate[to](out.body));

        it('keeps the system prompt, billing header line included', () => {
          const ir = parseIr(to, out.body);
          expect(fullSystem(ir)).toContain(CLAUDE_CODE_SYSTEM_PROMPT);
          expect(fullSystem(ir)).toContain('x-anthropic-billing-header');
        });

        it('keeps the settings a real upstream needs', () => {
          expect(out.body.stream).toBe(true);
          expect(out.body.tools).toHaveLength(5);
          if (to === 'openai-chat') {
            expect(out.body.max_completion_tokens ?? out.body.max_tokens).toBe(32000);
            expect(out.body.stream_options).toEqual({ include_usage: true });
          } else {
            expect(out.body.max_output_tokens).toBe(32000);
            expect(out.body.store).toBe(false);
            expect(out.body.include).toContain('reasoning.encrypted_content');
            expect(out.body.reasoning).toBeDefined();
          }
          expect(out.body.tool_choice).toBeUndefined();
        });

        it('warns about every drop', () => {
          const p = paths(out.warnings);
          expect(p).toContain('context_management');
          expect(p.some((x) => x.includes('cache_control'))).toBe(true);
          if (to === 'openai-chat') {
            // Chat carries the thinking text, not its signature.
            expect(p).toEqual(
              expect.arrayContaining(['messages.1.content.0.signature', 'messages.3.content.0.signature']),
            );
          }
          if (to === 'openai-responses') {
            expect(p.some((x) => x.endsWith('is_error'))).toBe(true);
          }
        });

        it('keeps the tool schemas', () => {
          const ir = parseIr(to, out.body);
          expect(ir.tools.map((t) => t.name)).toEqual(CLAUDE_CODE_TOOLS.map((t) => t.name));
          expect(ir.tools[4]?.parameters).toEqual(CLAUDE_CODE_TOOLS[4]?.input_schema);
        });

        it('keeps the conversation', () => {
          const ir = parseIr(to, out.body);
          expect(conversation(ir, false)).toEqual(conversation(source, false));
        });

        it('round-trips back to Anthropic', () => {
          const back = translate(to, 'anthropic-messages', out.body);
          expectValidAnthropic(back.body);
          const ir = parseIr('anthropic-messages', back.body);
          expect(conversation(ir, false)).toEqual(conversation(source, false));
          expect(fullSystem(ir)).toContain(CLAUDE_CODE_SYSTEM_PROMPT);
          if (to === 'openai-responses') {
            // Signed thinking survives as encrypted reasoning.
            expect(conversation(ir, true)).toEqual(conversation(source, true));
          }
        });
      });
    }
  }

  it('maps the thinking configuration to the target', () => {
    const adaptive = translate('anthropic-messages', 'openai-responses', bodies['adaptive thinking']);
    expect(adaptive.body.reasoning.summary).toBe('auto');
    const budgeted = translate('anthropic-messages', 'openai-responses', bodies['budgeted thinking']);
    expect(budgeted.body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    const chat = translate('anthropic-messages', 'openai-chat', bodies['budgeted thinking']);
    expect(chat.body.reasoning_effort).toBe('high');
  });

  it('passes through unchanged to Anthropic', () => {
    const body = bodies['adaptive thinking'];
    expect(translate('anthropic-messages', 'anthropic-messages', body).body).toEqual(body);
  });
});

describe('Codex CLI requests (OpenAI Responses)', () => {
  for (const withHosted of [false, true]) {
    const body = codexBody(withHosted);
    const source = parseIr('openai-responses', body);
    const label = withHosted ? 'with apply_patch (custom) and web_search' : 'function tools only';
    for (const to of ['anthropic-messages', 'openai-chat'] as const) {
      describe(`${label} → ${to}`, () => {
        const out = translate('openai-responses', to, body);

        it('is a valid target body', () => validate[to](out.body));

        it('keeps instructions and developer message as the system prompt', () => {
          const ir = parseIr(to, out.body);
          expect(fullSystem(ir)).toContain(CODEX_INSTRUCTIONS);
          expect(fullSystem(ir)).toContain('<permissions instructions>');
        });

        it('keeps the settings a real upstream needs', () => {
          expect(out.body.stream).toBe(true);
          if (to === 'anthropic-messages') {
            expect(out.body.max_tokens).toBeGreaterThan(0);
            expect(out.body.thinking?.type).toMatch(/enabled|adaptive/);
            if (out.body.thinking.type === 'enabled') {
              expect(out.body.thinking.budget_tokens).toBeLessThan(out.body.max_tokens);
            }
            expect(out.body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
          } else {
            expect(out.body.reasoning_effort).toBe('medium');
            expect(out.body.parallel_tool_calls).toBe(false);
            expect(out.body.tool_choice).toBe('auto');
            expect(out.body.prompt_cache_key).toBe(body.prompt_cache_key);
          }
        });

        it('warns about every drop', () => {
          const p = paths(out.warnings);
          expect(p).toContain('text.verbosity');
          if (to === 'anthropic-messages') expect(p).toContain('prompt_cache_key');
          if (withHosted) {
            expect(out.warnings).toContainEqual(
              expect.objectContaining({ path: 'tools.2', code: 'changed_value' }),
            );
            expect(out.warnings).toContainEqual(
              expect.objectContaining({ path: 'tools.3', code: 'dropped_content' }),
            );
          }
          if (to === 'openai-chat') {
            // Chat carries the reasoning summary as text, not the encrypted content.
            expect(p.filter((x) => x.endsWith('.signature'))).toHaveLength(2);
          }
        });

        it('degrades apply_patch to a function tool with one string "input"', () => {
          const ir = parseIr(to, out.body);
          const names = ir.tools.map((t) => t.name);
          if (!withHosted) return expect(names).toEqual(['shell', 'update_plan']);
          expect(names).toEqual(['shell', 'update_plan', 'apply_patch']);
          expect(ir.tools[2]?.parameters).toEqual({
            type: 'object',
            properties: { input: { type: 'string', description: expect.any(String) } },
            required: ['input'],
            additionalProperties: false,
          });
          const call = ir.messages
            .flatMap((m): Any[] => m.content)
            .find((p) => p.type === 'tool_call' && p.name === 'apply_patch');
          expect(JSON.parse(call.arguments)).toEqual({ input: PATCH });
        });

        it('keeps the conversation', () => {
          const ir = parseIr(to, out.body);
          expect(conversation(ir, false)).toEqual(conversation(source, false));
        });

        it('round-trips back to Responses', () => {
          const back = translate(to, 'openai-responses', out.body);
          expectValidResponses(back.body);
          const ir = parseIr('openai-responses', back.body);
          expect(conversation(ir, false)).toEqual(conversation(source, false));
          expect(fullSystem(ir)).toContain(CODEX_INSTRUCTIONS);
          if (to === 'anthropic-messages') expect(conversation(ir, true)).toEqual(conversation(source, true));
        });
      });
    }
  }

  it('keeps the call ids pairing function_call to function_call_output', () => {
    const out = translate('openai-responses', 'anthropic-messages', codexBody(true));
    const uses = (out.body.messages as Any[]).flatMap((m) =>
      Array.isArray(m.content)
        ? m.content.filter((b: Any) => b.type === 'tool_use').map((b: Any) => b.id)
        : [],
    );
    expect(uses).toHaveLength(3);
  });

  it('passes through unchanged to Responses', () => {
    const body = codexBody(true);
    expect(translate('openai-responses', 'openai-responses', body).body).toEqual(body);
  });
});

describe('OpenAI SDK / LangChain Chat requests', () => {
  const source = parseIr('openai-chat', SDK_CHAT_BODY);
  for (const to of ['anthropic-messages', 'openai-responses'] as const) {
    describe(`→ ${to}`, () => {
      const out = translate('openai-chat', to, SDK_CHAT_BODY);

      it('is a valid target body', () => validate[to](out.body));

      it('keeps the developer message as the system prompt', () => {
        expect(fullSystem(parseIr(to, out.body))).toBe(
          "You are a travel assistant. Answer in the user's language. Always return JSON.",
        );
      });

      it('keeps the settings a real upstream needs', () => {
        expect(out.body.stream).toBe(true);
        expect(out.body.temperature).toBe(0.2);
        if (to === 'anthropic-messages') {
          expect(out.body.max_tokens).toBe(1024);
          expect(out.body.metadata).toEqual({ user_id: 'user-8842' });
          expect(out.body.tool_choice).toMatchObject({ type: 'auto' });
          expect(out.body.tools[0].strict).toBe(true);
          expect(out.body.output_config.format).toEqual({
            type: 'json_schema',
            schema: (SDK_CHAT_BODY.response_format as Any).json_schema.schema,
          });
        } else {
          expect(out.body.max_output_tokens).toBe(1024);
          expect(out.body.user).toBe('user-8842');
          expect(out.body.parallel_tool_calls).toBe(true);
          expect(out.body.tools[0].strict).toBe(true);
          expect(out.body.text.format).toMatchObject({ type: 'json_schema', name: 'forecast', strict: true });
        }
      });

      it('warns about every drop', () => {
        const p = paths(out.warnings);
        expect(p).toContain('seed');
        if (to === 'anthropic-messages') expect(p).toContain('logprobs');
      });

      it('keeps the conversation', () => {
        expect(conversation(parseIr(to, out.body), false)).toEqual(conversation(source, false));
      });

      it('round-trips back to Chat', () => {
        const back = translate(to, 'openai-chat', out.body);
        expectValidChat(back.body);
        const ir = parseIr('openai-chat', back.body);
        expect(conversation(ir, false)).toEqual(conversation(source, false));
        expect(ir.tools.map((t) => t.name)).toEqual(['get_weather']);
      });
    });
  }
});
