import { baseConfigSchema, ConfigError, loadConfig } from './config';

const valid = {
  PORT: '3101',
  KAFKA_BROKERS: '127.0.0.1:59092',
  EVENT_STORE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  MONGODB_URL: 'mongodb://127.0.0.1:27017/',
  JWT_SECRET: 'x'.repeat(32),
};

describe('configuration from the environment', () => {
  it('parses a valid environment with defaults', () => {
    const config = loadConfig(baseConfigSchema, valid);
    expect(config).toMatchObject({ PORT: 3101, HOST: '127.0.0.1', LOG_LEVEL: 'info', ALLOW_CLOCK_CONTROL: false });
  });

  it('names every missing or bad variable and its rule at once', () => {
    const env = { ...valid, PORT: 'eighty', KAFKA_BROKERS: 'localhost', MONGODB_URL: undefined };
    try {
      loadConfig(baseConfigSchema, env);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT: .* \(got "eighty"\)/);
      expect(problems).toMatch(/KAFKA_BROKERS: must be host:port\[,host:port…\] \(got "localhost"\)/);
      expect(problems).toMatch(/MONGODB_URL: is required \(is not set\)/);
    }
  });

  it('requires a way to verify tokens, and never echoes secrets', () => {
    expect(() => loadConfig(baseConfigSchema, { ...valid, JWT_SECRET: undefined })).toThrow(/JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_SECRET: one is required/);
    expect(() => loadConfig(baseConfigSchema, { ...valid, JWT_SECRET: 'short-secret' })).toThrow(
      /JWT_SECRET: must be at least 32 characters \(HS256\) \(got "\*\*\*"\)/,
    );
  });

  it('takes a replica name for static group membership, refusing one Kafka could not use', () => {
    expect(loadConfig(baseConfigSchema, { ...valid, SA_INSTANCE_ID: 'node-1.payments' }).SA_INSTANCE_ID).toBe('node-1.payments');
    expect(loadConfig(baseConfigSchema, valid).SA_INSTANCE_ID).toBeUndefined();
    expect(() => loadConfig(baseConfigSchema, { ...valid, SA_INSTANCE_ID: 'node 1' })).toThrow(
      /SA_INSTANCE_ID: must be 1-100 letters, digits, dot, underscore or hyphen \(got "node 1"\)/,
    );
  });

  it('refuses development settings when NODE_ENV=production, naming each and what to use instead', () => {
    // Given a production environment with the development conveniences
    const production = {
      ...valid,
      NODE_ENV: 'production',
      JWT_SECRET: 'local-development-only-secret-do-not-deploy-0123456789',
      ALLOW_CLOCK_CONTROL: 'true',
      EVENT_STORE_URL: 'postgres://sa:sa-local-dev@db:5432/sa',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'svc-intake',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_TLS: 'true',
    };
    // Then every one is refused at once
    try {
      loadConfig(baseConfigSchema, production);
      throw new Error('expected a ConfigError');
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/JWT_SECRET: HS256 shared secrets are refused when NODE_ENV=production/);
      expect(problems).toMatch(/JWT_AUDIENCE: must name this service/);
      expect(problems).toMatch(/ALLOW_CLOCK_CONTROL: cannot be true when NODE_ENV=production/);
      expect(problems).toMatch(/JWT_SECRET: uses a secret that is written in this repository/);
      expect(problems).toMatch(/EVENT_STORE_URL: uses a secret that is written in this repository/);
    }
    // And a production environment with a JWKS, its own audience and real credentials starts
    const clean = {
      ...production,
      JWT_SECRET: undefined,
      JWT_JWKS_URL: 'https://idp.example.gov.cn/jwks.json',
      JWT_AUDIENCE: 'sa-intake',
      EVENT_STORE_URL: 'postgres://svc:s3cret@db:5432/sa',
    };
    expect(() => loadConfig(baseConfigSchema, { ...clean, ALLOW_CLOCK_CONTROL: 'false' })).not.toThrow();
    // But not over plain http, nor without Kafka's TLS
    expect(() => loadConfig(baseConfigSchema, { ...clean, ALLOW_CLOCK_CONTROL: 'false', JWT_JWKS_URL: 'http://idp/jwks.json' })).toThrow(
      /JWT_JWKS_URL: must be an https/,
    );
    expect(() => loadConfig(baseConfigSchema, { ...clean, ALLOW_CLOCK_CONTROL: 'false', KAFKA_TLS: undefined })).toThrow(/KAFKA_TLS: must be true/);
  });
});
