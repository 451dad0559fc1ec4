/**
 * The auditor's command line:
 *
 *   DATABASE_URL=postgres://… npx tsx apps/audit/src/cli.ts replay --case <applicationId> --auditor liu.yang --org 331002
 *   … replay --case <applicationId> --json
 */
import { relaunchedWithWorkspacePaths } from './cli/workspace-paths';

async function main(): Promise<void> {
  const { runReplayCommand, usage, UsageError } = await import('./cli/replay-command.js');
  try {
    await runReplayCommand(
      process.argv.slice(2),
      process.env,
      (text) => console.log(text),
      (text) => console.error(`note: ${text}`),
    );
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      process.exitCode = 2;
      return;
    }
    const status = (error as { getStatus?: () => number }).getStatus?.();
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = status === 403 ? 3 : status === 404 ? 4 : 1;
  }
}

if (!relaunchedWithWorkspacePaths(__filename)) void main();
