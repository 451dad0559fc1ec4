/**
 * For the verification service's integration tests: the real service on its own topic namespace
 * (KAFKA_TOPIC_PREFIX, so earlier runs' messages are never seen and the topics are deleted after),
 * a county system and intake played by producing real CloudEvents messages, and an HTTP client.
 */
import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationWithdrawnV1,
  economicCheckCompletedV1,
  economicChecksTopicV1,
  type IntegrationContract,
} from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { integrationEnv, readTopicUntil, serviceTestEnv, type TopicRecord, uniqueName } from '@sa/testing';
import { service } from '../service';
import { kafkaClientOptions } from '@sa/messaging';

const secret = 'test-secret-test-secret-test-secret-42';

export const token = (role: string, orgUnit = '331002', userId = 'li.hua') =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

let sequence = 0;
/** A valid resident ID (GB 11643) of someone born in Jiaojiang, unique within the run. */
export function residentId(): string {
  sequence += 1;
  const first17 = `3310021980${String(1 + (sequence % 12)).padStart(2, '0')}${String(1 + (sequence % 28)).padStart(2, '0')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The same ID with a wrong check character. */
export function withWrongCheckCharacter(id: string): string {
  const right = id.slice(17);
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

type Submitted = Parameters<typeof applicationSubmittedV1.key>[0];
type Amended = Parameters<typeof applicationAmendedV1.key>[0];
type Withdrawn = Parameters<typeof applicationWithdrawnV1.key>[0];
export type PublishedCheck = Parameters<typeof economicCheckCompletedV1.key>[0];

/** An application as intake publishes it: the first member earns `wageFen` a month, nobody declares a vehicle. */
export function application(members: string[], wageFen = 180_000, region = '331002001001'): Submitted {
  return {
    applicationId: randomUUID(),
    programme: 'dibao',
    region,
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: members.map((id, i) => ({
        memberId: randomUUID(),
        residentId: id,
        name: `成员${i}`,
        relation: i === 0 ? 'applicant' : 'child',
        birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        disabilityGrade: null,
        seriousIllness: false,
        workAbility: i === 0 ? 'full' : 'none',
        declaredMonthlyIncomes: i === 0 ? [{ kind: 'wage', monthlyFen: wageFen, source: '台州某鞋厂' }] : [],
      })),
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '成员0', accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: { declared: false },
    takenBy: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001' },
    submittedAt: new Date().toISOString(),
  };
}

export class VerificationHarness {
  readonly prefix = `${uniqueName('vt')}.`;
  readonly brokers = integrationEnv().kafkaBrokers;
  private readonly producer = new SerialProducer(kafkaClientOptions(this.brokers, uniqueName('vt-producer')));
  private running?: RunningService;

  /** The running application, to reach a provider the way an operator's tool would. */
  get app(): RunningService['app'] {
    if (!this.running) throw new Error('the service is not started');
    return this.running.app;
  }

  get url(): string {
    if (!this.running) throw new Error('the service is not started');
    return this.running.url;
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.running = await startService(service, serviceTestEnv('verification', { KAFKA_TOPIC_PREFIX: this.prefix, ...env }));
  }

  /** Moves the service's clock (started with ALLOW_CLOCK_CONTROL=true), as a platform operator. */
  async setClock(now: string): Promise<void> {
    const res = await fetch(`${this.url}/admin/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token('platform-operator', '331002', 'ops.chen')}` },
      body: JSON.stringify({ now }),
    });
    if (res.status !== 200) throw new Error(`clock not set: ${res.status}`);
  }

  /** Publishes one message on the contract's topic in this run's namespace, as its producer would. */
  async publish<P>(contract: IntegrationContract<P>, payload: P, id: string, source: string): Promise<void> {
    await this.producer.send([encodeCloudEvent(contract, payload, { id, source, time: new Date().toISOString() }, this.topic(contract.topic))]);
  }

  /** A Jiaojiang department's message (ce_id = messageId, as the county contract requires), e.g. from /county/331002/hrss. */
  async county<P extends { messageId: string }>(contract: IntegrationContract<P>, payload: P): Promise<void> {
    await this.publish(contract, payload, payload.messageId, `/county/331002/${contract.type.split('.')[1]}`);
  }

  async submit(payload: Submitted): Promise<void> {
    await this.publish(applicationSubmittedV1, payload, randomUUID(), '/sa/intake');
  }

  async amend(payload: Amended): Promise<void> {
    await this.publish(applicationAmendedV1, payload, randomUUID(), '/sa/intake');
  }

  async withdraw(payload: Withdrawn): Promise<void> {
    await this.publish(applicationWithdrawnV1, payload, randomUUID(), '/sa/intake');
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Records of a topic in this namespace, read from the start until `done` holds. */
  read(topic: string, done: (records: readonly TopicRecord[]) => boolean, timeoutMs = 30_000): Promise<TopicRecord[]> {
    return readTopicUntil(this.brokers, this.topic(topic), done, timeoutMs);
  }

  get(path: string, bearer = token('investigator')): Promise<Response> {
    return fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  }

  /** The economic-check-completed messages published for an application, oldest first, once there are `count`. */
  async publishedChecks(applicationId: string, count = 1): Promise<PublishedCheck[]> {
    const mine = (records: readonly TopicRecord[]) =>
      records.filter((r) => r.key === applicationId && r.headers.get('ce_type') === economicCheckCompletedV1.type);
    const records = await this.read(economicChecksTopicV1, (rs) => mine(rs).length >= count);
    return mine(records).map((r) => economicCheckCompletedV1.schema.parse(JSON.parse(r.value)));
  }

  /** The check as GET /checks/:applicationId shows it to a county investigator. */
  async check<T = { status: string; outcome?: string; checkId: string }>(applicationId: string): Promise<T> {
    return (await (await this.get(`/checks/${applicationId}`)).json()) as T;
  }

  post(path: string, body: unknown, bearer = token('investigator')): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
  }

  /** Stops the service and deletes this run's topics. */
  async stop(): Promise<void> {
    await this.running?.app.close();
    await this.producer.close();
    const admin = new Admin(kafkaClientOptions(this.brokers, uniqueName('vt-cleanup')));
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  }
}
