/**
 * Settings of the local infrastructure, read from environment variables with defaults that keep
 * every server on loopback and out of the way of servers a developer may already run.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export interface InfraConfig {
  /** Data, logs and pid files of this checkout's servers. */
  stateDir: string;
  /** Downloaded and built artefacts shared by every checkout on the machine. */
  cacheDir: string;
  postgres: { host: string; port: number; user: string; password: string; database: string; externalUrl?: string };
  kafka: { host: string; port: number; controllerPort: number; version: string; heapMb: number; externalBrokers?: string };
  ferretdb: { host: string; port: number; version: string; backend: FerretDbBackend; postgresqlUrl: string; externalUrl?: string };
}

/** FerretDB's storage: PostgreSQL (default; a database of its own) or SQLite (kept for comparison, see README). */
export type FerretDbBackend = 'postgresql' | 'sqlite';

function ferretDbBackend(raw: string | undefined): FerretDbBackend {
  if (raw === undefined || raw === '' || raw === 'postgresql') return 'postgresql';
  if (raw === 'sqlite') return raw;
  throw new Error(`SA_FERRETDB_BACKEND must be postgresql or sqlite, got "${raw}"`);
}

/** FerretDB keeps its collections in a database of their own on the same PostgreSQL server. */
function ferretDbPostgresUrl(pg: InfraConfig['postgres'], override: string | undefined): string {
  if (override) return override;
  const url = new URL(pg.externalUrl ?? `postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/`);
  url.pathname = '/ferretdb';
  // FerretDB's own default is 50 connections; the services share this server's 300.
  if (!url.searchParams.has('pool_max_conns')) url.searchParams.set('pool_max_conns', '20');
  return url.toString();
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function loadInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const host = '127.0.0.1';
  const postgres: InfraConfig['postgres'] = {
    host,
    port: port(env, 'SA_PG_PORT', 55432),
    user: 'sa',
    password: 'sa-local-dev',
    database: 'social_assistance',
    externalUrl: nonEmpty(env.DATABASE_URL),
  };
  return {
    stateDir: resolve(env.SA_INFRA_DIR ?? join(repoRoot, '.infra')),
    cacheDir: resolve(env.SA_CACHE_DIR ?? join(homedir(), '.cache', 'social-assistance')),
    postgres,
    kafka: {
      host,
      port: port(env, 'SA_KAFKA_PORT', 59092),
      controllerPort: port(env, 'SA_KAFKA_CONTROLLER_PORT', 59093),
      version: env.SA_KAFKA_VERSION ?? '4.1.2',
      heapMb: Number(env.SA_KAFKA_HEAP_MB ?? 512),
      externalBrokers: nonEmpty(env.KAFKA_BROKERS),
    },
    ferretdb: {
      host,
      port: port(env, 'SA_FERRETDB_PORT', 57017),
      version: 'v1.24.2',
      backend: ferretDbBackend(nonEmpty(env.SA_FERRETDB_BACKEND)),
      postgresqlUrl: ferretDbPostgresUrl(postgres, nonEmpty(env.SA_FERRETDB_POSTGRESQL_URL)),
      externalUrl: nonEmpty(env.MONGODB_URL),
    },
  };
}

/** The connection settings services and tests read, pointing at the local servers or the given ones. */
export function connectionEnv(cfg: InfraConfig): Record<'DATABASE_URL' | 'KAFKA_BROKERS' | 'MONGODB_URL', string> {
  const pg = cfg.postgres;
  return {
    DATABASE_URL: pg.externalUrl ?? `postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${pg.database}`,
    KAFKA_BROKERS: cfg.kafka.externalBrokers ?? `${cfg.kafka.host}:${cfg.kafka.port}`,
    MONGODB_URL: cfg.ferretdb.externalUrl ?? `mongodb://${cfg.ferretdb.host}:${cfg.ferretdb.port}/`,
  };
}
