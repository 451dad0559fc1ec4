/**
 * The services as the local platform runs them: ports, their own event-store schema and
 * read-model database, and the environment each gets. Shared by `npm start` and the end-to-end tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { servicePrincipal } from '@sa/messaging';
import { serviceDatabaseLogin } from './database-roles';

export const repoRoot = resolve(__dirname, '..', '..');

/** Development-only signing secret; production verifies tokens with the identity provider's public key. */
export const devJwtSecret = 'local-development-only-secret-do-not-deploy-0123456789';
export const devJwtIssuer = 'social-assistance';
/** Each service accepts tokens for its own audience only (sa-<service>): a token made for one does not open another. */
export const serviceAudience = (service: string): string => `sa-${service}`;

export interface ServiceSpec {
  readonly name: string;
  readonly port: number;
}

export const services: readonly ServiceSpec[] = [
  { name: 'intake', port: 3101 },
  { name: 'verification', port: 3102 },
  { name: 'approval', port: 3103 },
  { name: 'payments', port: 3104 },
  { name: 'charity-referral', port: 3105 },
  // Reads the five services' event stores (read-only) for auditors; needs no Kafka topics of its own.
  { name: 'audit', port: 3106 },
];

/** A development token opens every local service: it names each one's audience (issue-token.ts --service narrows it). */
export const devJwtAudiences: readonly string[] = services.map((s) => serviceAudience(s.name));

export function serviceEntry(name: string): string {
  return join(repoRoot, 'dist', 'apps', name, 'src', 'main.js');
}

export interface InfraEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string;
  readonly MONGODB_URL: string;
  readonly KAFKA_SASL_MECHANISM?: string;
  readonly KAFKA_SASL_USERNAME?: string;
  readonly KAFKA_SASL_PASSWORD?: string;
  readonly KAFKA_TLS?: string;
  readonly KAFKA_TLS_CA_FILE?: string;
  /** The local broker's principals and passwords (deploy/local): each service then logs in as itself. */
  readonly SA_KAFKA_CREDENTIALS_FILE?: string;
  /** The local PostgreSQL's service roles' passwords (deploy/local): each service then connects as its own role (database-roles.ts). */
  readonly SA_PG_CREDENTIALS_FILE?: string;
}

/**
 * A service's Kafka login: its own principal (svc-<name>, only its topics and groups) on the local
 * SASL broker; on a broker the user configured, the credentials given; nothing on a plaintext one.
 */
export function serviceKafkaLogin(name: string, infra: InfraEnv): Record<string, string> {
  const login: Record<string, string> = {};
  for (const key of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_TLS', 'KAFKA_TLS_CA_FILE'] as const) {
    const value = infra[key];
    if (value) login[key] = value;
  }
  if (!infra.KAFKA_SASL_MECHANISM || !infra.SA_KAFKA_CREDENTIALS_FILE || !existsSync(infra.SA_KAFKA_CREDENTIALS_FILE)) return login;
  const principal = servicePrincipal(name);
  const password = (JSON.parse(readFileSync(infra.SA_KAFKA_CREDENTIALS_FILE, 'utf8')) as Record<string, string>)[principal];
  if (!password) throw new Error(`${infra.SA_KAFKA_CREDENTIALS_FILE} has no password for ${principal}: run \`npm run infra:up\` to provision it`);
  return { ...login, KAFKA_SASL_USERNAME: principal, KAFKA_SASL_PASSWORD: password };
}

export function serviceEnv(spec: ServiceSpec, infra: InfraEnv, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const id = spec.name.replace(/-/g, '_');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(spec.port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    ...serviceKafkaLogin(spec.name, infra),
    EVENT_STORE_URL: infra.DATABASE_URL,
    ...serviceDatabaseLogin(spec.name, infra),
    EVENT_STORE_SCHEMA: `es_${id}`,
    MONGODB_URL: infra.MONGODB_URL,
    MONGODB_DB: `sa_${id}`,
    JWT_SECRET: devJwtSecret,
    JWT_ISSUER: devJwtIssuer,
    JWT_AUDIENCE: serviceAudience(spec.name),
    POLICY_FILE: join(repoRoot, 'config', 'regional-policies.yaml'),
    ...overrides,
  };
}
