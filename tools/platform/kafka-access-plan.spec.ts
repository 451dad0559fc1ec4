/**
 * The access plan (libs/messaging/src/security/kafka-access-plan.ts) names, per service, the topics
 * it publishes and the consumer groups and topics it reads. Here it is checked against what each
 * service actually declares, so a new consumption cannot be forgotten in the broker's ACLs (its
 * service would be refused at start on the SASL broker) nor an old one linger as a right.
 */
import { serviceAccess, servicePrincipal, kafkaAccessPlan } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';
import { approvalConsumption, approvalPublication } from '../../apps/approval/src/cases/integration';
import { periodicReviewConsumption, periodicReviewPublication } from '../../apps/approval/src/periodic-reviews/integration';
import { temporaryDecisionConsumption as approvalTemporaryCases, temporaryDecisionPublication } from '../../apps/approval/src/temporary-assistance/integration';
import { findingsPublication } from '../../apps/audit/src/findings/findings-publication';
import { referralConsumption, referralPublication } from '../../apps/charity-referral/src/referrals/integration';
import { temporaryDecisionConsumption as referralTemporaryDecisions } from '../../apps/charity-referral/src/referrals/temporary-decisions.controller';
import { intakeConsumption, intakeEntitlementConsumption, intakePublication } from '../../apps/intake/src/applications/integration';
import { temporaryCaseConsumption, temporaryCasePublication } from '../../apps/intake/src/temporary-assistance/integration';
import {
  caseApprovalConsumption,
  paymentsPublication,
  periodicReviewConsumption as paymentsPeriodicReviews,
  residentDeathConsumption,
} from '../../apps/payments/src/integration';
import {
  temporaryCasesConsumption,
  temporaryDecisionsConsumption,
  temporaryPaymentsPublication,
} from '../../apps/payments/src/temporary-assistance/integration';
import { caseloadConsumption } from '../../apps/verification/src/caseload/caseload-events.controller';
import { applicationsConsumption, casesConsumption, verificationPublication } from '../../apps/verification/src/checks/integration';
import { countyDataConsumption } from '../../apps/verification/src/register/county-data-consumption';
import { services } from './services';

// Every publication and consumption each service registers (its modules' ServiceMessaging calls).
const declared: Record<string, { publications: PublicationDefinition[]; consumptions: ConsumptionDefinition[] }> = {
  intake: {
    publications: [intakePublication(), temporaryCasePublication],
    consumptions: [intakeConsumption, intakeEntitlementConsumption, temporaryCaseConsumption],
  },
  verification: {
    publications: [verificationPublication],
    consumptions: [applicationsConsumption, casesConsumption, countyDataConsumption, caseloadConsumption],
  },
  approval: {
    publications: [approvalPublication, temporaryDecisionPublication, periodicReviewPublication],
    consumptions: [approvalConsumption, approvalTemporaryCases, periodicReviewConsumption],
  },
  payments: {
    publications: [paymentsPublication, temporaryPaymentsPublication],
    consumptions: [caseApprovalConsumption, residentDeathConsumption, temporaryDecisionsConsumption, temporaryCasesConsumption, paymentsPeriodicReviews],
  },
  'charity-referral': { publications: [referralPublication], consumptions: [referralConsumption, referralTemporaryDecisions] },
  audit: { publications: [findingsPublication], consumptions: [] },
};

const topicsOf = (contracts: readonly { topic: string }[]) => [...new Set(contracts.map((c) => c.topic))].sort();

describe('Kafka access plan', () => {
  it('has a principal for every service the platform runs', () => {
    expect(Object.keys(serviceAccess).sort()).toEqual(services.map((s) => s.name).sort());
  });

  it.each(Object.keys(declared))('gives %s exactly the topics and groups it declares', (service) => {
    // Given what the service declares, Then the plan grants the same
    const { publications, consumptions } = declared[service]!;
    const access = serviceAccess[service]!;
    expect([...access.publishes].sort()).toEqual(topicsOf(publications.flatMap((p) => p.contracts)));
    expect(Object.keys(access.consumes).sort()).toEqual(consumptions.map((c) => c.name).sort());
    for (const consumption of consumptions) {
      expect([...access.consumes[consumption.name]!].sort()).toEqual(topicsOf([...consumption.handles, ...(consumption.ignore ?? [])]));
    }
    expect(access.receipts ?? false).toBe(consumptions.some((c) => c.receipts !== undefined));
  });

  it("never lets a service create topics or write another service's topic", () => {
    // Given the plan, When looking at each service's write rights, Then they are its own topics and dead-letter topics only
    for (const [service, access] of Object.entries(serviceAccess)) {
      const writes = kafkaAccessPlan()
        .filter((acl) => acl.principal === `User:${servicePrincipal(service)}`)
        .filter((acl) => acl.operation === 4 || acl.operation === 5);
      expect(writes.every((acl) => acl.operation === 4)).toBe(true);
      const own = new Set([
        ...access.publishes,
        ...Object.values(access.consumes)
          .flat()
          .map((t) => `${t}.dlq`),
      ]);
      if (access.receipts) own.add('sa.county-data.receipts.v1');
      expect(writes.map((acl) => acl.resourceName).filter((name) => !own.has(name))).toEqual([]);
    }
  });
});
