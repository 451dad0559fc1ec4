import { ConfigError, loadConfig } from '@sa/platform';
import { configSchema } from '../config';
import { defaultSourceSchemas, parseSourceSchemas } from './source-config';

const env = { PORT: '0', KAFKA_BROKERS: '127.0.0.1:9092', EVENT_STORE_URL: 'postgres://sa@db/sa', MONGODB_URL: 'mongodb://db/', JWT_SECRET: 'x'.repeat(32) };

describe('AUDIT_SOURCE_SCHEMAS', () => {
  it('defaults to the five services in the order a case flows through them', () => {
    expect(parseSourceSchemas(defaultSourceSchemas)).toEqual({
      sources: [
        { name: 'intake', schema: 'es_intake' },
        { name: 'verification', schema: 'es_verification' },
        { name: 'approval', schema: 'es_approval' },
        { name: 'payments', schema: 'es_payments' },
        { name: 'charity-referral', schema: 'es_charity_referral' },
      ],
    });
  });

  it('names each bad entry and the rule it breaks', () => {
    expect(parseSourceSchemas('intake:es_intake,payments,approval:Es-Approval,intake:es_other')).toEqual({
      problems: [
        'entry 2 "payments" must be name:schema',
        'entry 3: schema "Es-Approval" must be a lower-case SQL identifier',
        'entry 4: source "intake" is listed twice',
      ],
    });
  });

  it('is read at start-up: the default list when unset, a clear refusal when malformed or when no PostgreSQL URL is known', () => {
    expect(loadConfig(configSchema, env).AUDIT_SOURCE_SCHEMAS.map((s) => s.name)).toEqual([
      'intake',
      'verification',
      'approval',
      'payments',
      'charity-referral',
    ]);
    expect(() => loadConfig(configSchema, { ...env, AUDIT_SOURCE_SCHEMAS: 'intake' })).toThrow(
      'AUDIT_SOURCE_SCHEMAS: entry 1 "intake" must be name:schema (the list is name:schema[,name:schema…], e.g. intake:es_intake,payments:es_payments) (got "intake")',
    );
    const kurrent = () => loadConfig(configSchema, { ...env, EVENT_STORE_URL: 'kurrentdb://db:2113' });
    expect(kurrent).toThrow(ConfigError);
    expect(kurrent).toThrow(/AUDIT_SOURCE_DATABASE_URL: is required when EVENT_STORE_URL is not PostgreSQL/);
    expect(
      loadConfig(configSchema, { ...env, EVENT_STORE_URL: 'kurrentdb://db:2113', AUDIT_SOURCE_DATABASE_URL: 'postgres://sa@db/sa' }).AUDIT_SOURCE_DATABASE_URL,
    ).toBe('postgres://sa@db/sa');
  });
});
