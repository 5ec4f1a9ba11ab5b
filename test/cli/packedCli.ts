import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const root = join(__dirname, '..', '..');

export interface PackedCli {
  readonly tarball: string;
  /** A folder outside the repository with the tarball installed and a copy of examples/. */
  readonly project: string;
  /**
   * A machine with nothing but Node.js: PATH holds node's folder and the system's, not the
   * repository's node_modules/.bin; npm has an empty home and cache and stays offline.
   */
  readonly env: NodeJS.ProcessEnv;
  readonly shell: (script: string, cwd?: string) => SpawnSyncReturns<string>;
}

let packed: PackedCli | undefined;

/** Packs the CLI package (scripts/pack-cli.mjs) and installs the tarball offline, once per test run. */
export function packedCli(): PackedCli {
  if (packed) return packed;
  const scratch = mkdtempSync(join(tmpdir(), 'capl-ids-package-'));
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const tarball = execFileSync(process.execPath, [join(root, 'scripts', 'pack-cli.mjs'), join(scratch, 'packed')], { cwd: root, encoding: 'utf8' }).trim();
  const project = join(scratch, 'project');
  const home = join(scratch, 'home');
  mkdirSync(home);
  cpSync(join(root, 'examples'), project, { recursive: true });
  const env = {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    npm_config_cache: join(home, '.npm'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  execFileSync('npm', ['install', tarball], { cwd: project, env, encoding: 'utf8' });
  const shell = (script: string, cwd = project) => spawnSync('sh', ['-c', script], { cwd, env, encoding: 'utf8' });
  packed = { tarball, project, env, shell };
  return packed;
}
