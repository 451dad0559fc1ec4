/**
 * Payments (资金发放): entitlements (who is owed what from when) and the monthly payments made
 * against them. Topics sa.payments.entitlements.v1, sa.payments.payments.v1 and
 * sa.payments.payroll-batches.v1 (a payroll's instructions, a part of a batch per message).
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, applicationIdField, fenField, idField, instantField, monthField, programmeField, regionCodeField, textField } from '../fields/common';
import { exampleActors, exampleApplicationId, exampleEntitlementId, exampleInstructionId, examplePayrollId } from './examples';

export const entitlementsTopicV1 = 'sa.payments.entitlements.v1';
export const paymentsTopicV1 = 'sa.payments.payments.v1';
export const payrollBatchesTopicV1 = 'sa.payments.payroll-batches.v1';

const entitlementContract = { topic: entitlementsTopicV1, keyField: 'applicationId', direction: 'outbound', producer: 'payments service' } as const;
const paymentContract = { topic: paymentsTopicV1, keyField: 'applicationId', direction: 'outbound', producer: 'payments service' } as const;

export const entitlementGrantedV1 = defineContract({
  ...entitlementContract,
  type: 'sa.payments.entitlement-granted',
  version: 1,
  description: 'An approved case became an entitlement: the monthly amount (补差) the household is paid from startMonth, under the policy in force.',
  schema: z.object({
    applicationId: applicationIdField,
    entitlementId: idField('Id of the entitlement.'),
    programme: programmeField,
    region: regionCodeField,
    householdSize: z.number().int().min(1).max(30),
    monthlyAmountFen: fenField('Amount paid each month.'),
    startMonth: monthField('First month paid.'),
    policyId: textField('Regional policy version the amount comes from.', 64),
    grantedBy: actorField,
    grantedAt: instantField('When it was granted.'),
    singlePersonCoverage: z
      .object({
        householdApplicationId: applicationIdField.meta({ description: 'The household case whose economic check covered this member alone.' }),
        memberId: idField('The one member covered.'),
      })
      .optional()
      .meta({
        description:
          '单人保 (catalogue 1.3.0, optional): the entitlement covers one member of the household case named, alone (householdSize 1); absent for a household.',
      }),
  }),
  example: {
    applicationId: exampleApplicationId,
    entitlementId: exampleEntitlementId,
    programme: 'dibao',
    region: '330102001001',
    householdSize: 3,
    monthlyAmountFen: 242_700,
    startMonth: '2025-04',
    policyId: '330000-2025-01',
    grantedBy: exampleActors.paymentsOfficer,
    grantedAt: '2025-03-21T11:00:00+08:00',
  },
});

export const entitlementStoppedV1 = defineContract({
  ...entitlementContract,
  type: 'sa.payments.entitlement-stopped',
  version: 1,
  description:
    'An entitlement ends from effectiveMonth (no payment for that month or later): death, exit after the gradual-exit period (渐退), moving away, a failed review or a voluntary withdrawal.',
  schema: z.object({
    applicationId: applicationIdField,
    entitlementId: idField('The entitlement that stops.'),
    reason: z.enum(['death', 'exit', 'moved-away', 'review-failed', 'voluntary-withdrawal']),
    detail: textField('Explanation for the household and auditors.', 1000).optional(),
    effectiveMonth: monthField('First month no longer paid.'),
    stoppedBy: actorField,
    stoppedAt: instantField('When it was stopped.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    entitlementId: exampleEntitlementId,
    reason: 'exit',
    detail: '家庭人均收入连续超过低保标准，渐退期满退出',
    effectiveMonth: '2026-01',
    stoppedBy: exampleActors.paymentsOfficer,
    stoppedAt: '2025-12-20T09:00:00+08:00',
  },
});

export const entitlementRefusedV1 = defineContract({
  ...entitlementContract,
  type: 'sa.payments.entitlement-refused',
  version: 1,
  description:
    'An approved case was not made an entitlement: a member is already covered by the live entitlement of another case (one person, one live basic-living benefit across dibao and extreme-poverty support; 一人一保). Intake frees the refused case\u2019s residents; the holding case is named so a case worker can resolve it.',
  schema: z.object({
    applicationId: applicationIdField,
    entitlementId: idField('Id the entitlement would have had.'),
    programme: programmeField,
    region: regionCodeField,
    reason: z.enum(['resident-already-on-benefit']),
    memberId: idField('The member already covered (member id of the refused case; no resident ID).'),
    heldByApplicationId: idField('The case (application id) whose entitlement covers that member.'),
    refusedBy: actorField,
    refusedAt: instantField('When it was refused.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    entitlementId: exampleEntitlementId,
    programme: 'dibao',
    region: '330102001001',
    reason: 'resident-already-on-benefit',
    memberId: '0195f2a4-6b0d-7c2e-8f3a-1b2c3d4e5f60',
    heldByApplicationId: '0195f2a4-5a0c-7b1d-9e2f-0a1b2c3d4e5f',
    refusedBy: exampleActors.paymentsOfficer,
    refusedAt: '2025-03-21T11:00:00+08:00',
  },
});

export const paymentIssuedV1 = defineContract({
  ...paymentContract,
  type: 'sa.payments.payment-issued',
  version: 1,
  description: 'A payment instruction for one household and month was issued to the bank as part of a monthly payroll (发放花名册).',
  schema: z.object({
    applicationId: applicationIdField,
    payrollId: idField('Monthly payroll the instruction belongs to.'),
    instructionId: idField('Payment instruction sent to the bank.'),
    region: regionCodeField,
    month: monthField('Month paid for.'),
    amountFen: fenField('Amount paid.'),
    issuedAt: instantField('When the instruction was issued.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    payrollId: examplePayrollId,
    instructionId: exampleInstructionId,
    region: '330102001001',
    month: '2025-04',
    amountFen: 242_700,
    issuedAt: '2025-04-08T09:00:00+08:00',
  },
});

/**
 * A city's payroll issues a million instructions a month; one message each was a million messages
 * (and a million events) per run. Runs now record and publish their instructions a part of a batch
 * at a time (up to 250). payment-issued v1 stays for runs recorded before: their instructions are
 * still published one by one.
 */
export const paymentBatchIssuedV1 = defineContract({
  topic: payrollBatchesTopicV1,
  keyField: 'payrollId',
  direction: 'outbound',
  producer: 'payments service',
  type: 'sa.payments.payment-batch-issued',
  version: 1,
  description:
    'Payment instructions issued to the bank as part of a monthly payroll (发放花名册): up to 250 of one batch of the run, one per household and month. Follows sa.payments.payment-issued v1 (one message per instruction), which runs recorded before batches carried their instructions still publish.',
  schema: z.object({
    payrollId: idField('Monthly payroll the instructions belong to.'),
    batch: z.number().int().min(0).describe('Batch of the run (0-based); a batch may come in several messages.'),
    month: monthField('Month paid for.'),
    issuedAt: instantField('When the batch was issued.'),
    instructions: z
      .array(
        z.object({
          applicationId: applicationIdField,
          instructionId: idField('Payment instruction sent to the bank.'),
          region: regionCodeField,
          amountFen: fenField('Amount paid.'),
        }),
      )
      .min(1)
      .max(250),
  }),
  example: {
    payrollId: examplePayrollId,
    batch: 0,
    month: '2025-04',
    issuedAt: '2025-04-08T09:00:00+08:00',
    instructions: [{ applicationId: exampleApplicationId, instructionId: exampleInstructionId, region: '330102001001', amountFen: 242_700 }],
  },
});

/** The bank's outcomes of one import chunk, up to 250 per message; payment-settled v1 stays for imports recorded before. */
export const paymentBatchSettledV1 = defineContract({
  topic: payrollBatchesTopicV1,
  keyField: 'payrollId',
  direction: 'outbound',
  producer: 'payments service',
  type: 'sa.payments.payment-batch-settled',
  version: 1,
  description:
    'The bank reported the outcomes of payment instructions of a monthly payroll: up to 250 per message, each paid or failed with the bank\u2019s reason. Follows sa.payments.payment-settled v1 (one message per instruction), which imports recorded before still publish.',
  schema: z.object({
    payrollId: idField('Monthly payroll the instructions belong to.'),
    results: z
      .array(
        z
          .object({
            applicationId: applicationIdField,
            instructionId: idField('The instruction settled.'),
            outcome: z.enum(['paid', 'failed']),
            failureReason: textField('Bank\u2019s reason, when failed.', 500).optional(),
            settledAt: instantField('When the bank settled it.'),
          })
          .refine((r) => (r.outcome === 'failed') === (r.failureReason !== undefined), 'a failed payment carries its reason; a paid one none'),
      )
      .min(1)
      .max(250),
  }),
  example: {
    payrollId: examplePayrollId,
    results: [{ applicationId: exampleApplicationId, instructionId: exampleInstructionId, outcome: 'paid', settledAt: '2025-04-09T15:20:00+08:00' }],
  },
});

export const paymentSettledV1 = defineContract({
  ...paymentContract,
  type: 'sa.payments.payment-settled',
  version: 1,
  description: 'The bank reported the outcome of a payment instruction: paid, or failed with the bank\u2019s reason.',
  schema: z
    .object({
      applicationId: applicationIdField,
      instructionId: idField('The instruction settled.'),
      outcome: z.enum(['paid', 'failed']),
      failureReason: textField('Bank\u2019s reason, when failed.', 500).optional(),
      settledAt: instantField('When the bank settled it.'),
    })
    .superRefine((settlement, ctx) => {
      if (settlement.outcome === 'failed' && settlement.failureReason === undefined) {
        ctx.addIssue({ code: 'custom', path: ['failureReason'], message: 'is required when outcome is failed' });
      }
    }),
  example: {
    applicationId: exampleApplicationId,
    instructionId: exampleInstructionId,
    outcome: 'paid',
    settledAt: '2025-04-09T15:20:00+08:00',
  },
});

export const recoveryFlaggedV1 = defineContract({
  ...paymentContract,
  type: 'sa.payments.recovery-flagged',
  version: 1,
  description: 'A payment must be recovered (追回), e.g. it was paid for a month after the recipient\u2019s death (虚报冒领 control).',
  schema: z.object({
    applicationId: applicationIdField,
    instructionId: idField('The payment to recover.'),
    reason: z.enum(['paid-after-death']),
    amountFen: fenField('Amount to recover.'),
    flaggedAt: instantField('When it was flagged.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    instructionId: exampleInstructionId,
    reason: 'paid-after-death',
    amountFen: 242_700,
    flaggedAt: '2025-05-02T10:00:00+08:00',
  },
});

export const paymentsContracts = [
  entitlementGrantedV1,
  entitlementStoppedV1,
  entitlementRefusedV1,
  paymentIssuedV1,
  paymentBatchIssuedV1,
  paymentSettledV1,
  paymentBatchSettledV1,
  recoveryFlaggedV1,
] as const;
