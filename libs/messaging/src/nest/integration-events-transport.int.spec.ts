/**
 * The @nestjs/microservices transport against the real local Kafka and PostgreSQL (the event
 * store's inbox): `@EventPattern` methods receive the contract's payload and the event's context;
 * a handler's transient fault is retried, its poison dead-lettered with the reason, an unknown type
 * dead-lettered, a redelivered message acted on once; a pattern no consumption names, or a named
 * contract without its pattern, fails the start.
 */
import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ContractEventPattern } from './contract-event-pattern';
import { Ctx, Payload } from '@nestjs/microservices';
import { contractName, deadLetterTopicOf, residentDeathV1, vehicleRegistrationV1, type IntegrationContract } from '@sa/contracts';
import type { PostgresEventStore } from '@sa/event-store';
import { createTestSchema, eventually, integrationEnv, uniqueName, type TestSchema } from '@sa/testing-infra';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { PermanentError } from '../consumer/handler-errors';
import { eventStoreInbox } from '../consumer/inbox';
import { readDeadLetters } from '../dead-letters/dead-letter-topic';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { openPostgresEventStore } from '../test-support/postgres-event-store';
import { residentIdNumber } from '../test-support/resident-ids';
import type { IntegrationEventContext, PayloadOf } from './integration-event-context';
import { IntegrationEventsTransport, type TransportConsumption } from './integration-events-transport';
import { RethrowToTransport } from './rethrow-to-transport.filter';

type Death = PayloadOf<typeof residentDeathV1>;
const env = integrationEnv();

/** What the controller saw, and how it should answer, per message id. */
const seen: { messageId: string; eventId: string; attempt: number }[] = [];
const behaviour = new Map<string, 'poison' | 'transient-twice'>();

@Controller()
class DeathsController {
  @ContractEventPattern(residentDeathV1)
  async onDeath(@Payload() payload: Death, @Ctx() ctx: IntegrationEventContext<Death>): Promise<void> {
    const wanted = behaviour.get(payload.messageId);
    if (wanted === 'poison') throw new PermanentError('a death the register cannot file');
    if (wanted === 'transient-twice' && ctx.attempt <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    seen.push({ messageId: payload.messageId, eventId: ctx.event.id, attempt: ctx.attempt });
  }
}

@Module({ controllers: [DeathsController] })
class DeathsModule {}

function death(n: number): Death {
  return { messageId: uniqueName('gaj'), residentId: residentIdNumber(n), dateOfDeath: '2025-04-28', reportedAt: '2025-05-01T08:00:00+08:00' };
}

describe('IntegrationEventsTransport (@nestjs/microservices over real Kafka, PostgreSQL inbox)', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  let schema: TestSchema;
  let store: PostgresEventStore;
  const apps: INestMicroservice[] = [];

  beforeAll(async () => {
    schema = await createTestSchema(env.databaseUrl, 'transport');
    store = await openPostgresEventStore(schema.pool, schema.name);
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    await schema.drop();
    await kit.cleanUp();
  });

  function consumption(handles: readonly IntegrationContract[], extra: Partial<TransportConsumption> = {}): TransportConsumption {
    return {
      name: uniqueName('payments-deaths'),
      kafka: { ...kit.kafka, clientId: uniqueName('transport') },
      inbox: eventStoreInbox(store),
      handles,
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
      ...extra,
    };
  }

  async function startApp(strategy: IntegrationEventsTransport): Promise<INestMicroservice> {
    const app = await NestFactory.createMicroservice(DeathsModule, { strategy, logger: false });
    app.useGlobalFilters(new RethrowToTransport());
    apps.push(app);
    await app.listen();
    return app;
  }

  it('hands each death to its @EventPattern method once, retries a transient fault, and dead-letters poison and unknown types with their reason', async () => {
    // Given the transport over a county topic (one partition: a fixed order)
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    await startApp(new IntegrationEventsTransport([consumption([contract])]));

    // When a good death, a poison one, one that meets a refused connection twice, an unknown type and the good one again arrive
    const [good, poison, flaky, unknown] = [death(1), death(2), death(3), death(4)];
    behaviour.set(poison.messageId, 'poison').set(flaky.messageId, 'transient-twice');
    const record = (payload: Death) =>
      encodeCloudEvent(contract, payload, { id: payload.messageId, source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' });
    await kit.sender.send([record(good), record(poison), record(flaky)]);
    const stranger = record(unknown);
    const headers = Object.fromEntries([...(stranger.headers ?? [])].map(([k, v]) => [k.toString(), v.toString()]));
    await kit.publishRaw(topic, {
      key: stranger.key?.toString(),
      value: stranger.value?.toString(),
      headers: { ...headers, ce_type: 'county.public-security.resident-moved', ce_dataschema: 'urn:sa:contract:county.public-security.resident-moved:v1' },
    });
    await kit.sender.send([record(good)]);

    // Then the good and the flaky deaths are handled once each (the flaky one on its third attempt), with their event ids
    const deadLetters = await eventually(async () => {
      const entries = await readDeadLetters(kit.kafka, deadLetterTopicOf(topic));
      expect(entries).toHaveLength(2);
      return entries;
    });
    // (the flaky one waits out its backoff, so it may be handled after the dead letters are written)
    await eventually(() =>
      expect(seen.filter((s) => [good.messageId, flaky.messageId].includes(s.messageId))).toEqual([
        { messageId: good.messageId, eventId: good.messageId, attempt: 1 },
        { messageId: flaky.messageId, eventId: flaky.messageId, attempt: 3 },
      ]),
    );
    // And the poison and the unknown type are dead-lettered with their reasons, nothing else (keys run in lanes: sorted by offset)
    const byOffset = deadLetters
      .map((d) => ({ reason: d.reason, originalOffset: d.originalOffset }))
      .sort((a, b) => Number(a.originalOffset) - Number(b.originalOffset));
    expect(byOffset).toEqual([
      { reason: 'handler-rejected', originalOffset: '1' },
      { reason: 'unknown-type', originalOffset: '3' },
    ]);
  }, 90_000);

  it('refuses to start when an @EventPattern belongs to no consumption, or a consumption names a contract no method handles', async () => {
    // Given a controller handling resident deaths
    // When the transport's consumption handles nothing the controller declares, or names a contract without a method
    const unclaimed = new IntegrationEventsTransport([consumption([vehicleRegistrationV1])]);
    const missing = new IntegrationEventsTransport([consumption([residentDeathV1, vehicleRegistrationV1])]);

    // Then the start fails, naming the pattern
    await expect(startApp(unclaimed)).rejects.toThrow(`@EventPattern('${contractName(residentDeathV1)}') is declared but no consumption handles it`);
    await expect(startApp(missing)).rejects.toThrow(`handles ${contractName(vehicleRegistrationV1)} but no controller has @EventPattern`);
  });
});
