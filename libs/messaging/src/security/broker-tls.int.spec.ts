/**
 * TLS to the local broker (SA_KAFKA_SECURITY=sasl_ssl, the default; deploy/local/components/kafka-tls.ts):
 * a client that trusts the checkout's CA (KAFKA_TLS_CA_FILE) logs in and is answered; one that does
 * not trust it refuses the broker's certificate; one that does not speak TLS gets nothing.
 */
import { Admin } from '@platformatic/kafka';
import { integrationEnv } from '@sa/testing-infra';
import type { KafkaClientOptions } from '../kafka/client-options';
import { kafkaClientOptions } from '../kafka/kafka-security';

const env = integrationEnv();

/** The messages of an error, its causes and the errors it aggregates (the client wraps a TLS failure in two). */
function messages(error: unknown): string[] {
  // Not `instanceof Error`: Node's TLS error comes from outside Jest's realm.
  if (typeof error !== 'object' || error === null || !('message' in error)) return [];
  const e = error as { message: string; cause?: unknown; errors?: unknown[] };
  return [e.message, ...[e.cause, ...(e.errors ?? [])].flatMap(messages)];
}

async function listTopics(options: KafkaClientOptions): Promise<string> {
  const admin = new Admin({ ...options, timeout: 5000, retries: 0 });
  try {
    await admin.listTopics();
    return 'answered';
  } catch (error) {
    return messages(error).join(' / ');
  } finally {
    await admin.close().catch(() => undefined);
  }
}

describe('TLS on the local broker (real Kafka, SASL_SSL)', () => {
  beforeAll(() => {
    if (!process.env.KAFKA_TLS_CA_FILE) throw new Error('KAFKA_TLS_CA_FILE is not set: the local broker runs SASL_SSL by default (SA_KAFKA_SECURITY=sasl_ssl)');
  });

  it('answers a client that trusts the local CA, over TLS, with the SASL login', async () => {
    expect(await listTopics(kafkaClientOptions(env.kafkaBrokers, 'tls-trusting', process.env))).toBe('answered');
  });

  it("is refused by a client that does not trust the broker's certificate", async () => {
    // Given TLS with the system's CAs only (KAFKA_TLS=true, no CA file)
    const options = kafkaClientOptions(env.kafkaBrokers, 'tls-untrusting', { ...process.env, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: undefined });
    // Then the client refuses the certificate: it was signed by a CA it does not know
    expect(await listTopics(options)).toMatch(/self[- ]signed certificate|unable to (verify|get local issuer)/i);
  });

  it('does not answer a client without TLS', async () => {
    const options = kafkaClientOptions(env.kafkaBrokers, 'tls-none', { ...process.env, KAFKA_TLS: undefined, KAFKA_TLS_CA_FILE: undefined });
    expect(await listTopics(options)).not.toBe('answered');
  });
});
