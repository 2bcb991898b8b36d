import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a data dir came from, for the startup log. */
export type DataDirSource = '--data-dir' | 'TOLLWAY_DATA_DIR' | 'ANTSEED_DATA_DIR' | 'default';

/** The resolved data dir and the files in it. */
export interface DataDirPaths {
  dataDir: string;
  source: DataDirSource;
  configPath: string;
  statePath: string;
}

/**
 * Resolves the data dir: `--data-dir` > `TOLLWAY_DATA_DIR` > `ANTSEED_DATA_DIR` > `~/.tollway`,
 * and the config file: `--config` > `TOLLWAY_CONFIG` > `ANTSEED_CONFIG` > `<dataDir>/config.json`.
 *
 * @example
 * ```ts
 * resolveDataDir({ flag: undefined, env: { ANTSEED_DATA_DIR: '/srv/buyer' } });
 * // { dataDir: '/srv/buyer', source: 'ANTSEED_DATA_DIR', configPath: '/srv/buyer/config.json', statePath: '/srv/buyer/buyer.state.json' }
 * ```
 */
export function resolveDataDir(input: {
  flag?: string | undefined;
  configFlag?: string | undefined;
  env: Record<string, string | undefined>;
  home?: string;
}): DataDirPaths {
  const { env } = input;
  const [raw, source]: [string, DataDirSource] = input.flag
    ? [input.flag, '--data-dir']
    : env.TOLLWAY_DATA_DIR
      ? [env.TOLLWAY_DATA_DIR, 'TOLLWAY_DATA_DIR']
      : env.ANTSEED_DATA_DIR
        ? [env.ANTSEED_DATA_DIR, 'ANTSEED_DATA_DIR']
        : [join(input.home ?? homedir(), '.tollway'), 'default'];
  const dataDir = resolve(raw);
  const config = input.configFlag || env.TOLLWAY_CONFIG || env.ANTSEED_CONFIG;
  return {
    dataDir,
    source,
    configPath: config ? resolve(config) : join(dataDir, 'config.json'),
    statePath: join(dataDir, 'buyer.state.json'),
  };
}
