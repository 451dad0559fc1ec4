/**
 * Structure check of `npm test`'s static checks: no import circle among the workspace's source
 * files (a circle makes load order matter and hides which module depends on which), and no
 * non-test source file over 300 lines. Exit 1 naming each circle and each long file.
 * Run alone: `npx tsx tools/test/structure/check.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCircles, importGraph, listSourceFiles } from './source-files';

const repoRoot = join(__dirname, '..', '..', '..');
const maxLines = 300;

/** Test code: Jest specs, test-support helpers, the reusable suites and test libraries, benchmarks (none of it ships). */
const isTestCode = (file: string) =>
  file.endsWith('.spec.ts') ||
  file.includes('/bench/') ||
  file.includes('/test-support/') ||
  /^libs\/(testing|testing-infra)\//.test(file) ||
  file.startsWith('libs/event-store/src/conformance/');

/** Source files allowed over 300 lines today, each with the reason; shrink this list, never grow it. */
const longFileExceptions = new Map<string, string>([]);

export function structureProblems(): string[] {
  const files = listSourceFiles(repoRoot);
  const problems = importCircles(importGraph(repoRoot, files)).map((circle) => `import circle among: ${circle.join(', ')}`);
  for (const file of files) {
    if (isTestCode(file) || longFileExceptions.has(file)) continue;
    const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n').length - 1;
    if (lines > maxLines) problems.push(`${file}: ${lines} lines (at most ${maxLines} outside tests)`);
  }
  return problems;
}

if (require.main === module) {
  const problems = structureProblems();
  for (const problem of problems) console.error(problem);
  process.exit(problems.length === 0 ? 0 : 1);
}
