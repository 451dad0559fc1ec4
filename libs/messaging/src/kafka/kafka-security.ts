/**
 * How a client proves who it is to Kafka: SASL (SCRAM-SHA-512 by default) and TLS, from
 * environment variables validated at start-up. Every Kafka client of the platform (services,
 * tools, tests) is built through `kafkaClientOptions`, so one set of variables reaches all of them.
 *
 *   KAFKA_SASL_MECHANISM   SCRAM-SHA-512 | SCRAM-SHA-256 | PLAIN (unset: no SASL)
 *   KAFKA_SASL_USERNAME    the principal (User:<name> in the broker's ACLs)
 *   KAFKA_SASL_PASSWORD    its password
 *   KAFKA_TLS              true | false (default false; true when a KAFKA_TLS_CA_FILE is given)
 *   KAFKA_TLS_CA_FILE      PEM file of the CA that signed the brokers' certificates
 *
 * With NODE_ENV=production a client must use SASL and TLS: a broker reachable without credentials
 * lets anyone publish a death report, and SCRAM without TLS leaves the payloads readable on the wire.
 */
import { readFileSync } from 'node:fs';
import type { BaseOptions, SASLOptions } from '@platformatic/kafka';
import type { KafkaClientOptions } from './client-options';

export const saslMechanisms = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

export interface KafkaSecurity {
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string };
  readonly tls?: { readonly ca?: string };
}

export class KafkaSecurityError extends Error {
  override readonly name = 'KafkaSecurityError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kafka security settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Environment variables, or a validated configuration holding them (other keys may be numbers). */
type Env = Readonly<Record<string, unknown>>;

function given(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value !== 'string' || value.trim() === '' ? undefined : value.trim();
}

function saslOf(env: Env, problems: string[]): KafkaSecurity['sasl'] {
  const mechanism = given(env, 'KAFKA_SASL_MECHANISM');
  const username = given(env, 'KAFKA_SASL_USERNAME');
  const password = typeof env.KAFKA_SASL_PASSWORD === 'string' ? env.KAFKA_SASL_PASSWORD : undefined;
  if (mechanism === undefined) {
    if (username !== undefined || password) problems.push('KAFKA_SASL_MECHANISM: is required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set');
    return undefined;
  }
  if (!(saslMechanisms as readonly string[]).includes(mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM: must be one of ${saslMechanisms.join(', ')} (got "${mechanism}")`);
  }
  if (username === undefined) problems.push('KAFKA_SASL_USERNAME: is required with KAFKA_SASL_MECHANISM');
  if (!password) problems.push('KAFKA_SASL_PASSWORD: is required with KAFKA_SASL_MECHANISM');
  return { mechanism: mechanism as SaslMechanism, username: username ?? '', password: password ?? '' };
}

function tlsOf(env: Env, problems: string[]): KafkaSecurity['tls'] {
  const flag = given(env, 'KAFKA_TLS');
  const caFile = given(env, 'KAFKA_TLS_CA_FILE');
  if (flag !== undefined && flag !== 'true' && flag !== 'false') problems.push(`KAFKA_TLS: must be true or false (got "${flag}")`);
  if (flag === 'false' && caFile) problems.push('KAFKA_TLS_CA_FILE: is set but KAFKA_TLS is false');
  if (flag !== 'true' && !caFile) return undefined;
  if (!caFile) return {};
  try {
    return { ca: readFileSync(caFile, 'utf8') };
  } catch (error) {
    problems.push(`KAFKA_TLS_CA_FILE: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return {};
  }
}

/** The Kafka security settings in `env`; throws KafkaSecurityError naming every variable that breaks a rule. */
export function kafkaSecurityFromEnv(env: Env = process.env): KafkaSecurity {
  const problems: string[] = [];
  const sasl = saslOf(env, problems);
  const tls = tlsOf(env, problems);
  if (sasl?.mechanism === 'PLAIN' && !tls) problems.push('KAFKA_SASL_MECHANISM: PLAIN sends the password as it is; it needs KAFKA_TLS=true');
  if (env.NODE_ENV === 'production') {
    if (!sasl) problems.push('KAFKA_SASL_MECHANISM: is required when NODE_ENV=production (a broker must know who publishes)');
    if (!tls) problems.push('KAFKA_TLS: must be true when NODE_ENV=production (county data travels encrypted)');
  }
  if (problems.length > 0) throw new KafkaSecurityError(problems);
  return { ...(sasl ? { sasl } : {}), ...(tls ? { tls } : {}) };
}

/** The client options that carry `security` (nothing when the broker takes plain connections). */
export function securityOptions(security: KafkaSecurity): Partial<BaseOptions> {
  const options: Partial<BaseOptions> = {};
  if (security.sasl) options.sasl = { ...security.sasl } satisfies SASLOptions;
  if (security.tls) options.tls = security.tls.ca ? { ca: security.tls.ca } : {};
  return options;
}

/** Options for one Kafka client: brokers, a client id, and the security settings of `env`. */
export function kafkaClientOptions(bootstrapBrokers: readonly string[], clientId: string, env: Env = process.env): KafkaClientOptions {
  return { bootstrapBrokers: [...bootstrapBrokers], clientId, ...securityOptions(kafkaSecurityFromEnv(env)) };
}
