import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientOptions, kafkaSecurityFromEnv } from './kafka-security';

const login = { KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'svc-intake', KAFKA_SASL_PASSWORD: 'secret' };

describe('Kafka security settings', () => {
  it('carries a SCRAM login and a CA into the client options', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n…');
    const options = kafkaClientOptions(['b1:9093'], 'intake', { ...login, KAFKA_TLS_CA_FILE: ca });
    expect(options).toEqual({
      bootstrapBrokers: ['b1:9093'],
      clientId: 'intake',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'svc-intake', password: 'secret' },
      tls: { ca: '-----BEGIN CERTIFICATE-----\n…' },
    });
  });

  it('connects without either when none is set (development only)', () => {
    expect(kafkaClientOptions(['b1:9092'], 'intake', {})).toEqual({ bootstrapBrokers: ['b1:9092'], clientId: 'intake' });
  });

  it('names every variable that breaks a rule', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_TLS: 'yes', KAFKA_TLS_CA_FILE: '/nowhere/ca.pem' })).toThrow(
      /KAFKA_SASL_MECHANISM: must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN[\s\S]*KAFKA_SASL_USERNAME: is required[\s\S]*KAFKA_SASL_PASSWORD: is required[\s\S]*KAFKA_TLS: must be true or false[\s\S]*KAFKA_TLS_CA_FILE: cannot be read \(ENOENT\)/,
    );
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'svc-intake' })).toThrow(/KAFKA_SASL_MECHANISM: is required when KAFKA_SASL_USERNAME/);
    expect(() => kafkaSecurityFromEnv({ ...login, KAFKA_SASL_MECHANISM: 'PLAIN' })).toThrow(/PLAIN sends the password as it is; it needs KAFKA_TLS=true/);
  });

  it('refuses production without SASL and TLS', () => {
    expect(() => kafkaSecurityFromEnv({ NODE_ENV: 'production' })).toThrow(
      /KAFKA_SASL_MECHANISM: is required when NODE_ENV=production[\s\S]*KAFKA_TLS: must be true/,
    );
    expect(() => kafkaSecurityFromEnv({ NODE_ENV: 'production', ...login })).toThrow(/KAFKA_TLS: must be true when NODE_ENV=production/);
    expect(kafkaSecurityFromEnv({ NODE_ENV: 'production', ...login, KAFKA_TLS: 'true' })).toEqual({ sasl: { ...loginAsSasl() }, tls: {} });
  });
});

function loginAsSasl() {
  return { mechanism: 'SCRAM-SHA-512', username: 'svc-intake', password: 'secret' };
}
