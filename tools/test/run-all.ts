/**
 * `npm test`: first the static checks (TypeScript over the whole workspace — Jest's SWC transform
 * does not type-check — ESLint with the Nx module-boundary rules, and Prettier), then installs and starts the
 * real local servers the integration tests need (Kafka, PostgreSQL, FerretDB), runs every project's
 * Jest tests against them, and stops the servers this run started.
 * Extra arguments go to Jest and skip the static checks, e.g. `npm test -- libs/event-store`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureUp, stop } from '../../deploy/local/infra';

function staticChecks(): boolean {
  const steps: { name: string; args: string[]; env?: NodeJS.ProcessEnv }[] = [
    { name: 'type check (tsc -p tsconfig.json)', args: [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'] },
    // ESLint's module-boundary rule reads the Nx project graph; compute it first.
    { name: 'project graph (nx show projects)', args: [require.resolve('nx/bin/nx'), 'show', 'projects'], env: { NX_DAEMON: 'false' } },
    {
      name: 'lint and module boundaries (eslint)',
      args: [join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js'), 'apps', 'libs', 'tools', 'deploy'],
    },
    { name: 'structure (no import circle, no source file over 300 lines)', args: [require.resolve('tsx/cli'), 'tools/test/structure/check.ts'] },
    { name: 'secret scan (tracked files; tools/security/secret-scan.ts)', args: [require.resolve('tsx/cli'), 'tools/security/secret-scan.ts'] },
    {
      name: 'Helm chart (helm lint, helm template per service, kubeconform against the Kubernetes 1.37 schemas)',
      args: [require.resolve('tsx/cli'), 'deploy/helm/validate/validate-chart.ts'],
    },
    {
      name: 'formatting (prettier --check; fix with npm run format)',
      args: [require.resolve('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', 'apps', 'libs', 'tools', 'deploy'],
    },
  ];
  for (const step of steps) {
    const began = Date.now();
    const result = spawnSync(process.execPath, step.args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, ...step.env } });
    if (result.status !== 0) {
      process.stdout.write(result.stdout ?? '');
      console.error(`✖ ${step.name} failed`);
      return false;
    }
    console.log(`✔ ${step.name} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  }
  return true;
}

async function main(): Promise<number> {
  const focused = process.argv.length > 2 || process.env.SA_SKIP_STATIC_CHECKS === '1';
  // npm puts node_modules/.bin first on PATH, so this is the `node` devDependency (Node 24), not the machine's Node.
  console.log(`Node ${process.version} (${process.execPath})`);
  if (!focused && !staticChecks()) return 1;
  const up = await ensureUp();
  const summaryFile = join(mkdtempSync(join(tmpdir(), 'sa-test-')), 'summary.txt');
  let status = 1;
  try {
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, ...up.env, SA_INFRA_READY: '1', SA_TEST_SUMMARY_FILE: summaryFile },
    });
    status = jest.status ?? 1;
  } finally {
    // Quietly, so the output still ends with the test summary.
    if (up.started.length > 0) await stop(up.started, () => undefined);
  }
  if (existsSync(summaryFile)) console.log(readFileSync(summaryFile, 'utf8'));
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
