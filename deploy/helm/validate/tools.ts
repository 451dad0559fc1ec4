/**
 * helm, kubeconform and the Kubernetes schemas, installed the way the local infrastructure installs
 * FerretDB: built from the Go module proxy (`go install module@version`) into the shared cache
 * (~/.cache/social-assistance, SA_CACHE_DIR), once; later runs find them there.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadInfraConfig } from '../../local/config';
import { requirePrograms } from '../../local/lib/prerequisites';
import { run } from '../../local/lib/process';
import { writeKubernetesSchemas } from './kubernetes-schemas';

export const versions = { helm: 'v3.22.1', kubeconform: 'v0.8.0', kubernetes: 'v1.37.2' } as const;

const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

export interface ChartTools {
  readonly helm: string;
  readonly kubeconform: string;
  /** kubeconform's -schema-location template for the cached schemas. */
  readonly schemaLocation: string;
  readonly kubernetesVersion: string;
}

function goInstall(cacheDir: string, module: string, name: string, version: string): string {
  const binary = join(cacheDir, 'helm-tools', `${name}-${version}`);
  if (existsSync(binary)) return binary;
  const buildDir = join(cacheDir, 'helm-tools', `build-${process.pid}`);
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  try {
    run('go', ['install', `${module}@${version}`], { cwd: buildDir, env: { ...goEnv, GOBIN: buildDir } });
    renameSync(join(buildDir, name), binary);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
  return binary;
}

function kubernetesSchemas(cacheDir: string): string {
  const dir = join(cacheDir, 'kubernetes-schemas', `${versions.kubernetes}-standalone-strict`);
  if (existsSync(join(dir, 'deployment-apps-v1.json'))) return dir;
  const scratch = join(cacheDir, 'helm-tools', `mod-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  try {
    const downloaded = JSON.parse(run('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${versions.kubernetes}`], { cwd: scratch, env: goEnv })) as {
      Dir: string;
    };
    writeKubernetesSchemas(join(downloaded.Dir, 'api', 'openapi-spec', 'swagger.json'), dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return dir;
}

export function installChartTools(): ChartTools {
  requirePrograms('the Helm chart checks', ['go']);
  const { cacheDir } = loadInfraConfig();
  const helm = goInstall(cacheDir, 'helm.sh/helm/v3/cmd/helm', 'helm', versions.helm);
  const kubeconform = goInstall(cacheDir, 'github.com/yannh/kubeconform/cmd/kubeconform', 'kubeconform', versions.kubeconform);
  const schemas = kubernetesSchemas(cacheDir);
  return { helm, kubeconform, schemaLocation: join(schemas, '{{ .ResourceKind }}{{ .KindSuffix }}.json'), kubernetesVersion: versions.kubernetes.slice(1) };
}
