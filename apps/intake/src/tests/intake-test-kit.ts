/**
 * For intake's integration tests: households to submit, tokens, and the CloudEvents other services
 * send intake (approval's decisions, payments' entitlement events), written to real Kafka topics in
 * the run's own namespace exactly as those services would write them.
 */
import { caseApprovedV1, entitlementGrantedV1, entitlementRefusedV1, entitlementStoppedV1, type IntegrationContract } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import { signDevToken } from '@sa/platform';
import { integrationEnv, uniqueName } from '@sa/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { kafkaClientOptions } from '@sa/messaging';

export const region = '331002001001';

export const tokenFor = (role: string, orgUnit = '331002', userId = 'wang.fang') =>
  signDevToken({ userId, role, orgUnit }, { secret: 'test-secret-test-secret-test-secret-42', issuer: 'social-assistance', audience: 'social-assistance' });

/** A valid resident ID (GB 11643) of Jiaojiang district, random enough that tests never share one by chance. */
export function residentId(): string {
  const birth = new Date(Date.UTC(1940 + randomInt(60), 0, 1) + randomInt(365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `331002${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function householdApplication(
  members: readonly string[],
  programme: 'dibao' | 'extreme-poverty' = 'dibao',
  { wageFen = 80_000, charityReferral = false }: { wageFen?: number; charityReferral?: boolean } = {},
) {
  return {
    programme,
    region,
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: members.map((id, i) => ({
        residentId: id,
        name: `成员${i}`,
        relation: i === 0 ? 'applicant' : 'child',
        birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        disabilityGrade: null,
        seriousIllness: false,
        workAbility: 'full',
        declaredMonthlyIncomes: i === 0 ? [{ kind: 'wage', monthlyFen: wageFen }] : [],
      })),
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '成员0', accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral },
    nearRelative: { declared: false },
  };
}

/** Writes what approval and payments would publish about a case. */
export class UpstreamEvents {
  private readonly producer = new SerialProducer(kafkaClientOptions(integrationEnv().kafkaBrokers, uniqueName('intake-test')));

  constructor(private readonly topicPrefix: string) {}

  async publish<P>(contract: IntegrationContract<P>, payload: P, source: string): Promise<void> {
    const valid = contract.schema.parse(payload);
    await this.producer.send([
      encodeCloudEvent(contract, valid, { id: randomUUID(), source, time: new Date().toISOString() }, `${this.topicPrefix}${contract.topic}`),
    ]);
  }

  approve(applicationId: string): Promise<void> {
    const confirmedAt = new Date().toISOString();
    return this.publish(caseApprovedV1, { ...caseApprovedV1.example, applicationId, region, confirmedAt }, '/sa/approval');
  }

  grant(applicationId: string): Promise<void> {
    return this.publish(entitlementGrantedV1, { ...entitlementGrantedV1.example, applicationId, region, entitlementId: randomUUID() }, '/sa/payments');
  }

  stopForDeath(applicationId: string): Promise<void> {
    const stop = { ...entitlementStoppedV1.example, applicationId, reason: 'death' as const, detail: '保障对象死亡，死亡次月停发' };
    return this.publish(entitlementStoppedV1, stop, '/sa/payments');
  }

  refuse(applicationId: string, heldByApplicationId: string): Promise<void> {
    return this.publish(entitlementRefusedV1, { ...entitlementRefusedV1.example, applicationId, region, heldByApplicationId }, '/sa/payments');
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
