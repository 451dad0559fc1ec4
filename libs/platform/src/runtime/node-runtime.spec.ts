/**
 * The platform runs on Node 24 LTS even on a machine whose own Node is older: package.json has the
 * npm registry's `node` package as a devDependency, so `npm test`, `npm start` and `npx …` find
 * node_modules/.bin/node first on PATH, and everything they start uses process.execPath.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

describe(`the Node.js runtime (this worker: ${process.version})`, () => {
  it('runs the tests on the Node major of the `node` devDependency, which engines requires', () => {
    // given the pinned runtime and the engines range
    const pinned = major(manifest.devDependencies.node);
    // then this Jest worker runs on it, and it is Node 24 LTS
    expect(pinned).toBe(24);
    expect(manifest.engines.node).toBe(`>=${pinned}`);
    expect(major(process.version)).toBe(pinned);
  });

  it('resolves `tsx` and `node` on PATH (as npm scripts and npx do) to the same Node', () => {
    // when tsx is started by name, its `#!/usr/bin/env node` line resolved through PATH
    const child = spawnSync('tsx', ['-e', 'process.stdout.write(process.version)'], { encoding: 'utf8', cwd: repoRoot });
    // then it reports this Node, not the machine's /usr/bin/node
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(process.version);
  });
});
