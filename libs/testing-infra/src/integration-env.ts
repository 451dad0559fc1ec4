/**
 * Addresses of the real servers integration tests run against. `npm test` (and the Jest global
 * setup) start the local ones and export these variables; a test never falls back to a fake.
 */
export interface IntegrationEnv {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  readonly mongodbUrl: string;
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
  };
}
