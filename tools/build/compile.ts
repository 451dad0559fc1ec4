/**
 * Compiles a service (or every service) with SWC into dist/: each source file of the app and of
 * the libraries it may use becomes a CommonJS file at the same relative path, with the workspace
 * aliases (@sa/...) rewritten to relative paths and the decorator metadata NestJS needs.
 * Type checking is separate (`npm run typecheck`); this is the fast, deterministic emit.
 *
 *   npx tsx tools/build/compile.ts intake     →  dist/apps/intake/src/main.js
 *   npx tsx tools/build/compile.ts --all
 */
import { transformFile, type Options } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
// --out <dir>: elsewhere than dist/ (a test that must not rewrite files other tests' processes are loading).
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? resolve(process.argv[outFlag + 1] as string) : join(root, 'dist');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'bench' && entry.name !== 'tests') files.push(...sourceFiles(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

function libSourceDirs(): string[] {
  const dirs: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.name === 'src') dirs.push(full);
      else walk(full);
    }
  };
  walk(join(root, 'libs'));
  return dirs;
}

function swcOptions(): Options {
  const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8')) as Options;
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return {
    ...swcrc,
    swcrc: false,
    sourceMaps: true,
    jsc: { ...swcrc.jsc, baseUrl: root, paths: tsconfig.compilerOptions.paths },
  };
}

async function compile(apps: string[]): Promise<void> {
  const options = swcOptions();
  const files = [...apps.flatMap((app) => sourceFiles(join(root, 'apps', app, 'src'))), ...libSourceDirs().flatMap(sourceFiles)];
  for (const file of files) {
    const output = await transformFile(file, { ...options, filename: file, sourceFileName: relative(root, file) });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (output.map) writeFileSync(`${target}.map`, output.map);
  }
  console.log(`compiled ${files.length} files for ${apps.join(', ')} into ${relative(root, outDir)}/`);
}

function allApps(): string[] {
  return readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.endsWith('-e2e'))
    .map((e) => e.name);
}

const args = process.argv.slice(2).filter((arg, i, all) => arg !== '--out' && all[i - 1] !== '--out');
const apps = args.includes('--all') || args.length === 0 ? allApps() : args;
if (args.includes('--clean')) rmSync(outDir, { recursive: true, force: true });
compile(apps).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
