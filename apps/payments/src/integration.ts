/**
 * Payments' messaging. Leaving the service, explicitly: entitlement granted, refused and stopped, payment
 * instructions issued (a part of a payroll batch per message; one per instruction for runs recorded
 * before) and settled, recovery flagged; the other domain events (deaths as reported, suspensions,
 * payments recorded on entitlements, run bookkeeping) stay inside. Arriving: approval's decisions
 * (only case-approved acts) and county public security's deaths (no receipt: verification answers
 * county messages).
 */
import {
  approvalContracts,
  caseApprovedV1,
  entitlementGrantedV1,
  entitlementRefusedV1,
  entitlementStoppedV1,
  paymentBatchIssuedV1,
  paymentBatchSettledV1,
  paymentIssuedV1,
  paymentSettledV1,
  periodicReviewDecidedV1,
  recoveryFlaggedV1,
  residentDeathV1,
} from '@sa/contracts';
import type { EntitlementEvent, PayrollEvent } from '@sa/domain-payments';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';
import { entitlementStreamPrefix, payrollStreamPrefix } from './streams';

/** The bank's code and reason as one text (the reason alone when it is the code). */
const failureText = (code: string, reason: string) => (reason === code ? code : `${code}: ${reason}`).slice(0, 500);

const mapping = mappingOf<EntitlementEvent | PayrollEvent>({
  EntitlementGranted: (e) => {
    const d = e.data;
    return integrationEvent(entitlementGrantedV1, {
      applicationId: d.applicationId,
      entitlementId: d.entitlementId,
      programme: d.programme,
      region: d.region,
      householdSize: d.householdSize,
      monthlyAmountFen: d.monthlyAmountFen,
      startMonth: d.startMonth,
      policyId: d.policyId,
      grantedBy: d.grantedBy,
      grantedAt: d.grantedAt,
      // 单人保: whose household it comes from, so others can tell which one resident it covers.
      ...(d.singlePersonOf ? { singlePersonCoverage: { ...d.singlePersonOf } } : {}),
    });
  },
  EntitlementRefused: (e) => {
    const d = e.data;
    return integrationEvent(entitlementRefusedV1, {
      applicationId: d.applicationId,
      entitlementId: d.entitlementId,
      programme: d.programme,
      region: d.region,
      reason: d.reason,
      memberId: d.memberId,
      heldByApplicationId: d.heldByApplicationId,
      refusedBy: d.refusedBy,
      refusedAt: d.refusedAt,
    });
  },
  EntitlementStopped: (e) => {
    const d = e.data;
    return integrationEvent(entitlementStoppedV1, {
      applicationId: d.applicationId,
      entitlementId: d.entitlementId,
      reason: d.reason,
      ...(d.detail ? { detail: d.detail } : d.reason === 'death' ? { detail: '保障对象死亡，死亡次月停发' } : {}),
      effectiveMonth: d.effectiveMonth,
      stoppedBy: d.stoppedBy,
      stoppedAt: d.stoppedAt,
    });
  },
  PaymentInstructionIssued: (e) => {
    const d = e.data;
    return integrationEvent(paymentIssuedV1, {
      applicationId: d.applicationId,
      payrollId: d.payrollId,
      instructionId: d.instructionId,
      region: d.region,
      month: d.month,
      amountFen: d.amountFen,
      issuedAt: d.issuedAt,
    });
  },
  PaymentInstructionsIssued: (e) => {
    const d = e.data;
    return integrationEvent(paymentBatchIssuedV1, {
      payrollId: d.payrollId,
      batch: d.batch,
      month: d.month,
      issuedAt: d.issuedAt,
      instructions: d.instructions.map((i) => ({ applicationId: i.applicationId, instructionId: i.instructionId, region: i.region, amountFen: i.amountFen })),
    });
  },
  PaymentsSettled: (e) => {
    const d = e.data;
    return integrationEvent(paymentBatchSettledV1, {
      payrollId: d.payrollId,
      results: d.results.map((r) => ({
        applicationId: r.applicationId,
        instructionId: r.instructionId,
        outcome: r.outcome,
        ...(r.outcome === 'failed' ? { failureReason: failureText(r.failureCode ?? 'UNKNOWN', r.failureReason ?? r.failureCode ?? 'UNKNOWN') } : {}),
        settledAt: r.settledAt,
      })),
    });
  },
  PaymentSucceeded: (e) => {
    const d = e.data;
    return integrationEvent(paymentSettledV1, { applicationId: d.applicationId, instructionId: d.instructionId, outcome: 'paid', settledAt: d.settledAt });
  },
  PaymentFailed: (e) => {
    const d = e.data;
    return integrationEvent(paymentSettledV1, {
      applicationId: d.applicationId,
      instructionId: d.instructionId,
      outcome: 'failed',
      failureReason: failureText(d.failureCode, d.failureReason),
      settledAt: d.settledAt,
    });
  },
  PaymentFlaggedForRecovery: (e) => {
    const d = e.data;
    return integrationEvent(recoveryFlaggedV1, {
      applicationId: d.applicationId,
      instructionId: d.instructionId,
      reason: d.reason,
      amountFen: d.amountFen,
      flaggedAt: d.flaggedAt,
    });
  },
  DeathReported: () => null,
  EntitlementSuspended: () => null,
  EntitlementAmountChanged: () => null,
  EntitlementResumed: () => null,
  GradualExitStarted: () => null,
  EntitlementPaymentRecorded: () => null,
  PayrollStarted: () => null,
  PayrollBatchIssued: () => null,
  PayrollClosed: () => null,
  BankResultsRecorded: () => null,
  PayrollReconciled: () => null,
});

export const paymentsPublication: PublicationDefinition = {
  streamPrefixes: [entitlementStreamPrefix, payrollStreamPrefix],
  mapping,
  contracts: [
    entitlementGrantedV1,
    entitlementStoppedV1,
    entitlementRefusedV1,
    paymentIssuedV1,
    paymentBatchIssuedV1,
    paymentSettledV1,
    paymentBatchSettledV1,
    recoveryFlaggedV1,
  ],
};

/** Approval's decisions; handled by PaymentsEventsController. */
export const caseApprovalConsumption: ConsumptionDefinition = {
  name: 'payments-case-approvals',
  inbox: 'event-store',
  handles: [caseApprovedV1],
  // Same topic: reviews, notices, objections and rejections are approval's business, not a payment.
  ignore: approvalContracts.filter((c) => c !== caseApprovedV1),
};

/** Approval's periodic-review outcomes (定期核查), carried out on entitlements; handled by PaymentsEventsController. */
export const periodicReviewConsumption: ConsumptionDefinition = {
  name: 'payments-periodic-reviews',
  inbox: 'event-store',
  handles: [periodicReviewDecidedV1],
};

/** County public security's deaths; handled by PaymentsEventsController. */
export const residentDeathConsumption: ConsumptionDefinition = {
  name: 'payments-resident-deaths',
  inbox: 'event-store',
  handles: [residentDeathV1],
};
