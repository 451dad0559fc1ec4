/**
 * The chart's database least privilege, checked on the rendered manifests of one service's release:
 * its migration Job loads the service's Secret and then the owner's (migration) Secret, so the
 * owner's EVENT_STORE_URL wins there only, and names the roles it grants (the service's own; the
 * audit's as reader); no Deployment loads the owner's Secret.
 */
import { parseAllDocuments } from 'yaml';

interface Container {
  env?: { name: string; value?: string }[];
  envFrom?: { secretRef?: { name: string } }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: { template?: { spec?: { containers?: Container[] } } };
}

const role = (service: string): string => `sa_svc_${service.replace(/-/g, '_')}`;

export function checkDatabaseAccess(service: string, manifests: string, migrationSecret = 'sa-db-migrator'): void {
  const docs = parseAllDocuments(manifests)
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
  const containers = (kind: string) => docs.filter((d) => d.kind === kind).flatMap((d) => d.spec?.template?.spec?.containers ?? []);
  const [job] = containers('Job');
  if (!job) throw new Error(`${service}: no migration Job rendered`);
  const secrets = (job.envFrom ?? []).map((e) => e.secretRef?.name);
  if (secrets.join(',') !== `sa-${service},${migrationSecret}`)
    throw new Error(`${service}: the migration Job loads ${secrets.join(', ')}; the owner's ${migrationSecret} must come last`);
  const env = Object.fromEntries((job.env ?? []).map((e) => [e.name, e.value]));
  if (env.EVENT_STORE_SERVICE_ROLE !== role(service))
    throw new Error(`${service}: the migration Job grants ${env.EVENT_STORE_SERVICE_ROLE}, not ${role(service)}`);
  const reader = service === 'audit' ? undefined : role('audit');
  if (env.EVENT_STORE_READER_ROLES !== reader)
    throw new Error(`${service}: the migration Job's reader roles are ${env.EVENT_STORE_READER_ROLES}, not ${reader}`);
  for (const container of containers('Deployment')) {
    if ((container.envFrom ?? []).some((e) => e.secretRef?.name === migrationSecret))
      throw new Error(`${service}: a Deployment loads the owner's ${migrationSecret}`);
  }
}
