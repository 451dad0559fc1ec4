/**
 * Configuration from environment variables, validated once at start-up. A bad or missing variable
 * stops the service with a message naming it and the rule it breaks, never a stack trace later.
 */
import { KafkaSecurityError, kafkaSecurityFromEnv, saslMechanisms } from '@sa/messaging';
import { z } from 'zod';
import { productionProblems } from './production-rules';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const port = z.coerce.number().int().min(0, 'must be a TCP port (0 picks a free one)').max(65535);
const url = (schemes: string[]) =>
  z.string().refine((value) => schemes.some((s) => value.startsWith(`${s}://`)), {
    message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  });
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const sqlRole = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier (a PostgreSQL role)');

/** The variables every service reads. Services extend it with their own. */
export const baseConfigSchema = z.object({
  /** The address the HTTP server binds (0.0.0.0 in a container). */
  HOST: z.string().default('127.0.0.1'),
  /** The HTTP port: /health, /metrics, /docs and the service's API. */
  PORT: port,
  /** Structured JSON logs at this level and above (personal data masked at every level). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** The Kafka bootstrap brokers. */
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port…]'),
  /** The Kafka login (libs/messaging/src/kafka/kafka-security.ts): required, with KAFKA_TLS=true, when NODE_ENV=production. */
  KAFKA_SASL_MECHANISM: z.enum(saslMechanisms).optional(),
  /** This service's own principal (svc-<service> in the broker's ACLs). */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** That principal's password (from a Secret; never in a committed file). */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** TLS to the brokers (the local broker takes SASL_SSL only: npm start and npm test set it); KAFKA_TLS_CA_FILE names the PEM file of their CA when it is not a public one. */
  KAFKA_TLS: z.enum(['true', 'false']).optional(),
  /** The PEM file of the brokers' CA, when it is not a public one; locally the checkout's own CA, `.infra/kafka/tls/ca.pem` (deploy/local/components/kafka-tls.ts). */
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  /** production turns on the checks that refuse development settings (Kafka without SASL/TLS, …). */
  NODE_ENV: z.string().optional(),
  /** Partitions of the topics the service creates when they are missing; replicas share a consumer group's partitions, so this caps the consumers that work at once. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(3),
  /** Prepended to every topic name (e.g. "staging."): one cluster can carry several isolated deployments or test runs. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]{0,100}$/, 'must be letters, digits, dot, underscore or hyphen')
    .default(''),
  /** Prepended to consumer group ids, so two deployments (or test runs) on one cluster do not share offsets. */
  KAFKA_CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]{0,100}$/, 'must be letters, digits, dot, underscore or hyphen')
    .default(''),
  /**
   * This replica's stable name, kept across restarts: its consumers' static group membership
   * (libs/messaging README), so a replica killed and restarted gets its partitions back at once.
   * Default: host name, service and PORT (a fixed port names a replica on its host); unset with PORT=0.
   */
  SA_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, dot, underscore or hyphen')
    .optional(),
  /** The event store: PostgreSQL (postgres://…, one schema per service) or KurrentDB (kurrentdb://…). Holds a password: keep it in a Secret. */
  EVENT_STORE_URL: url(['postgres', 'postgresql', 'kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover']),
  /** The service's PostgreSQL schema (default es_<service>, e.g. es_charity_referral). */
  EVENT_STORE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  /** Where the relay keeps its checkpoint (PostgreSQL); defaults to EVENT_STORE_URL when that is PostgreSQL. */
  CHECKPOINT_DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  /** The MongoDB-protocol server of the read models (MongoDB, or FerretDB locally). Holds a password: keep it in a Secret. */
  MONGODB_URL: url(['mongodb', 'mongodb+srv']),
  /** The read models' database (default sa_<service>). */
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a database name of letters, digits, _ or -')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256)').optional(),
  JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
  /** The identity provider's JSON Web Key Set (kid rotation without a restart); https in production. */
  JWT_JWKS_URL: url(['https', 'http']).optional(),
  /** The longest a bearer token may live (exp − iat), in seconds. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(12 * 3600),
  JWT_ISSUER: z.string().default('social-assistance'),
  JWT_AUDIENCE: z.string().default('social-assistance'),
  /** The effective-dated regional policy file (config/regional-policies.yaml); services that calculate with it refuse to start without it. */
  POLICY_FILE: z.string().optional(),
  /** Calls a minute one caller may make to one expensive route (integrity runs, scans, payroll starts, job runs); then 429. */
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Lets tests move a service's clock through PUT /admin/clock (operator role). Refused when NODE_ENV=production. */
  ALLOW_CLOCK_CONTROL: booleanFlag.default(false),
  /** How often the leader runs the scheduled jobs (payroll day, offer time-outs, open checks, findings watch). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * How often a replica asks for the leader lock, and the leader checks it still holds it (ms): a
   * dead leader is replaced within about this long (leadership/leadership.ts).
   */
  SA_LEADER_POLL_MS: z.coerce.number().int().min(100, 'must be at least 100 ms').max(60_000, 'must be at most 60000 ms').default(1000),
  /**
   * Whether the service migrates its event-store schema when it starts. Production runs the
   * migration Job of the Helm chart before the new version and sets this to false: replicas of
   * the new version then never race an old one over the schema.
   */
  SA_MIGRATE_ON_START: booleanFlag.default(true),
  /**
   * The `migrate` command (run as the schema's owner) grants this PostgreSQL role the service's
   * rights on its schema: append and read events, nothing that changes one (docs/runbook.md
   * "Database roles"). The service then runs with EVENT_STORE_URL naming this role and
   * SA_MIGRATE_ON_START=false. Unset: no grants (the service connects as the owner).
   */
  EVENT_STORE_SERVICE_ROLE: sqlRole.optional(),
  /** Roles the `migrate` command grants read-only access to the service's schema: the audit service's role. Comma-separated. */
  EVENT_STORE_READER_ROLES: z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(sqlRole))
    .optional(),
  /** Where traces go, by OTLP/HTTP (e.g. http://otel-collector:4318); tracing is off when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  /** The service name on exported spans; the service's own name when unset. */
  OTEL_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, dot, underscore or hyphen')
    .optional(),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Validates `env` against `schema`; throws ConfigError listing every problem at once. */
export function loadConfig<S extends z.ZodType<BaseConfig>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    const config = result.data;
    if (!config.JWT_SECRET && !config.JWT_PUBLIC_KEY && !config.JWT_JWKS_URL) {
      throw new ConfigError(['JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_SECRET: one is required to verify bearer tokens']);
    }
    // Every problem at once: production's refusals and Kafka's login rules.
    const problems = productionProblems(config);
    try {
      kafkaSecurityFromEnv(config);
    } catch (error) {
      if (!(error instanceof KafkaSecurityError)) throw error;
      problems.push(...error.problems);
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const given = env[name];
    const shown = given === undefined ? 'is not set' : `got "${name.includes('SECRET') || name.includes('KEY') || name.includes('PASSWORD') ? '***' : given}"`;
    return `${name}: ${given === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}
