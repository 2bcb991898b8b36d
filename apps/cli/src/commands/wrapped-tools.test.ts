import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIo } from '../io.js';
import { claudeInvocation, codexInvocation } from './wrapped-tools.js';

function testIo(env: Record<string, string | undefined>) {
  let err = '';
  const io: CommandIo = {
    stdin: [],
    stdout: { write: () => true },
    stderr: { write: (t: string) => (err += t) },
    readFile: (path) => readFile(path, 'utf8'),
    env,
    untilShutdown: () => Promise.resolve(),
  };
  return { io, err: () => err };
}

/** A stand-in for the real tool: records its arguments and environment as JSON. */
async function fakeTool(
  name: string,
): Promise<{ dir: string; record: () => Promise<{ argv: string[]; env: Record<string, string> }> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tollway-fake-tool-'));
  const out = join(dir, 'record.json');
  await writeFile(
    join(dir, name),
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));\nprocess.exit(7);\n`,
  );
  await chmod(join(dir, name), 0o755);
  return { dir, record: async () => JSON.parse(await readFile(out, 'utf8')) };
}

describe('tollway codex and tollway claude', () => {
  it('gives Codex a responses provider at the proxy and passes its own arguments through', () => {
    const { args, env } = codexInvocation('http://127.0.0.1:8377', 'svc', ['exec', '--json', 'hi'], {});
    expect(args).toEqual([
      '-c',
      'model_provider="tollway"',
      '-c',
      'model_providers.tollway.name="Tollway"',
      '-c',
      'model_providers.tollway.base_url="http://127.0.0.1:8377/v1"',
      '-c',
      'model_providers.tollway.wire_api="responses"',
      '-c',
      'model_providers.tollway.env_key="TOLLWAY_API_KEY"',
      '--model',
      'svc',
      'exec',
      '--json',
      'hi',
    ]);
    expect(env.TOLLWAY_API_KEY).toBe('tollway');
  });

  it('points Claude Code at the proxy and never hands it a real Anthropic key', () => {
    const { args, env } = claudeInvocation('http://127.0.0.1:9000', undefined, ['-p', 'hi'], {
      ANTHROPIC_API_KEY: 'sk-ant-real',
      HOME: '/h',
    });
    expect(args).toEqual(['-p', 'hi']);
    expect(env).toEqual({
      HOME: '/h',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9000',
      ANTHROPIC_AUTH_TOKEN: 'tollway',
    });
  });

  it('runs the installed tool with the proxy port from buyer.state.json and returns its exit code', async () => {
    const tool = await fakeTool('codex');
    const dataDir = await mkdtemp(join(tmpdir(), 'tollway-data-'));
    await writeFile(join(dataDir, 'buyer.state.json'), JSON.stringify({ state: 'connected', port: 9123 }));
    const t = testIo({ PATH: tool.dir });
    const code = await main(['--data-dir', dataDir, 'codex', '--model', 'm1', 'exec', 'hello'], t.io);
    expect(code).toBe(7);
    const { argv, env } = await tool.record();
    expect(argv).toContain('model_providers.tollway.base_url="http://127.0.0.1:9123/v1"');
    expect(argv.slice(-4)).toEqual(['--model', 'm1', 'exec', 'hello']);
    expect(env.TOLLWAY_API_KEY).toBe('tollway');
  });

  it('says how to install a tool that is missing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tollway-data-'));
    const t = testIo({ PATH: dataDir });
    expect(await main(['--data-dir', dataDir, 'claude'], t.io)).toBe(1);
    expect(t.err()).toContain('npm install -g @anthropic-ai/claude-code');
  });
});
