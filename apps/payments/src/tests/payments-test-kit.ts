/**
 * For the payments integration tests: a client for the running service (a token per role, the
 * clock), and producers of the CloudEvents payments consumes, written to real Kafka topics (in the
 * run's own namespace) exactly as approval and county public security would write them.
 */
import { Admin } from '@platformatic/kafka';
import { caseApprovedV1, type IntegrationContract, residentDeathV1 } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import { type RunningService, signDevToken } from '@sa/platform';
import { integrationEnv, uniqueName } from '@sa/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { ApprovedCase } from '../entitlements/approved-case';
import type { ResidentDeath } from '../entitlements/death-reports';
import { kafkaClientOptions } from '@sa/messaging';

export const testJwtSecret = 'test-secret-test-secret-test-secret-42';

export interface Caller {
  readonly role: string;
  readonly orgUnit?: string;
  readonly userId?: string;
}

export const officer: Caller = { role: 'payments-officer', orgUnit: '331002', userId: 'zhao.min' };

export function tokenFor(caller: Caller): string {
  return signDevToken(
    { userId: caller.userId ?? 'test.user', role: caller.role, orgUnit: caller.orgUnit ?? '331002' },
    { secret: testJwtSecret, issuer: 'social-assistance', audience: 'social-assistance' },
  );
}

export class PaymentsApi {
  constructor(private readonly service: RunningService) {}

  get(path: string, caller: Caller = officer): Promise<Response> {
    return fetch(`${this.service.url}${path}`, { headers: { authorization: `Bearer ${tokenFor(caller)}` } });
  }

  post(path: string, body: unknown, caller: Caller = officer, contentType = 'application/json'): Promise<Response> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(`${this.service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${tokenFor(caller)}` },
      body: text,
    });
  }

  async setClock(now: string): Promise<void> {
    const res = await fetch(`${this.service.url}/admin/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor({ role: 'platform-operator', userId: 'ops.chen' })}` },
      body: JSON.stringify({ now }),
    });
    if (res.status !== 200) throw new Error(`setting the clock failed: ${res.status} ${await res.text()}`);
  }
}

/** A valid resident ID (GB 11643) of Jiaojiang district, random enough that runs never share one. */
export function residentId(): string {
  const birth = new Date(Date.UTC(1940 + randomInt(60), 0, 1) + randomInt(365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `331002${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function approvedCase(overrides: Partial<ApprovedCase> & Pick<ApprovedCase, 'confirmedAt' | 'benefitStartMonth'>): ApprovedCase {
  const members =
    overrides.members ??
    [residentId(), residentId(), residentId()].map((id, i) => ({ memberId: randomUUID(), residentId: id, name: ['王秀英', '李强', '李小红'][i] as string }));
  return {
    applicationId: randomUUID(),
    programme: 'dibao',
    region: '331002001001',
    confirmedBy: { userId: 'chen.approver', role: 'county-approver', orgUnit: '331002' },
    confirmationLevel: 'county',
    householdSize: members.length,
    perCapitaMonthlyIncomeFen: 48_100,
    countedMonthlyIncomeFen: 48_100 * members.length,
    policyId: 'taizhou-2025',
    members,
    bankAccount: {
      bankName: '台州银行',
      accountHolder: members[0]?.name ?? '王秀英',
      accountNumber: `62220000${String(randomInt(100_000_000)).padStart(8, '0')}`,
    },
    stillInHardship: false,
    consents: { economicCheck: true, charityReferral: false },
    ...overrides,
  };
}

export function deathOf(resident: string, dateOfDeath: string, reportedAt: string): ResidentDeath {
  return { messageId: `gaj-${randomUUID()}`, residentId: resident, dateOfDeath, reportedAt, certificateNo: `Q331002${randomInt(1_000_000)}` };
}

/** A topic namespace of its own for one test run (KAFKA_TOPIC_PREFIX), so runs never read each other's messages. */
export function testTopicPrefix(): string {
  return `${uniqueName('payments-it')}.`;
}

/** Removes the run's topics (and their dead-letter topics) once the run is over. */
export async function deleteTopics(prefix: string): Promise<void> {
  const admin = new Admin(kafkaClientOptions(integrationEnv().kafkaBrokers, uniqueName('payments-test-cleanup')));
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close();
  }
}

export class CloudEventsProducer {
  private readonly producer = new SerialProducer(kafkaClientOptions(integrationEnv().kafkaBrokers, uniqueName('payments-test')));

  constructor(private readonly topicPrefix = '') {}

  /** Writes one CloudEvent (binary mode) to the contract's topic; ce_id is the county messageId where the contract has one. Returns the ce_id. */
  async publish<P>(contract: IntegrationContract<P>, payload: P, source: string): Promise<string> {
    const valid = contract.schema.parse(payload);
    const messageId = contract.messageIdField ? String((valid as Record<string, unknown>)[contract.messageIdField]) : randomUUID();
    await this.producer.send([
      encodeCloudEvent(contract, valid, { id: messageId, source, time: new Date().toISOString() }, `${this.topicPrefix}${contract.topic}`),
    ]);
    return messageId;
  }

  /** Each call is a new message (a new ce_id), as a replay of the dead-letter topic would be. */
  approve(approved: ApprovedCase): Promise<string> {
    return this.publish(caseApprovedV1, approved, '/sa/approval');
  }

  reportDeath(death: ResidentDeath): Promise<string> {
    return this.publish(residentDeathV1, death, `/county/${death.residentId.slice(0, 6)}/public-security`);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
