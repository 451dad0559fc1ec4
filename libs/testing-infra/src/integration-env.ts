/**
 * Addresses of the real servers integration tests run against. `npm test` (and the Jest global
 * setup) start the local ones and export these variables; a test never falls back to a fake.
 */
import { readFileSync } from 'node:fs';

export interface IntegrationEnv {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  readonly mongodbUrl: string;
  /** SASL and TLS settings of the broker when it asks for them (the local broker does: SCRAM-SHA-512 over TLS, see deploy/local). */
  readonly kafkaSecurity: {
    sasl?: { mechanism: 'SCRAM-SHA-512' | 'SCRAM-SHA-256' | 'PLAIN'; username: string; password: string };
    tls?: { ca?: string };
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: integration tests need the real servers. Run them with \`npm test\`, ` +
        'or start the servers with `npm run infra:up` and export the variables it prints.',
    );
  }
  return value;
}

export function integrationEnv(): IntegrationEnv {
  return {
    databaseUrl: required('DATABASE_URL'),
    kafkaBrokers: required('KAFKA_BROKERS').split(','),
    mongodbUrl: required('MONGODB_URL'),
    kafkaSecurity: kafkaSecurity(),
  };
}

/** Tests' Kafka login, from the variables `npm test` exports (services validate theirs through @sa/messaging's kafkaSecurityFromEnv). */
function kafkaSecurity(): IntegrationEnv['kafkaSecurity'] {
  const security: IntegrationEnv['kafkaSecurity'] = {};
  const mechanism = process.env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (mechanism !== 'SCRAM-SHA-512' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'PLAIN')
      throw new Error(`KAFKA_SASL_MECHANISM "${mechanism}" is not supported`);
    security.sasl = { mechanism, username: required('KAFKA_SASL_USERNAME'), password: required('KAFKA_SASL_PASSWORD') };
  }
  // TLS with the CA of the local broker (deploy/local/components/kafka-tls.ts), or the system's CAs.
  const caFile = process.env.KAFKA_TLS_CA_FILE;
  if (process.env.KAFKA_TLS === 'true' || caFile) security.tls = caFile ? { ca: readFileSync(caFile, 'utf8') } : {};
  return security;
}
