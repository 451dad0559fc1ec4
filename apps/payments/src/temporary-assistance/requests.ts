import { fenField, regionCodeField, temporaryCaseIdField, textField } from '@sa/contracts';
import { z } from 'zod';

export const townshipParams = z.object({ township: z.string().regex(/^\d{9}$/, 'must be a 9-digit township code') });

export const allocationRequest = z.object({
  allocationId: textField('Your id of the allocation (a retry with it books nothing twice).', 100),
  amountFen: fenField('Amount.'),
});

export const drawRequest = z.object({
  caseId: temporaryCaseIdField,
  amountFen: fenField('The urgent amount paid at once (小金额先行救助).'),
  method: z.enum(['cash', 'transfer']),
  payee: z.object({
    name: textField('Who receives it. Personal data.', 100),
    accountNumber: z
      .string()
      .regex(/^\d{12,30}$/)
      .optional(),
  }),
});

export const reimbursementRequest = z.object({
  reimbursementId: textField('Your id of the reimbursement.', 100),
  amountFen: fenField('Amount.'),
  note: textField('What it reimburses.', 500),
});

export const fundAnswer = z.object({ township: z.string(), balanceFen: z.int(), entries: z.int() });

export const stageRunRequest = z.object({ region: regionCodeField });
export const stageRunParams = z.object({ runId: z.string().regex(/^stages-\d{2,12}-\d{4}-\d{2}-\d{2}$/, 'must be a stage run id') });
export const stageRunAnswer = z.object({
  runId: z.string(),
  date: z.string(),
  issued: z.int(),
  skipped: z.int(),
  instructions: z.array(z.object({ caseId: z.string(), stageNo: z.int(), instructionId: z.string(), amountFen: z.int() })),
});
export const bankResultsRequest = z.object({ resultFile: z.string().min(1).max(10_000_000) });
export const bankResultsAnswer = z.object({ runId: z.string(), paid: z.int(), failed: z.int(), alreadyRecorded: z.int() });

export const stageDisbursementFile = {
  description: 'The disbursement file (代发文件) of a stage run: CSV, UTF-8, payroll’s format with its control total',
  mediaType: 'text/csv',
  schema: z.string(),
};

export const stageCaseParams = z.object({ caseId: temporaryCaseIdField });
export const payeeCorrectionRequest = z.object({
  accountHolder: textField('The account holder. Personal data.', 100),
  accountNumber: z.string().regex(/^\d{12,30}$/, 'must be 12 to 30 digits'),
  reason: textField('Why the account changed (e.g. the bank refused the old one: account closed).', 500),
});
export const payeeCorrectionAnswer = z.object({ caseId: z.string(), reissuedStageNos: z.array(z.int()) });
