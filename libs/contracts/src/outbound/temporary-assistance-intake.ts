/**
 * Temporary assistance (临时救助) at intake: the application taken at the place of emergency, the
 * urgent payment recorded against it, its documents (or the flag when they do not come), its
 * conversion into a dibao / 特困 application. Topic sa.intake.temporary-cases.v1, keyed by case id.
 * A topic of its own: the dibao application contract (sa.intake.applications) is untouched.
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import {
  actorField,
  applicationIdField,
  dateField,
  fenField,
  idField,
  instantField,
  programmeField,
  regionCodeField,
  residentIdField,
  textField,
} from '../fields/common';
import { exampleActors, exampleApplicationId } from './examples';

export const temporaryCasesTopicV1 = 'sa.intake.temporary-cases.v1';
export const exampleTemporaryCaseId = '0195f6b6-8b9c-7d0e-9f1a-2b3c4d5e6f70';

const temporaryCaseContract = { topic: temporaryCasesTopicV1, keyField: 'caseId', direction: 'outbound', producer: 'intake service' } as const;
export const temporaryCaseIdField = idField('Temporary-assistance case id issued by intake; the Kafka key of every temporary-case event.');

/** The application's fields, shared with intake's request body so what it accepts is what it can publish. */
export const temporaryAssistanceAppliedSchema = z.object({
  caseId: temporaryCaseIdField,
  category: z.enum(['emergency', 'expenditure']).meta({ description: '急难型 (sudden emergency) or 支出型 (rigid expenditure).' }),
  circumstance: z.enum(['accident', 'fire', 'natural-disaster', 'sudden-serious-illness', 'stranded', 'medical', 'education', 'other-rigid-expenditure']),
  severity: z.enum(['ordinary', 'serious', 'critical']),
  description: textField('What happened, in the worker’s words.', 2000),
  emergencyLocation: regionCodeField,
  township: regionCodeField,
  emergencyDate: dateField('The day of the emergency.'),
  applicant: z.object({
    name: textField('Personal data.', 100),
    residentId: residentIdField.optional(),
    hukouRegion: regionCodeField.optional(),
    phone: z
      .string()
      .regex(/^[0-9+\- ]{5,20}$/, 'must be 5 to 20 digits, spaces, + or -')
      .optional(),
    bankAccount: z.object({ accountHolder: textField('Personal data.', 100), accountNumber: z.string().regex(/^\d{12,30}$/) }).optional(),
  }),
  householdSize: z.number().int().min(1).max(30),
  amountAskedFen: fenField('What the applicant asked for.'),
  channel: z.enum(['in-person', 'worker', 'lead']),
  leadId: z.string().max(64).optional(),
  charityReferralConsent: z.boolean().optional().meta({ description: 'Consent to a charity referral (慈善转介) should hardship remain.' }),
  appliedBy: actorField,
  appliedAt: instantField('When it was taken.'),
});

export const temporaryAssistanceAppliedV1 = defineContract({
  ...temporaryCaseContract,
  type: 'sa.intake.temporary-assistance-applied',
  version: 1,
  description:
    'Temporary assistance was applied for where the emergency happened (在急难发生地申请), whoever the person is: no hukou or residence condition. The township of the emergency examines and pays.',
  schema: temporaryAssistanceAppliedSchema,
  example: {
    caseId: exampleTemporaryCaseId,
    category: 'emergency',
    circumstance: 'accident',
    severity: 'serious',
    description: '外地务工人员在工地受伤，无力支付急诊费用',
    emergencyLocation: '330102001001',
    township: '330102001',
    emergencyDate: '2025-03-02',
    applicant: {
      name: '李明',
      residentId: '410783198506151239',
      hukouRegion: '410783',
      bankAccount: { accountHolder: '李明', accountNumber: '6222000012345678' },
    },
    householdSize: 3,
    amountAskedFen: 500_000,
    channel: 'worker',
    appliedBy: exampleActors.intake,
    appliedAt: '2025-03-02T10:00:00+08:00',
  },
  personalData: ['applicant.name', 'applicant.residentId', 'applicant.phone', 'applicant.bankAccount.accountHolder', 'applicant.bankAccount.accountNumber'],
});

export const temporaryUrgentPaymentRecordedV1 = defineContract({
  ...temporaryCaseContract,
  type: 'sa.intake.temporary-urgent-payment-recorded',
  version: 1,
  description:
    'The township reserve fund paid the case a small amount at once (小金额先行救助); documents are due by documentsDueBy (working days under the policy).',
  schema: z.object({
    caseId: temporaryCaseIdField,
    township: regionCodeField,
    drawId: textField('The reserve-fund draw that paid it.', 100),
    amountFen: fenField('Amount paid.'),
    paidAt: instantField('When it was paid.'),
    documentsDueBy: dateField('Last day for the documents and the check.'),
    documentsDueWorkingDays: z.number().int().min(1),
    policyId: textField('Regional policy version of the deadline.', 64),
  }),
  example: {
    caseId: exampleTemporaryCaseId,
    township: '330102001',
    drawId: `urgent-${exampleTemporaryCaseId}`,
    amountFen: 80_000,
    paidAt: '2025-03-02T15:00:00+08:00',
    documentsDueBy: '2025-03-09',
    documentsDueWorkingDays: 5,
    policyId: 'taizhou-2025',
  },
});

export const temporaryDocumentsOverdueV1 = defineContract({
  ...temporaryCaseContract,
  type: 'sa.intake.temporary-documents-overdue',
  version: 1,
  description: 'An urgent payment’s documents did not come by the deadline; the township must follow up (and may recover the advance).',
  schema: z.object({
    caseId: temporaryCaseIdField,
    township: regionCodeField,
    documentsDueBy: dateField('The deadline missed.'),
    urgentAmountFen: fenField('The amount advanced.'),
    flaggedOn: dateField('The day it was flagged.'),
  }),
  example: { caseId: exampleTemporaryCaseId, township: '330102001', documentsDueBy: '2025-03-09', urgentAmountFen: 80_000, flaggedOn: '2025-03-10' },
});

export const temporaryCaseConvertedV1 = defineContract({
  ...temporaryCaseContract,
  type: 'sa.intake.temporary-case-converted',
  version: 1,
  description: 'The check showed a lasting need: the temporary case continues as a dibao or extreme-poverty application (符合条件的纳入低保、特困).',
  schema: z.object({
    caseId: temporaryCaseIdField,
    applicationId: applicationIdField,
    programme: programmeField,
    reason: textField('What shows a lasting need.', 1000),
    convertedBy: actorField,
    convertedAt: instantField('When.'),
  }),
  example: {
    caseId: exampleTemporaryCaseId,
    applicationId: exampleApplicationId,
    programme: 'dibao',
    reason: '伤残后丧失劳动能力，家庭收入持续低于低保标准',
    convertedBy: exampleActors.intake,
    convertedAt: '2025-03-20T09:00:00+08:00',
  },
});

export const temporaryIntakeContracts = [
  temporaryAssistanceAppliedV1,
  temporaryUrgentPaymentRecordedV1,
  temporaryDocumentsOverdueV1,
  temporaryCaseConvertedV1,
] as const;
