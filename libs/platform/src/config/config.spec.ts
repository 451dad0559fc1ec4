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
    expect(() => loadConfig(baseConfigSchema, { ...valid, JWT_SECRET: undefined })).toThrow(/JWT_SECRET or JWT_PUBLIC_KEY/);
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
});
