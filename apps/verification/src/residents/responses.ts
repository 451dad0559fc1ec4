/** What GET /residents/:residentId/records answers, as zod schemas for its contract (api-contract.ts). */
import { residentIdField } from '@sa/contracts';
import { z } from 'zod';

export const residentParams = z.object({ residentId: residentIdField });

const records = z.array(z.looseObject({})).describe('Each record as the department reported it (amounts in integer fen).');

export const residentRecords = z.object({
  residentId: z.string(),
  death: z.looseObject({}).nullable(),
  vehicles: records,
  properties: records,
  pensions: records,
  unemploymentBenefits: records,
  wages: records,
  businesses: records,
  disabilities: records,
  seriousIllnesses: records,
  largeMedicalBills: records,
  disasters: records,
  assistanceStatuses: records.optional().describe('Civil-affairs statuses (低保/特困/低收入) held elsewhere, when reported.'),
  facts: z.array(
    z.object({ type: z.string(), source: z.string(), messageId: z.string(), recordedAt: z.string(), reportedBy: z.string(), eventId: z.string() }),
  ),
});

export const residentBenefit = z.object({
  residentIdMasked: z.string(),
  liveBenefit: z
    .object({ programme: z.string(), entitlementId: z.string(), applicationId: z.string(), source: z.literal('platform-caseload') })
    .nullable()
    .describe('A live dibao or 特困 entitlement covering the resident, as payments’ events told this service; null when none.'),
});
