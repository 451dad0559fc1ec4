/**
 * Writes the catalogue's AsyncAPI document: `npx tsx libs/contracts/scripts/generate-asyncapi.ts`.
 * With `--check` it only reports whether the committed file is current (exit 1 when stale).
 */
import { relaunchedWithWorkspacePaths } from './workspace-paths';

async function main(): Promise<void> {
  const { asyncApiPath, isAsyncApiFileCurrent, writeAsyncApiFile } = await import('../src/asyncapi/asyncapi-file.js');
  if (process.argv.includes('--check')) {
    const current = isAsyncApiFileCurrent();
    console.log(current ? `${asyncApiPath} is current` : `${asyncApiPath} is stale: run npx tsx libs/contracts/scripts/generate-asyncapi.ts`);
    process.exitCode = current ? 0 : 1;
    return;
  }
  writeAsyncApiFile();
  console.log(`wrote ${asyncApiPath}`);
}

if (!relaunchedWithWorkspacePaths(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
