/** The environment of a service under test: the real local servers, and its own schema, database and consumer groups. */
import { integrationEnv, uniqueName } from '@sa/testing-infra';

export function serviceTestEnv(name: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const infra = integrationEnv();
  const id = uniqueName(name.replace(/-/g, '_'));
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    // The broker's super user: a test's service creates its own prefixed topics (services deployed for real use their own principal).
    ...kafkaLogin(),
    EVENT_STORE_URL: infra.databaseUrl,
    EVENT_STORE_SCHEMA: id,
    MONGODB_URL: infra.mongodbUrl,
    MONGODB_DB: id,
    KAFKA_CONSUMER_GROUP_PREFIX: `${id}.`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-42',
    POLICY_FILE: `${__dirname}/../../../config/regional-policies.yaml`,
    ...extra,
  };
}

function kafkaLogin(): Record<string, string> {
  const names = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_TLS', 'KAFKA_TLS_CA_FILE'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}
