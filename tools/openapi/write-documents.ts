/**
 * `npm run openapi`: writes each service's OpenAPI 3.1 document to docs/openapi/<service>.json,
 * offline (no server is started or contacted). The services are compiled with SWC first
 * (tools/build/compile.ts), because NestJS needs the decorator metadata tsx does not emit; the
 * document is then built from the compiled service exactly as /docs-json serves it.
 * Each service's openapi.spec.ts fails while a committed document differs from what this writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, services } from '../platform/services';

type Built = (definition: unknown) => Promise<unknown>;

async function main(): Promise<void> {
  const names = services.map((s) => s.name);
  const compiled = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', ...names], { cwd: repoRoot, stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error(`compiling the services failed (exit ${compiled.status})`);
  // Loaded from dist/ by path: the compiled code, not a workspace import (tools depend on libraries only).
  const load = (path: string) => require(join(repoRoot, 'dist', path)) as Record<string, unknown>;
  const offlineOpenApiDocument = load('libs/platform/src/index.js').offlineOpenApiDocument as Built;
  const dir = join(repoRoot, 'docs', 'openapi');
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    const document = await offlineOpenApiDocument(load(`apps/${name}/src/service.js`).service);
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
    console.log(`docs/openapi/${name}.json`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
