/**
 * Settings of the local infrastructure, read from environment variables with defaults that keep
 * every server on loopback and out of the way of servers a developer may already run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export interface InfraConfig {
  /** Data, logs and pid files of this checkout's servers. */
  stateDir: string;
  /** Downloaded and built artefacts shared by every checkout on the machine. */
  cacheDir: string;
  postgres: { host: string; port: number; user: string; password: string; database: string; externalUrl?: string };
  kafka: {
    host: string;
    port: number;
    controllerPort: number;
    version: string;
    heapMb: number;
    externalBrokers?: string;
    /**
     * sasl_ssl (default): SCRAM-SHA-512 logins and ACLs (components/kafka-access.ts) over TLS with
     * this checkout's CA (components/kafka-tls.ts); sasl: the same without TLS; plaintext: anyone connects.
     */
    security: KafkaSecurityMode;
  };
  ferretdb: { host: string; port: number; version: string; backend: FerretDbBackend; postgresqlUrl: string; externalUrl?: string };
}

export type KafkaSecurityMode = 'sasl_ssl' | 'sasl' | 'plaintext';

function kafkaSecurityMode(raw: string | undefined): KafkaSecurityMode {
  if (raw === undefined || raw === '' || raw === 'sasl_ssl') return 'sasl_ssl';
  if (raw === 'sasl' || raw === 'plaintext') return raw;
  throw new Error(`SA_KAFKA_SECURITY must be sasl_ssl, sasl or plaintext, got "${raw}"`);
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
      security: kafkaSecurityMode(nonEmpty(env.SA_KAFKA_SECURITY)),
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

/** The Kafka principals' passwords of this checkout's broker: generated once, kept beside its data (never committed). */
export function kafkaCredentialsFile(cfg: InfraConfig): string {
  return join(cfg.stateDir, 'kafka-credentials.json');
}

export function kafkaCredentials(cfg: InfraConfig, principals: readonly string[]): Record<string, string> {
  return generatedPasswords(cfg, kafkaCredentialsFile(cfg), principals);
}

/** The services' PostgreSQL login roles' passwords (sa_svc_<service>), beside the Kafka ones; the owner stays `sa`. */
export function postgresCredentialsFile(cfg: InfraConfig): string {
  return join(cfg.stateDir, 'postgres-credentials.json');
}

export function postgresCredentials(cfg: InfraConfig, roles: readonly string[]): Record<string, string> {
  return generatedPasswords(cfg, postgresCredentialsFile(cfg), roles);
}

/** Passwords of `names` in `file` (mode 0600), those missing generated and added. */
function generatedPasswords(cfg: InfraConfig, file: string, names: readonly string[]): Record<string, string> {
  const known: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const missing = names.filter((p) => !known[p]);
  if (missing.length === 0) return known;
  for (const name of missing) known[name] = randomBytes(24).toString('base64url');
  mkdirSync(cfg.stateDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  return known;
}

export type ConnectionEnv = Record<'DATABASE_URL' | 'KAFKA_BROKERS' | 'MONGODB_URL', string> &
  Partial<Record<KafkaSecurityVariable | 'SA_PG_CREDENTIALS_FILE', string>>;

const kafkaSecurityVariables = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_TLS',
  'KAFKA_TLS_CA_FILE',
  'SA_KAFKA_CREDENTIALS_FILE',
] as const;
type KafkaSecurityVariable = (typeof kafkaSecurityVariables)[number];

/**
 * Kafka's credentials: the local SASL broker's super user (sa-admin: tests and tools create and
 * delete their own topics; each service gets its own principal from tools/platform/services.ts,
 * which reads SA_KAFKA_CREDENTIALS_FILE), or for an external broker the KAFKA_SASL_* / KAFKA_TLS_*
 * variables given, passed on as they are.
 */
function kafkaSecurityEnv(cfg: InfraConfig, env: NodeJS.ProcessEnv): Partial<Record<KafkaSecurityVariable, string>> {
  if (cfg.kafka.externalBrokers !== undefined || cfg.kafka.security === 'plaintext') {
    return Object.fromEntries(kafkaSecurityVariables.flatMap((name) => (env[name] ? [[name, env[name] as string]] : [])));
  }
  return {
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
    KAFKA_SASL_USERNAME: 'sa-admin',
    KAFKA_SASL_PASSWORD: kafkaCredentials(cfg, ['sa-admin'])['sa-admin'],
    SA_KAFKA_CREDENTIALS_FILE: kafkaCredentialsFile(cfg),
    // The broker's certificate is signed by this checkout's CA (components/kafka-tls.ts), made when the broker first starts.
    ...(cfg.kafka.security === 'sasl_ssl' ? { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(cfg.stateDir, 'kafka', 'tls', 'ca.pem') } : {}),
  };
}

function pickEnv(env: NodeJS.ProcessEnv, name: 'SA_PG_CREDENTIALS_FILE'): Partial<Record<typeof name, string>> {
  return env[name] ? { [name]: env[name] } : {};
}

/** The connection settings services and tests read, pointing at the local servers or the given ones. */
export function connectionEnv(cfg: InfraConfig, env: NodeJS.ProcessEnv = process.env): ConnectionEnv {
  const pg = cfg.postgres;
  return {
    DATABASE_URL: pg.externalUrl ?? `postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${pg.database}`,
    KAFKA_BROKERS: cfg.kafka.externalBrokers ?? `${cfg.kafka.host}:${cfg.kafka.port}`,
    MONGODB_URL: cfg.ferretdb.externalUrl ?? `mongodb://${cfg.ferretdb.host}:${cfg.ferretdb.port}/`,
    ...kafkaSecurityEnv(cfg, env),
    // The local server's service roles (deploy/local/components/postgres-roles.ts): services run as their own role, not as `sa`.
    ...(pg.externalUrl ? pickEnv(env, 'SA_PG_CREDENTIALS_FILE') : { SA_PG_CREDENTIALS_FILE: postgresCredentialsFile(cfg) }),
  };
}
