import { type DataDirPaths, loadConfig, resolveDataDir, type TollwayConfig } from '@tollway/proxy';
import type { CommandIo } from './io.js';

/** Options every command accepts, before or after the command name. */
export interface GlobalOptions {
  dataDir?: string | undefined;
  config?: string | undefined;
}

/** The `parseArgs` option table of {@link GlobalOptions}, for commands to include. */
export const GLOBAL_ARG_OPTIONS = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
} as const;

/** What a command that touches a data dir needs: where things are and the loaded config. */
export interface CommandContext extends DataDirPaths {
  config: TollwayConfig;
  configFound: boolean;
}

/**
 * Resolves the data dir and loads `config.json`; options given after the command name win over
 * the same options given before it.
 */
export async function loadContext(
  globals: GlobalOptions,
  local: { 'data-dir'?: string | undefined; config?: string | undefined },
  io: CommandIo,
): Promise<CommandContext> {
  const paths = resolveDataDir({
    flag: local['data-dir'] ?? globals.dataDir,
    configFlag: local.config ?? globals.config,
    env: io.env,
  });
  const { config, found } = await loadConfig(paths.configPath);
  return { ...paths, config, configFound: found };
}

/** The lines every daemon prints at start, so a user can see which state it uses. */
export function describeContext(context: CommandContext): string {
  const source = context.source === 'default' ? 'default' : `from ${context.source}`;
  return [
    `  data dir:   ${context.dataDir} (${source})`,
    `  config:     ${context.configPath}${context.configFound ? '' : ' (not found: built-in defaults)'}`,
    `  state file: ${context.statePath}`,
    '',
  ].join('\n');
}
