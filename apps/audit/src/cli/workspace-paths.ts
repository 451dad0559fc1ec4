/**
 * `npx tsx <script>` run from the workspace root finds no tsconfig.json there, so it cannot
 * resolve the @sa/* path aliases: the CLI re-runs itself once with tsconfig.base.json.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export function relaunchedWithWorkspacePaths(entry: string): boolean {
  if (process.env.TSX_TSCONFIG_PATH) return false;
  const tsconfig = resolve(__dirname, '../../../../tsconfig.base.json');
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), '--tsconfig', tsconfig, entry, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  });
  process.exitCode = result.status ?? 1;
  return true;
}
