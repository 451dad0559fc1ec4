/** Where the generated AsyncAPI document lives, and whether the committed copy is current. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderAsyncApiYaml } from './build-asyncapi';

export const asyncApiPath = resolve(__dirname, '../../asyncapi/asyncapi.yaml');
export const regenerateAsyncApiCommand = 'npx tsx libs/contracts/scripts/generate-asyncapi.ts';

export function isAsyncApiFileCurrent(): boolean {
  return existsSync(asyncApiPath) && readFileSync(asyncApiPath, 'utf8') === renderAsyncApiYaml();
}

export function writeAsyncApiFile(): void {
  writeFileSync(asyncApiPath, renderAsyncApiYaml());
}
