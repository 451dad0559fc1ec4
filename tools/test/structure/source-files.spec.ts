import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importCircles, importGraph, listSourceFiles } from './source-files';

/** A throwaway workspace with the given files (path → source). */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sa-structure-'));
  writeFileSync(
    join(root, 'tsconfig.base.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', paths: { '@sa/lib': ['./libs/lib/src/index.ts'] } } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the structure check’s import graph', () => {
  it('finds a circle through a relative import and a path alias, type-only imports included', () => {
    // given a → b (relative), b → the library through its alias, the library's index → a (type only)
    const root = workspace({
      'apps/x/src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'apps/x/src/b.ts': "import '@sa/lib';\nexport const b = 1;\n",
      'libs/lib/src/index.ts': "import type { a } from '../../../apps/x/src/a';\nexport type A = typeof a;\n",
      'apps/x/src/c.ts': "import { a } from './a';\nimport { readFileSync } from 'node:fs';\nexport const c = [a, readFileSync];\n",
    });
    // when the graph is built and its circles found
    const circles = importCircles(importGraph(root, listSourceFiles(root)));
    // then the three files form one circle, and c (which only imports into it) is not part of it
    expect(circles).toEqual([['apps/x/src/a.ts', 'apps/x/src/b.ts', 'libs/lib/src/index.ts']]);
  });

  it('finds no circle in a graph that only points one way', () => {
    // given a → b → c
    const root = workspace({
      'apps/x/src/a.ts': "export * from './b';\n",
      'apps/x/src/b.ts': "export * from './c';\n",
      'apps/x/src/c.ts': 'export const c = 1;\n',
    });
    // then there is nothing to report
    expect(importCircles(importGraph(root, listSourceFiles(root)))).toEqual([]);
  });
});
