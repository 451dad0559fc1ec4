/**
 * The workspace's TypeScript source files and the imports between them, resolved the way tsc
 * resolves them (relative paths and the `@sa/*` aliases of tsconfig.base.json); imports of
 * packages are left out. Used by the structure check of `npm test`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const sourceRoots = ['apps', 'libs', 'tools', 'deploy'];

/** Every .ts file under the source roots, relative to the repository root, sorted. */
export function listSourceFiles(repoRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(relative(repoRoot, full));
    }
  };
  for (const root of sourceRoots) if (existsSync(join(repoRoot, root))) walk(join(repoRoot, root));
  return found.sort();
}

/** file → the workspace files it imports (type-only imports included: they tie modules together too). */
export function importGraph(repoRoot: string, files: readonly string[]): Map<string, string[]> {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    const targets = new Set<string>();
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, join(repoRoot, file), options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = relative(repoRoot, resolved.resolvedFileName);
      if (known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The import circles: strongly connected components of more than one file (Tarjan), each sorted. */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const marks = new Map<string, { index: number; low: number }>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    const mark = { index: marks.size, low: marks.size };
    marks.set(node, mark);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      const seen = marks.get(target);
      if (!seen) mark.low = Math.min(mark.low, visit(target).low);
      else if (onStack.has(target)) mark.low = Math.min(mark.low, seen.index);
    }
    if (mark.low === mark.index) {
      const component = stack.splice(stack.indexOf(node));
      for (const member of component) onStack.delete(member);
      if (component.length > 1) circles.push(component.sort());
    }
    return mark;
  };
  for (const node of graph.keys()) if (!marks.has(node)) visit(node);
  return circles.sort((a, b) => a[0].localeCompare(b[0]));
}
