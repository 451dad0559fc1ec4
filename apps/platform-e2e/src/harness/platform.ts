/**
 * Starts the five services as separate processes against the real local servers, each with a fresh
 * event-store schema, read-model database, Kafka topic namespace and consumer groups, so a run
 * never sees another run's data. Logs go to .infra/e2e/<run>/<service>.log.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEnv, uniqueName } from '@sa/testing';
// The end-to-end run starts the services exactly as `npm start` does: one list, one environment.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { repoRoot, serviceEntry, serviceEnv, services, type ServiceSpec } from '../../../../tools/platform/services';
import { freePort } from '@sa/testing';
// The run's Kafka grants, as the chaos suite makes them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { grantRunAccess } from '../../../../tools/platform/run-access';
// Each schema migrated as its owner, each service run as its own PostgreSQL role, as `npm start` does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { migrationEnv, runMigration } from '../../../../tools/platform/database-roles';

/** One process of a service: its own port and log file. */
export interface Replica {
  readonly service: string;
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
}

export interface RunningPlatform {
  readonly runId: string;
  readonly topicPrefix: string;
  /** Each service's first replica. */
  readonly urls: Record<string, string>;
  /** Every replica of each service (one unless asked for more), those stopped or killed included. */
  readonly replicas: Record<string, readonly Replica[]>;
  /** One more replica of the service, ready; `extra` is its own environment (a new build's flags). */
  addReplica(service: string, extra?: Record<string, string>): Promise<Replica>;
  /** Stops one replica as a rollout does: SIGTERM, its graceful shutdown (SIGKILL after 20 s). */
  stopReplica(replica: Replica): Promise<void>;
  readonly logDir: string;
  stop(): Promise<void>;
}

function build(): void {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', '--all'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the services failed:\n${result.stdout}\n${result.stderr}`);
}

async function waitReady(name: string, url: string, child: ChildProcess, logFile: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
}

function stopChild(child: ChildProcess, graceMs = 20_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode); // exited, or killed
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveStop(code);
    });
    child.kill('SIGTERM');
  });
}

/** Starts the platform; `replicas` processes per service share its schema, database and consumer groups. */
export async function startPlatform(extraEnv: Record<string, string> = {}, replicaCount = 1): Promise<RunningPlatform> {
  build();
  const infra = integrationEnv();
  const runId = uniqueName('e2e');
  const topicPrefix = `${runId}.`;
  const logDir = join(repoRoot, '.infra', 'e2e', runId);
  mkdirSync(logDir, { recursive: true });
  const infraEnv = {
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    MONGODB_URL: infra.mongodbUrl,
    KAFKA_SASL_MECHANISM: process.env.KAFKA_SASL_MECHANISM,
    KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME,
    KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD,
    KAFKA_TLS: process.env.KAFKA_TLS,
    KAFKA_TLS_CA_FILE: process.env.KAFKA_TLS_CA_FILE,
    SA_KAFKA_CREDENTIALS_FILE: process.env.SA_KAFKA_CREDENTIALS_FILE,
    SA_PG_CREDENTIALS_FILE: process.env.SA_PG_CREDENTIALS_FILE,
  };
  const access = await grantRunAccess(topicPrefix, infraEnv);
  const urls: Record<string, string> = {};
  const started: Array<Promise<void>> = [];
  // The audit service reads this run's five schemas, named as below.
  const sources = services
    .filter((s) => s.name !== 'audit')
    .map((s) => `${s.name}:${runId}_${s.name.replace(/-/g, '_')}`)
    .join(',');
  const replicas: Record<string, Replica[]> = {};
  /** A process's environment: the run's schema, database, topics and groups; as its own database role where the server has them. */
  const envOf = (spec: ServiceSpec, port: number, extra: Record<string, string> = {}) => {
    const id = `${runId}_${spec.name.replace(/-/g, '_')}`;
    const env = serviceEnv({ ...spec, port }, infraEnv, {
      EVENT_STORE_SCHEMA: id,
      MONGODB_DB: id,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_CONSUMER_GROUP_PREFIX: topicPrefix,
      ALLOW_CLOCK_CONTROL: 'true',
      SCHEDULER_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
      ...(spec.name === 'audit' ? { AUDIT_SOURCE_SCHEMAS: sources } : {}),
      ...extraEnv,
      ...extra,
    });
    // Its database sessions say which run and service they belong to (pg_stat_activity.application_name = the schema).
    const url = new URL(String(env.EVENT_STORE_URL));
    url.searchParams.set('application_name', id);
    return { ...env, EVENT_STORE_URL: url.toString() };
  };
  /** Starts one more process of the service (its name numbered), with extra environment (a new build's flags). */
  const launch = async (spec: ServiceSpec, extra: Record<string, string> = {}): Promise<{ replica: Replica; ready: Promise<void> }> => {
    const port = await freePort();
    const env = envOf(spec, port, extra);
    const list = (replicas[spec.name] ??= []);
    const name = replicaCount === 1 && list.length === 0 ? spec.name : `${spec.name}-${list.length + 1}`;
    const logFile = join(logDir, `${name}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, ['--enable-source-maps', serviceEntry(spec.name)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const replica: Replica = { service: spec.name, name, url: `http://127.0.0.1:${port}`, child, logFile };
    list.push(replica);
    urls[spec.name] ??= replica.url;
    return { replica, ready: waitReady(name, replica.url, child, logFile) };
  };
  try {
    await Promise.all(services.map((spec) => runMigration(spec.name, serviceEntry(spec.name), migrationEnv(spec.name, envOf(spec, 0), infraEnv), repoRoot)));
  } catch (error) {
    await access.revoke();
    throw error;
  }
  for (const spec of services) for (let i = 0; i < replicaCount; i++) started.push((await launch(spec)).ready);
  const addReplica = async (service: string, extra: Record<string, string> = {}): Promise<Replica> => {
    const spec = services.find((s) => s.name === service);
    if (!spec) throw new Error(`no service ${service}`);
    const { replica, ready } = await launch(spec, extra);
    await ready;
    return replica;
  };
  const stop = async () => {
    await Promise.all(Object.values(replicas).flatMap((rs) => rs.map((r) => stopChild(r.child))));
    await access.revoke();
  };
  try {
    await Promise.all(started);
  } catch (error) {
    await stop();
    throw error;
  }
  return { runId, topicPrefix, urls, replicas, logDir, stop, addReplica, stopReplica: (r: Replica) => stopChild(r.child).then(() => undefined) };
}
