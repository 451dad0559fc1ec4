/**
 * Who may say what, on the real local broker (SASL SCRAM-SHA-512, StandardAuthorizer, the access
 * plan's ACLs): a county department's principal cannot publish on another department's topic, and
 * a message whose ce_source names a department other than the topic's owner is refused by the
 * consumer (dead-lettered, NACKed with UNAUTHORISED_SOURCE), never filed.
 *
 * The test grants the plan on a prefix of its own (as the deployment's operator) so it never
 * touches the deployment's topics, and takes the grants back after.
 */
import { readFileSync } from 'node:fs';
import { countyDataReceiptV1, deadLetterTopicOf, propertyRegistrationV1, residentDeathV1, type IntegrationContract } from '@sa/contracts';
import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient } from 'mongodb';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { MongoInbox } from '../consumer/inbox';
import { handle, IntegrationConsumer } from '../consumer/integration-consumer';
import { readDeadLetters, readTopicToEnd } from '../dead-letters/dead-letter-topic';
import type { KafkaClientOptions } from '../kafka/client-options';
import { kafkaClientOptions } from '../kafka/kafka-security';
import { SerialProducer } from '../kafka/serial-producer';
import { residentIdNumber } from '../test-support/resident-ids';
import { provisionTopics } from '../topics/provision-topics';
import { departmentPrincipal, kafkaAccessPlan, servicePrincipal } from './kafka-access-plan';
import { createAcls, deleteAcls } from './provision-access';

const env = integrationEnv();

/** A principal's login on the local broker, from the passwords deploy/local generated. */
function loginAs(principal: string): KafkaClientOptions {
  const file = process.env.SA_KAFKA_CREDENTIALS_FILE;
  if (!file || process.env.KAFKA_SASL_MECHANISM !== 'SCRAM-SHA-512') {
    throw new Error('these tests need the local SASL broker (SA_KAFKA_SECURITY=sasl_ssl, the default, or sasl): SA_KAFKA_CREDENTIALS_FILE is not set');
  }
  const password = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[principal];
  if (!password) throw new Error(`no password for ${principal} in ${file}: run npm run infra:up`);
  // The tests' TLS settings (KAFKA_TLS_*) with the principal's own login.
  return kafkaClientOptions(env.kafkaBrokers, uniqueName(principal), { ...process.env, KAFKA_SASL_USERNAME: principal, KAFKA_SASL_PASSWORD: password });
}

/** What the broker said, through the client's nested AggregateErrors. */
async function refusal(sending: Promise<unknown>): Promise<string[]> {
  const said = (error: unknown): string[] => {
    if (!(error instanceof Error)) return [String(error)];
    const own = [error.message, String((error as { apiId?: string }).apiId ?? '')];
    return error instanceof AggregateError ? [...own, ...error.errors.flatMap(said)] : own;
  };
  try {
    await sending;
  } catch (error) {
    return said(error);
  }
  throw new Error('the broker accepted the message');
}

function prefixed<P>(contract: IntegrationContract<P>, prefix: string): IntegrationContract<P> {
  return { ...contract, topic: `${prefix}${contract.topic}` };
}

describe('county departments on the SASL broker', () => {
  const prefix = `${uniqueName('acl')}.`;
  const operator = kafkaClientOptions(env.kafkaBrokers, uniqueName('acl-operator'));
  const acls = kafkaAccessPlan({ topicPrefix: prefix, groupPrefix: prefix });
  const deaths = prefixed(residentDeathV1, prefix);
  const properties = prefixed(propertyRegistrationV1, prefix);
  const receipts = `${prefix}${countyDataReceiptV1.topic}`;
  const producers: SerialProducer[] = [];

  beforeAll(async () => {
    await createAcls(operator, acls);
    await provisionTopics({ kafka: operator, topics: [deaths.topic, properties.topic, receipts], partitions: 1 });
  });

  afterAll(async () => {
    await Promise.all(producers.map((p) => p.close()));
    await deleteAcls(operator, acls);
  });

  function producerAs(principal: string): SerialProducer {
    const producer = new SerialProducer(loginAs(principal));
    producers.push(producer);
    return producer;
  }

  const death = (n: number) => ({
    messageId: uniqueName('gaj'),
    residentId: residentIdNumber(n),
    dateOfDeath: '2025-04-28',
    reportedAt: '2025-05-01T08:00:00+08:00',
  });

  it("refuses the housing department's principal on the public-security death topic, and takes its own topic", async () => {
    // Given the housing department's principal
    const housing = producerAs(departmentPrincipal('housing'));
    const report = death(1);

    // When it publishes a death report, even one claiming to come from public security
    const forged = encodeCloudEvent(deaths, report, { id: report.messageId, source: '/county/331002/public-security', time: new Date().toISOString() });

    // Then the broker refuses it: the topic belongs to public security
    expect(await refusal(housing.send([forged]))).toContain('Topic authorization failed.');
    // And nothing reached the topic
    expect(await readTopicToEnd(operator, deaths.topic)).toEqual([]);

    // While its own property registrations go through
    const own = { ...propertyRegistrationV1.example, messageId: uniqueName('fgj'), residentId: residentIdNumber(2) };
    await housing.send([encodeCloudEvent(properties, own, { id: own.messageId, source: '/county/331002/housing', time: new Date().toISOString() })]);
    expect(await readTopicToEnd(operator, properties.topic)).toHaveLength(1);
  });

  it('refuses a service principal on topics it has no business with', async () => {
    // Given intake's principal, When it publishes a death report, Then the broker refuses it
    const intake = producerAs(servicePrincipal('intake'));
    const report = death(3);
    const sending = intake.send([
      encodeCloudEvent(deaths, report, { id: report.messageId, source: '/county/331002/public-security', time: new Date().toISOString() }),
    ]);
    expect(await refusal(sending)).toContain('Topic authorization failed.');
  });

  it('dead-letters a death report whose ce_source is not public security and NACKs it with the reason; the genuine one is handled', async () => {
    // Given verification's consumer of county data, logged in as verification, answering with receipts
    const mongo = await new MongoClient(env.mongodbUrl).connect();
    const db = mongo.db(uniqueName('county_access'));
    const handled: string[] = [];
    const consumer = new IntegrationConsumer({
      name: `${prefix}verification-county-data`,
      kafka: loginAs(servicePrincipal('verification')),
      handlers: [handle(deaths, async (event) => void handled.push(event.payload.messageId))],
      inbox: await MongoInbox.create(db, 'inbox'),
      receipts: { topic: receipts, source: '/sa/verification' },
    });
    try {
      await consumer.start();
      // When public security's own principal publishes one report naming housing as its source, then a genuine one
      const publicSecurity = producerAs(departmentPrincipal('public-security'));
      const forged = death(4);
      const genuine = death(5);
      await publicSecurity.send([
        encodeCloudEvent(deaths, forged, { id: forged.messageId, source: '/county/331002/housing', time: new Date().toISOString() }),
        encodeCloudEvent(deaths, genuine, { id: genuine.messageId, source: '/county/331002/public-security', time: new Date().toISOString() }),
      ]);

      // Then only the genuine one is handled
      await eventually(() => expect(handled).toEqual([genuine.messageId]));
      // And the forged one is dead-lettered with its reason
      const [letter] = await eventually(async () => {
        const letters = await readDeadLetters(operator, deadLetterTopicOf(deaths.topic));
        expect(letters).toHaveLength(1);
        return letters;
      });
      expect(letter.reason).toBe('unauthorised-source');
      // And its receipt says why
      const answers = await eventually(async () => {
        const records = (await readTopicToEnd(operator, receipts)).map((r) => JSON.parse((r.value as Buffer).toString('utf8')) as Record<string, unknown>);
        expect(records).toHaveLength(2);
        return records;
      });
      expect(answers.find((r) => r.messageId === forged.messageId)).toMatchObject({
        status: 'NACK',
        reasonCode: 'UNAUTHORISED_SOURCE',
        problems: [{ field: 'ce_source', rule: expect.stringContaining('only the public-security department publishes') }],
      });
      expect(answers.find((r) => r.messageId === genuine.messageId)).toMatchObject({ status: 'ACK' });
    } finally {
      await consumer.stop();
      await db.dropDatabase();
      await mongo.close();
    }
  });
});
