/**
 * The chart's static checks (part of `npm test`): helm lint, `helm template` for each service on
 * its own (as it is released) and for all of them, every manifest validated by kubeconform against
 * the Kubernetes schemas of a current version (strict: no field the API does not know), and the
 * chart's copy of the regional policy identical to config/regional-policies.yaml, and each
 * service's migration Job the only place the schemas' owner logs in (database-access.ts).
 *
 *   npx tsx deploy/helm/validate/validate-chart.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { services } from '../../../tools/platform/services';
import { run } from '../../local/lib/process';
import { checkDatabaseAccess } from './database-access';
import { installChartTools } from './tools';

const repoRoot = resolve(__dirname, '..', '..', '..');
const chart = join(repoRoot, 'deploy', 'helm', 'social-assistance');

function checkPolicyCopy(): void {
  const source = readFileSync(join(repoRoot, 'config', 'regional-policies.yaml'), 'utf8');
  const copy = readFileSync(join(chart, 'files', 'regional-policies.yaml'), 'utf8');
  if (source !== copy) {
    throw new Error(
      'deploy/helm/social-assistance/files/regional-policies.yaml differs from config/regional-policies.yaml: cp config/regional-policies.yaml deploy/helm/social-assistance/files/',
    );
  }
}

/** A Deployment with a misspelt field and a wrong type: the schemas must reject it, or the check proves nothing. */
const canary = `apiVersion: apps/v1
kind: Deployment
metadata: { name: canary }
spec:
  replicaz: 2
  selector: { matchLabels: { app: canary } }
  template:
    metadata: { labels: { app: canary } }
    spec:
      containers: [{ name: c, image: busybox, ports: [{ containerPort: "http" }] }]
`;

function kubeconform(tools: ReturnType<typeof installChartTools>, manifests: string): { ok: boolean; output: string } {
  const args = ['-strict', '-summary', '-kubernetes-version', tools.kubernetesVersion, '-schema-location', tools.schemaLocation, '-'];
  const result = spawnSync(tools.kubeconform, args, { input: manifests, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export function validateChart(log: (line: string) => void = console.log): void {
  checkPolicyCopy();
  const tools = installChartTools();
  const rejected = kubeconform(tools, canary);
  if (rejected.ok || !/replicaz/.test(rejected.output) || !/containerPort/.test(rejected.output)) {
    throw new Error(`the Kubernetes schemas accept a Deployment they must reject:\n${rejected.output}`);
  }
  run(tools.helm, ['lint', '--strict', chart, '--kube-version', tools.kubernetesVersion]);
  // Every service `npm start` runs is released on its own (a service missing from values.yaml fails its `helm template`).
  const releases: [string, string[]][] = [...services.map((s): [string, string[]] => [s.name, ['--set', `service=${s.name}`]]), ['all services', []]];
  for (const [name, args] of releases) {
    const manifests = run(tools.helm, ['template', 'sa', chart, '--kube-version', tools.kubernetesVersion, '--namespace', 'social-assistance', ...args]);
    const kinds = [...manifests.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    const result = kubeconform(tools, manifests);
    if (!result.ok) throw new Error(`kubeconform rejects the chart's manifests for ${name}:\n${result.output}`);
    if (args.length > 0) checkDatabaseAccess(name, manifests);
    log(`  ${name}: ${kinds.length} manifests (${[...new Set(kinds)].sort().join(', ')}) — ${result.output.split('\n').pop()}`);
  }
}

if (require.main === module) {
  try {
    validateChart();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
