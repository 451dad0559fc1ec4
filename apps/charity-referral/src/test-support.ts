/**
 * Helpers for this service's API integration tests: tokens, a small HTTP client, unique regions,
 * and case decisions produced as real CloudEvents on approval's topic, as the approval service would.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { caseRejectedV1, type IntegrationContract } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import { signDevToken } from '@sa/platform';
import { integrationEnv, uniqueName } from '@sa/testing';
import { kafkaClientOptions } from '@sa/messaging';

const secret = 'test-secret-test-secret-test-secret-42';

export const token = (role: string, userId: string, orgUnit = '331002') =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

export const adminToken = () => token('civil-affairs-admin', 'li.min');

export class Api {
  constructor(private readonly baseUrl: string) {}

  async post(path: string, body: unknown, bearer: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async get<T = Record<string, unknown>>(path: string, bearer: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  async put(path: string, body: unknown, bearer: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}

/**
 * A village of Jiaojiao district (331002) no earlier run used: topics are shared across runs, and
 * old case decisions must not land with this run's organisations.
 */
export function uniqueVillage(): { township: string; village: string } {
  const township = `331002${randomInt(100, 1000)}`;
  return { township, village: `${township}${randomInt(100, 1000)}` };
}

export function uniqueOrganisationId(label: string): string {
  return uniqueName(`org-${label}`).replace(/_/g, '-').slice(0, 64);
}

function residentId(): string {
  const first17 = `33100219750${randomInt(1, 10)}${String(randomInt(10, 29))}${randomInt(100, 1000)}`;
  return first17 + checkCharacter(first17);
}

export function caseRejected(region: string, charityReferral: boolean) {
  return caseRejectedV1.schema.parse({
    applicationId: randomUUID(),
    programme: 'dibao',
    region,
    stage: 'confirmation',
    reasons: [{ code: 'property-over-limit', message: '家庭金融资产超过当地规定标准' }],
    rejectedBy: { userId: 'zhao.lei', role: 'county-approver', orgUnit: '331002' },
    rejectedAt: new Date().toISOString(),
    noticeText: '经审核，您家庭金融资产超过规定标准，不符合最低生活保障条件。如有异议，可在收到本通知之日起60日内申请行政复议。',
    consents: { charityReferral },
    contact: { applicantResidentId: residentId(), applicantName: '陈秀兰', phone: '0576-8888 1234', householdSize: 3 },
  });
}

export class CaseDecisions {
  private readonly producer = new SerialProducer(kafkaClientOptions(integrationEnv().kafkaBrokers, uniqueName('approval-test')));

  constructor(private readonly topicPrefix: string) {}

  /** Publishes like approval's relay would; returns the CloudEvent id. */
  async publish<P>(contract: IntegrationContract<P>, payload: P): Promise<string> {
    const id = randomUUID();
    await this.producer.send([
      encodeCloudEvent(contract, payload, { id, source: '/sa/approval', time: new Date().toISOString() }, `${this.topicPrefix}${contract.topic}`),
    ]);
    return id;
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
