/**
 * Temporary assistance's money at payments: the township reserve fund ledger (乡镇临时救助备用金,
 * topic sa.payments.reserve-funds.v1, keyed by township) and the staged payments of approved cases
 * (topic sa.payments.temporary-stages.v1, keyed by case id).
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, dateField, fenField, instantField, regionCodeField, textField } from '../fields/common';
import { exampleActors } from './examples';
import { exampleTemporaryCaseId, temporaryCaseIdField } from './temporary-assistance-intake';

export const reserveFundsTopicV1 = 'sa.payments.reserve-funds.v1';
export const temporaryStagesTopicV1 = 'sa.payments.temporary-stages.v1';

const fundContract = { topic: reserveFundsTopicV1, keyField: 'township', direction: 'outbound', producer: 'payments service' } as const;
const stageContract = { topic: temporaryStagesTopicV1, keyField: 'caseId', direction: 'outbound', producer: 'payments service' } as const;
const balanceField = z.number().int().min(0).meta({ description: 'The fund’s balance after this entry, in fen; never below zero.' });

export const reserveFundAllocatedV1 = defineContract({
  ...fundContract,
  type: 'sa.payments.reserve-fund-allocated',
  version: 1,
  description: 'The county allocated money to a township’s reserve fund.',
  schema: z.object({
    township: regionCodeField,
    allocationId: textField('Allocation id.', 100),
    amountFen: fenField('Amount.'),
    balanceAfterFen: balanceField,
    allocatedBy: actorField,
    allocatedAt: instantField('When.'),
  }),
  example: {
    township: '330102001',
    allocationId: 'alloc-2025-q1',
    amountFen: 1_000_000,
    balanceAfterFen: 1_000_000,
    allocatedBy: exampleActors.paymentsOfficer,
    allocatedAt: '2025-01-05T09:00:00+08:00',
  },
});

export const reserveFundDrawnV1 = defineContract({
  ...fundContract,
  type: 'sa.payments.reserve-fund-drawn',
  version: 1,
  description: 'The township paid an urgent case at once from its reserve fund (小金额先行救助), by cash or transfer.',
  schema: z.object({
    township: regionCodeField,
    drawId: textField('Draw id.', 100),
    caseId: temporaryCaseIdField,
    amountFen: fenField('Amount paid.'),
    balanceAfterFen: balanceField,
    method: z.enum(['cash', 'transfer']),
    drawnBy: actorField,
    drawnAt: instantField('When.'),
    policyId: textField('Regional policy version of the ceiling.', 64),
  }),
  example: {
    township: '330102001',
    drawId: `urgent-${exampleTemporaryCaseId}`,
    caseId: exampleTemporaryCaseId,
    amountFen: 80_000,
    balanceAfterFen: 920_000,
    method: 'cash',
    drawnBy: exampleActors.townshipReviewer,
    drawnAt: '2025-03-02T15:00:00+08:00',
    policyId: 'taizhou-2025',
  },
});

export const reserveFundReplenishedV1 = defineContract({
  ...fundContract,
  type: 'sa.payments.reserve-fund-replenished',
  version: 1,
  description: 'The county reimbursed the township’s fund for what it advanced.',
  schema: z.object({
    township: regionCodeField,
    reimbursementId: textField('Reimbursement id.', 100),
    amountFen: fenField('Amount.'),
    balanceAfterFen: balanceField,
    note: textField('What it reimburses.', 500),
    replenishedBy: actorField,
    replenishedAt: instantField('When.'),
  }),
  example: {
    township: '330102001',
    reimbursementId: 'reimb-2025-03',
    amountFen: 80_000,
    balanceAfterFen: 1_000_000,
    note: 'March urgent payments',
    replenishedBy: exampleActors.paymentsOfficer,
    replenishedAt: '2025-03-31T09:00:00+08:00',
  },
});

export const temporaryStageIssuedV1 = defineContract({
  ...stageContract,
  type: 'sa.payments.temporary-stage-issued',
  version: 1,
  description: 'A stage of an approved temporary case went into a bank disbursement file as one payment instruction (exactly once).',
  schema: z.object({
    caseId: temporaryCaseIdField,
    stageNo: z.number().int().min(1),
    runId: textField('The stage run.', 100),
    instructionId: textField('Payment instruction id (the bank file line).', 100),
    amountFen: fenField('Amount.'),
    dueDate: dateField('The stage’s date.'),
  }),
  example: { caseId: exampleTemporaryCaseId, stageNo: 1, runId: 'stages-330102-2025-03-10', instructionId: 'i-1', amountFen: 260_000, dueDate: '2025-03-10' },
});

export const temporaryAssistancePaymentContracts = [reserveFundAllocatedV1, reserveFundDrawnV1, reserveFundReplenishedV1, temporaryStageIssuedV1] as const;
