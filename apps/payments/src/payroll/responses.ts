/** What the payroll API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { actorAnswer, uuidParam } from '@sa/platform';
import { z } from 'zod';
import { bankResultsJsonRequest } from './requests';

export const payrollParams = z.object({ payrollId: uuidParam('a payroll run id') });

const instruction = z.object({
  instructionId: z.string(),
  entitlementId: z.string(),
  applicationId: z.string(),
  programme: z.string(),
  region: z.string(),
  month: z.string(),
  amountFen: z.int(),
  amountYuan: z.string(),
  payee: z.object({ bankName: z.string(), accountHolder: z.string(), accountNumberMasked: z.string() }),
  reference: z.string(),
  outcome: z.enum(['pending', 'paid', 'failed']),
  failureCode: z.string().optional(),
  failureReason: z.string().optional(),
  settledAt: z.string().optional(),
});

export const payrollAnswer = z.object({
  payrollId: z.string(),
  region: z.string(),
  month: z.string(),
  status: z.enum(['running', 'issued', 'partly-settled', 'reconciled']),
  progress: z.object({ batchesDone: z.int(), batchesPlanned: z.int(), batchSize: z.int(), closed: z.boolean() }),
  startedBy: actorAnswer,
  startedAt: z.string(),
  closedAt: z.string().optional(),
  instructionCount: z.int(),
  totalFen: z.int(),
  totalYuan: z.string(),
  excluded: z.array(z.object({ entitlementId: z.string(), reason: z.string() })),
  settlement: z.object({ paidCount: z.int(), paidFen: z.int(), failedCount: z.int(), failedFen: z.int(), pendingCount: z.int() }),
  reconciledAt: z.string().optional(),
  instructionsListed: z.boolean().describe('Whether instructions lists every instruction (false above 5,000: the disbursement file is the list).'),
  instructions: z.array(instruction),
});

const started = (outcome: 'started' | 'existing', description: string) => payrollAnswer.extend({ outcome: z.literal(outcome) }).describe(description);

export const payrollStarted = started('started', 'The run started');
export const payrollExisting = started('existing', 'The run of this region and month already exists: that run');

export const disbursementFile = {
  description: 'The disbursement file (代发文件): CSV, UTF-8, one instruction a line and a control total',
  mediaType: 'text/csv',
  schema: z.string(),
};

export const bankResultsBody = {
  'text/csv': z.string().min(1).describe('The bank’s result file (回盘文件) as the bank sent it.'),
  'application/json': bankResultsJsonRequest,
};

export const bankResultsAnswer = z.object({
  payrollId: z.string(),
  newlyPaid: z.int(),
  newlyFailed: z.int(),
  unchanged: z.int().describe('Results already recorded by an earlier import.'),
  reconciled: z.boolean(),
  payroll: payrollAnswer,
});
