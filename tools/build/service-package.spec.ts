import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, services } from '../platform/services';
import { servicePackage } from './service-package';

describe('per-service packages and images', () => {
  // Compiled into a directory of its own: dist/ may be loading in other tests' processes.
  const distDir = mkdtempSync(join(tmpdir(), 'sa-service-package-'));
  beforeAll(() => {
    const built = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', 'payments', 'audit', '--out', distDir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`compiling failed: ${built.stderr}`);
  }, 120_000);
  afterAll(() => rmSync(distDir, { recursive: true, force: true }));

  it('lists only what the service requires, pinned to the installed versions, without the KurrentDB client unless asked', () => {
    // Given the compiled payments service
    // When its package is derived, with and without KurrentDB
    const plain = servicePackage('payments', { withKurrentDb: false, distDir });
    const kurrent = servicePackage('payments', { withKurrentDb: true, distDir });
    // Then the HTTP adapter Nest loads by name is in, the KurrentDB client only when asked, and nothing of the toolchain
    const names = Object.keys(plain.manifest.dependencies);
    expect(names).toEqual(expect.arrayContaining(['@nestjs/core', '@nestjs/platform-express', '@platformatic/kafka', 'pg', 'mongoose', 'zod']));
    expect(names).not.toContain('@kurrent/kurrentdb-client');
    expect(Object.keys(kurrent.manifest.dependencies)).toContain('@kurrent/kurrentdb-client');
    expect(names.filter((n) => /typescript|jest|nx|swc|tsx|eslint/.test(n))).toEqual([]);
    for (const [name, version] of Object.entries(plain.manifest.dependencies)) {
      expect(version).toBe((JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version);
    }
    // And its compiled files are its own and the libraries', not another service's nor test support
    expect(plain.files).toContain('apps/payments/src/main.js');
    expect(plain.files.filter((f) => f.startsWith('apps/') && !f.startsWith('apps/payments/'))).toEqual([]);
    expect(plain.files.filter((f) => /test-support|\/tests\//.test(f))).toEqual([]);
  });

  it('keeps a file started by path (the audit integrity worker) with what it requires', () => {
    const audit = servicePackage('audit', { withKurrentDb: false, distDir });
    expect(audit.files).toContain('apps/audit/src/integrity/verify-worker.js');
  });

  it.each(services.map((s) => [s.name, s.port]))('builds %s in its own image, exposing port %d, from its own package', (name, port) => {
    const dockerfile = readFileSync(join(repoRoot, 'apps', name, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`npx tsx tools/build/service-package.ts ${name} /out`);
    expect(dockerfile).toContain(`EXPOSE ${port}`);
    expect(dockerfile).toContain(`PORT=${port} `);
    expect(dockerfile).toContain(`CMD ["node", "--enable-source-maps", "dist/apps/${name}/src/main.js"]`);
    expect(dockerfile).not.toMatch(/npm prune/);
  });
});
