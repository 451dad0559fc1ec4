/**
 * A service's /health/ready reflects its consumers' transient faults (issue #10): 503 naming the
 * consumer, the fault and since when while a message waits on one, 200 again once it clears. A
 * small service on the real platform module, Kafka, PostgreSQL and FerretDB; its handler meets a
 * connection refusal until the test lets it through (the faults of real servers themselves are
 * tested in libs/messaging's transient-faults.int.spec.ts).
 */
import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { residentDeathV1 } from '@sa/contracts';
import { ContractEventPattern, BatchingPublisher, encodeCloudEvent, type PayloadOf } from '@sa/messaging';
import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { startService, type RunningService, type ServiceDefinition } from '../bootstrap';
import { baseConfigSchema, type BaseConfig } from '../config/config';
import { PlatformModule } from '../platform.module';
import { ServiceMessaging } from './service-messaging';
import { kafkaClientOptions } from '@sa/messaging';
import { signDevToken } from '../auth/tokens';

const infra = integrationEnv();
const seen: string[] = [];
const operator = signDevToken(
  { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' },
  { secret: 'test-secret-test-secret-test-secret-42', issuer: 'social-assistance', audience: 'social-assistance' },
);
let databaseAway = true;

@Controller()
class DeathsController {
  @ContractEventPattern(residentDeathV1)
  async onDeath(@Payload() payload: PayloadOf<typeof residentDeathV1>): Promise<void> {
    if (databaseAway) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' });
    seen.push(payload.messageId);
  }
}

@Module({ controllers: [DeathsController] })
class DeathsModule {
  constructor(messaging: ServiceMessaging) {
    messaging.consume({ name: 'probe-deaths', inbox: 'read-model', handles: [residentDeathV1] });
  }
}

const probe: ServiceDefinition<BaseConfig> = {
  name: 'probe',
  title: 'Readiness probe service',
  description: 'A consumer and nothing else',
  configSchema: baseConfigSchema,
  createModule: (config, logger) => ({ module: DeathsModule, imports: [PlatformModule.forRoot({ serviceName: 'probe', config, logger })] }),
};

interface Readiness {
  status: string;
  checks: { name: string; ok: boolean; error?: string }[];
}

describe('readiness of a service whose consumer waits on a transient fault', () => {
  const id = uniqueName('probe');
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(probe, {
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'fatal',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      // The broker's login as `npm test` exports it (the local broker takes SASL only).
      KAFKA_SASL_MECHANISM: process.env.KAFKA_SASL_MECHANISM,
      KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME,
      KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD,
      KAFKA_TLS: process.env.KAFKA_TLS,
      KAFKA_TLS_CA_FILE: process.env.KAFKA_TLS_CA_FILE,
      KAFKA_TOPIC_PREFIX: `${id}.`,
      KAFKA_CONSUMER_GROUP_PREFIX: `${id}.`,
      EVENT_STORE_URL: infra.databaseUrl,
      EVENT_STORE_SCHEMA: id,
      MONGODB_URL: infra.mongodbUrl,
      MONGODB_DB: id,
      JWT_SECRET: 'test-secret-test-secret-test-secret-42',
    });
  }, 60_000);

  afterAll(() => service?.app.close());

  it('answers 503 naming the consumer, the fault and since when, then 200 once the fault clears', async () => {
    const ready = async () => {
      const res = await fetch(`${service.url}/health/ready`, { headers: { authorization: `Bearer ${operator}` } });
      return { status: res.status, body: (await res.json()) as Readiness };
    };
    expect((await ready()).status).toBe(200);

    // When a death arrives and its handler meets a refused connection
    const publisher = new BatchingPublisher(kafkaClientOptions(infra.kafkaBrokers, id));
    const contract = { ...residentDeathV1, topic: `${id}.${residentDeathV1.topic}` };
    const messageId = uniqueName('gaj');
    await publisher.publish([
      encodeCloudEvent(
        contract,
        { ...residentDeathV1.example, messageId },
        { id: messageId, source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' },
      ),
    ]);
    await publisher.close();

    // Then readiness is 503, and the consumer's check says which consumer, which fault, since when
    const notReady = await eventually(async () => {
      const answer = await ready();
      expect(answer.status).toBe(503);
      return answer.body;
    }, 30_000);
    const check = notReady.checks.find((c) => c.name === 'consumer:probe-deaths');
    expect(check?.ok).toBe(false);
    expect(check?.error).toMatch(/^consumer probe-deaths waiting on a transient fault since \S+Z \(ECONNREFUSED: Error: connect ECONNREFUSED/);
    expect(notReady.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['consumer:probe-deaths']);

    // When the fault clears, the message is handled once and readiness is 200 again
    databaseAway = false;
    await eventually(async () => expect((await ready()).status).toBe(200), 30_000);
    expect(seen).toEqual([messageId]);
  }, 90_000);
});
