import { spawn } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';

/** The placeholder API key handed to wrapped tools: the proxy accepts and strips any key. */
export const PLACEHOLDER_KEY = 'tollway';

export const CODEX_HELP = `Usage: tollway codex [--model M] [--proxy-url URL] [codex arguments…]

Runs Codex against the local buyer proxy through a "tollway" model provider with
wire_api = "responses", given on Codex's command line (nothing is written to ~/.codex).
The proxy URL comes from --proxy-url, else the running proxy's port in buyer.state.json,
else buyer.proxyPort in config.json, else http://127.0.0.1:8377.

  tollway codex --model StrataCodingAgent
  tollway codex --model <peer-id>@gpt-4o exec "explain this repository"
`;

export const CLAUDE_HELP = `Usage: tollway claude [--model M] [--proxy-url URL] [claude arguments…]

Runs Claude Code against the local buyer proxy (ANTHROPIC_BASE_URL, a placeholder token).
The proxy URL is found as for "tollway codex".

  tollway claude
  tollway claude --model <peer-id>@claude-sonnet-4-6 -p "hello"
`;

/** `tollway codex` and `tollway claude`: returns the tool's exit code. */
export async function wrappedToolCommand(
  tool: 'codex' | 'claude',
  argv: string[],
  globals: GlobalOptions,
  io: CommandIo,
): Promise<number> {
  const { values, tokens } = parseArgs({
    args: argv,
    strict: false,
    tokens: true,
    options: {
      ...GLOBAL_ARG_OPTIONS,
      model: { type: 'string', short: 'm' },
      'proxy-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.stdout.write(tool === 'codex' ? CODEX_HELP : CLAUDE_HELP);
    return 0;
  }
  // Everything that is not one of our options goes to the tool unchanged, in order.
  const ours = new Set(['data-dir', 'config', 'model', 'proxy-url', 'help']);
  const passThrough: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option' && ours.has(token.name)) continue;
    if (token.kind === 'option')
      passThrough.push(
        token.rawName,
        ...(token.value !== undefined && !token.inlineValue ? [token.value] : []),
      );
    else if (token.kind === 'positional') passThrough.push(token.value);
    else passThrough.push('--');
  }
  const context = await loadContext(globals, values as { 'data-dir'?: string; config?: string }, io);
  const proxyUrl =
    typeof values['proxy-url'] === 'string' ? values['proxy-url'] : await proxyUrlFromState(context);
  const model = typeof values.model === 'string' ? values.model : undefined;

  const executable = await findOnPath(tool, io.env.PATH ?? '');
  if (!executable) {
    const install =
      tool === 'codex' ? 'npm install -g @openai/codex' : 'npm install -g @anthropic-ai/claude-code';
    io.stderr.write(
      `tollway ${tool}: "${tool}" is not installed (not found on PATH). Install it with: ${install}\n`,
    );
    return 1;
  }
  const { args, env } =
    tool === 'codex'
      ? codexInvocation(proxyUrl, model, passThrough, io.env)
      : claudeInvocation(proxyUrl, model, passThrough, io.env);
  io.stderr.write(`tollway ${tool}: using the buyer proxy at ${proxyUrl}\n`);
  return new Promise((resolve) => {
    const child = spawn(executable, args, { stdio: 'inherit', env });
    child.on('error', (error) => {
      io.stderr.write(`tollway ${tool}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The Codex command line: a `tollway` model provider speaking the Responses API to the proxy.
 *
 * @example
 * ```ts
 * codexInvocation('http://127.0.0.1:8377', 'gpt-4o', ['exec', 'hi'], {}).args;
 * // ['-c', 'model_provider="tollway"', …, '--model', 'gpt-4o', 'exec', 'hi']
 * ```
 */
export function codexInvocation(
  proxyUrl: string,
  model: string | undefined,
  passThrough: string[],
  env: Record<string, string | undefined>,
): { args: string[]; env: Record<string, string | undefined> } {
  const provider = {
    name: '"Tollway"',
    base_url: JSON.stringify(`${proxyUrl}/v1`),
    wire_api: '"responses"',
    env_key: '"TOLLWAY_API_KEY"',
  };
  const args = ['-c', 'model_provider="tollway"'];
  for (const [key, value] of Object.entries(provider))
    args.push('-c', `model_providers.tollway.${key}=${value}`);
  if (model) args.push('--model', model);
  return {
    args: [...args, ...passThrough],
    env: { ...env, TOLLWAY_API_KEY: env.TOLLWAY_API_KEY ?? PLACEHOLDER_KEY },
  };
}

/**
 * Claude Code's environment: `ANTHROPIC_BASE_URL` at the proxy and a placeholder token; a real
 * `ANTHROPIC_API_KEY` in the environment is removed so that it is never sent anywhere.
 */
export function claudeInvocation(
  proxyUrl: string,
  model: string | undefined,
  passThrough: string[],
  env: Record<string, string | undefined>,
): { args: string[]; env: Record<string, string | undefined> } {
  const { ANTHROPIC_API_KEY: _dropped, ...rest } = env;
  return {
    args: [...(model ? ['--model', model] : []), ...passThrough],
    env: { ...rest, ANTHROPIC_BASE_URL: proxyUrl, ANTHROPIC_AUTH_TOKEN: PLACEHOLDER_KEY },
  };
}

async function proxyUrlFromState(context: {
  statePath: string;
  config: { buyer?: { proxyPort?: number } };
}): Promise<string> {
  try {
    const state = JSON.parse(await readFile(context.statePath, 'utf8')) as {
      port?: unknown;
      state?: unknown;
    };
    if (typeof state.port === 'number' && state.state === 'connected')
      return `http://127.0.0.1:${state.port}`;
  } catch {
    // No state file yet: fall back to the configured or default port.
  }
  return `http://127.0.0.1:${context.config.buyer?.proxyPort ?? 8377}`;
}

async function findOnPath(name: string, path: string): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
