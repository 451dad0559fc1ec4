/** Request bodies of intake's temporary-assistance routes; field rules are the contract's (sa.intake.temporary-cases.v1). */
import { temporaryAssistanceAppliedSchema, textField } from '@sa/contracts';
import { uuidParam } from '@sa/platform';
import { z } from 'zod';
import { submitApplicationRequest } from '../applications/requests';

const applied = temporaryAssistanceAppliedSchema.shape;

export const applyForTemporaryAssistanceRequest = z.object({
  /** Optional client-chosen UUID: a retry gets a 409, never a second case. */
  caseId: z.uuid('must be a UUID').optional(),
  category: applied.category,
  circumstance: applied.circumstance,
  severity: applied.severity,
  description: applied.description,
  emergencyLocation: applied.emergencyLocation,
  emergencyDate: applied.emergencyDate,
  applicant: applied.applicant,
  householdSize: applied.householdSize,
  amountAskedFen: applied.amountAskedFen,
  channel: applied.channel,
  leadId: applied.leadId,
  charityReferralConsent: applied.charityReferralConsent,
});
export type ApplyForTemporaryAssistanceRequest = z.infer<typeof applyForTemporaryAssistanceRequest>;

export const documentsReceivedRequest = z.object({
  documents: z.array(textField('A document received, e.g. 交通事故认定书, 医院诊断证明.', 200)).min(1, 'must name at least one document').max(50),
});

/** A dibao / 特困 application continuing the temporary case: the usual application body, and why the need lasts. */
export const conversionRequest = submitApplicationRequest.extend({ reason: textField('What shows a lasting need.', 1000) });
export type ConversionRequest = z.infer<typeof conversionRequest>;

export const temporaryCaseParams = z.object({ id: uuidParam('a temporary-assistance case id') });

export const temporaryCaseAnswer = z.object({
  caseId: z.string(),
  status: z.enum(['open']),
  township: z.string(),
  urgentPayment: z.object({ drawId: z.string(), amountFen: z.int(), documentsDueBy: z.string() }).optional(),
  documentsReceived: z.boolean(),
  documentsOverdue: z.boolean(),
  convertedTo: z.string().optional(),
});

export const conversionAnswer = z.object({ caseId: z.string(), applicationId: z.string(), status: z.string() });
