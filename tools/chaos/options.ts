/**
 * Flags of `npm run chaos` and the servers it runs on. The suite stops and kills servers, so it
 * only ever runs on its own instances: non-default ports and its own state directory, refused when
 * they are the shared development servers' (55432, 59092, 57017) or external URLs.
 */
import { join } from 'node:path';
import { repoRoot } from '../platform/services';

export interface ChaosOptions {
  /** Applications driven through the whole lifecycle. */
  readonly count: number;
  /** Requests in flight at once (the machine is shared: keep it modest). */
  readonly concurrency: number;
  /** The first service's port; the six services take consecutive ports. */
  readonly basePort: number;
  /** How long a killed service stays down before the harness restarts it (as a supervisor would). */
  readonly restartDelayMs: number;
  /** How long PostgreSQL and the MongoDB-protocol server stay stopped. */
  readonly outageMs: number;
  /** Quick mode: one kill of one service, no server stops. */
  readonly quick: boolean;
  /** Leave the chaos servers running at the end (faster next run). */
  readonly keepServers: boolean;
  readonly runDir: string;
}

const sharedPorts: Record<string, string> = { SA_PG_PORT: '55432', SA_KAFKA_PORT: '59092', SA_KAFKA_CONTROLLER_PORT: '59093', SA_FERRETDB_PORT: '57017' };
const chaosDefaults: Record<string, string> = {
  SA_INFRA_DIR: join(repoRoot, '.infra', 'chaos'),
  SA_PG_PORT: '56632',
  SA_KAFKA_PORT: '60292',
  SA_KAFKA_CONTROLLER_PORT: '60293',
  SA_FERRETDB_PORT: '58217',
};

export const usage = `usage: npm run chaos -- [--quick] [--count N] [--concurrency N] [--base-port P] [--restart-delay-ms MS] [--outage-s S] [--keep-servers]
  servers: SA_INFRA_DIR (default .infra/chaos), SA_PG_PORT (56632), SA_KAFKA_PORT (60292), SA_KAFKA_CONTROLLER_PORT (60293), SA_FERRETDB_PORT (58217)`;

export class OptionsError extends Error {}

function integer(args: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const raw = args[index + 1];
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(`--${name} must be a whole number from ${min} to ${max}, got "${raw ?? ''}"`);
  }
  return value;
}

export function parseOptions(args: readonly string[], runId: string): ChaosOptions {
  const known = new Set(['--quick', '--keep-servers', '--count', '--concurrency', '--base-port', '--restart-delay-ms', '--outage-s']);
  const unknown = args.find((arg) => arg.startsWith('--') && !known.has(arg));
  if (unknown) throw new OptionsError(`unknown flag ${unknown}`);
  const quick = args.includes('--quick');
  return {
    quick,
    count: integer(args, 'count', quick ? 30 : 200, 1, 2000),
    concurrency: integer(args, 'concurrency', 6, 1, 64),
    basePort: integer(args, 'base-port', 3201, 1024, 65000),
    restartDelayMs: integer(args, 'restart-delay-ms', 2000, 0, 60_000),
    outageMs: integer(args, 'outage-s', 30, 1, 300) * 1000,
    keepServers: args.includes('--keep-servers'),
    runDir: join(process.env.SA_INFRA_DIR ?? chaosDefaults.SA_INFRA_DIR ?? '', 'runs', runId),
  };
}

/**
 * Points deploy/local at the chaos servers (this process's environment is what it reads) and
 * refuses the shared ones: stopping those would break every other developer's run.
 */
export function useChaosServers(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'MONGODB_URL']) {
    if (env[name]) throw new OptionsError(`${name} is set: the chaos suite stops and kills its servers, so it runs only on its own (unset ${name})`);
  }
  for (const [name, value] of Object.entries(chaosDefaults)) if (!env[name]) env[name] = value;
  for (const [name, shared] of Object.entries(sharedPorts)) {
    if (env[name] === shared) throw new OptionsError(`${name}=${shared} is the shared development server's port; the chaos suite needs its own`);
  }
}
