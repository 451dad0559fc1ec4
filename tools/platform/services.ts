/**
 * The services as the local platform runs them: ports, their own event-store schema and
 * read-model database, and the environment each gets. Shared by `npm start` and the end-to-end tests.
 */
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

/** Development-only signing secret; production verifies tokens with the identity provider's public key. */
export const devJwtSecret = 'local-development-only-secret-do-not-deploy-0123456789';
export const devJwtIssuer = 'social-assistance';
export const devJwtAudience = 'social-assistance';

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

export function serviceEntry(name: string): string {
  return join(repoRoot, 'dist', 'apps', name, 'src', 'main.js');
}

export interface InfraEnv {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string;
  readonly MONGODB_URL: string;
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
    EVENT_STORE_URL: infra.DATABASE_URL,
    EVENT_STORE_SCHEMA: `es_${id}`,
    MONGODB_URL: infra.MONGODB_URL,
    MONGODB_DB: `sa_${id}`,
    JWT_SECRET: devJwtSecret,
    JWT_ISSUER: devJwtIssuer,
    JWT_AUDIENCE: devJwtAudience,
    POLICY_FILE: join(repoRoot, 'config', 'regional-policies.yaml'),
    ...overrides,
  };
}
