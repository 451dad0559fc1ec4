/**
 * Temporary assistance's tiered decision (县、乡"分级审批") at approval: referred to the county above
 * the township's delegated limit, approved (the total, the urgent advance already paid, the stages
 * that pay the rest, the rule trace) or rejected with reasons. Topic
 * sa.approval.temporary-decisions.v1, keyed by case id.
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, dateField, fenField, instantField, regionCodeField, textField } from '../fields/common';
import { exampleActors } from './examples';
import { exampleTemporaryCaseId, temporaryCaseIdField } from './temporary-assistance-intake';

export const temporaryDecisionsTopicV1 = 'sa.approval.temporary-decisions.v1';

const decisionContract = { topic: temporaryDecisionsTopicV1, keyField: 'caseId', direction: 'outbound', producer: 'approval service' } as const;

/** How a charity would reach the person; carried only when they consented to a referral. */
const contactField = z.object({
  name: textField('Personal data.', 100),
  phone: z
    .string()
    .regex(/^[0-9+\- ]{5,20}$/)
    .optional(),
});

const stagesField = z.array(z.object({ dueDate: dateField('Paid on or after this day.'), amountFen: fenField('Amount of the stage.') })).max(24);
const traceField = z.object({
  policyId: textField('Regional policy version.', 64),
  dibaoStandardFen: fenField('The monthly standard the multiples apply to.'),
  rangeMinFen: fenField('Least the category and severity allow.'),
  rangeMaxFen: fenField('Most the category and severity allow.'),
  yearlyCapFen: fenField('Yearly cap per household.'),
  householdApprovedThisYearFen: z.number().int().min(0),
  townshipApprovalLimitFen: fenField('Township delegated limit.'),
});
const exampleTrace = {
  policyId: 'taizhou-2025',
  dibaoStandardFen: 119_000,
  rangeMinFen: 119_000,
  rangeMaxFen: 714_000,
  yearlyCapFen: 1_428_000,
  householdApprovedThisYearFen: 0,
  townshipApprovalLimitFen: 300_000,
};
const exampleStages = [
  { dueDate: '2025-03-10', amountFen: 260_000 },
  { dueDate: '2025-04-10', amountFen: 260_000 },
];

export const temporaryCaseReferredToCountyV1 = defineContract({
  ...decisionContract,
  type: 'sa.approval.temporary-case-referred-to-county',
  version: 1,
  description: 'Above the township’s delegated limit: the township reviewed the case and recommends an amount; the county approves.',
  schema: z.object({
    caseId: temporaryCaseIdField,
    recommendedTotalFen: fenField('Total recommended.'),
    stages: stagesField,
    reasons: textField('The township’s reasons.', 2000),
    reviewedBy: actorField,
    reviewedAt: instantField('When.'),
    trace: traceField,
  }),
  example: {
    caseId: exampleTemporaryCaseId,
    recommendedTotalFen: 600_000,
    stages: exampleStages,
    reasons: '住院治疗费用预计6000元，无医保',
    reviewedBy: exampleActors.townshipReviewer,
    reviewedAt: '2025-03-09T10:00:00+08:00',
    trace: exampleTrace,
  },
});

export const temporaryAssistanceApprovedV1 = defineContract({
  ...decisionContract,
  type: 'sa.approval.temporary-assistance-approved',
  version: 1,
  description:
    'One approval, staged payments (一次审批、分阶段救助): the total includes the urgent advance already paid; the stages pay the rest on their dates to the payee.',
  schema: z.object({
    caseId: temporaryCaseIdField,
    township: regionCodeField,
    householdKey: textField('Whom the yearly cap counts against (resident ID or the case). Personal data.', 64),
    tier: z.enum(['township', 'county']),
    totalFen: fenField('Total approved.'),
    urgentAdvanceFen: z.number().int().min(0),
    stages: stagesField,
    payee: z.object({ accountHolder: textField('Personal data.', 100), accountNumber: z.string().regex(/^\d{12,30}$/) }).optional(),
    reasons: textField('Reasons for the decision.', 2000),
    stillInHardship: z.boolean().meta({ description: 'The worker judged the household still in hardship after this assistance.' }),
    charityReferralConsent: z.boolean(),
    contact: contactField.optional(),
    decidedBy: actorField,
    decidedAt: instantField('When.'),
    trace: traceField,
  }),
  example: {
    caseId: exampleTemporaryCaseId,
    township: '330102001',
    householdKey: '410783198506151239',
    tier: 'county',
    totalFen: 600_000,
    urgentAdvanceFen: 80_000,
    stages: exampleStages,
    payee: { accountHolder: '李明', accountNumber: '6222000012345678' },
    reasons: '住院治疗费用预计6000元，无医保',
    stillInHardship: true,
    charityReferralConsent: true,
    contact: { name: '李明', phone: '13800000000' },
    decidedBy: exampleActors.countyApprover,
    decidedAt: '2025-03-10T09:00:00+08:00',
    trace: exampleTrace,
  },
  personalData: ['householdKey', 'payee.accountHolder', 'payee.accountNumber', 'contact.name', 'contact.phone'],
});

export const temporaryAssistanceRejectedV1 = defineContract({
  ...decisionContract,
  type: 'sa.approval.temporary-assistance-rejected',
  version: 1,
  description: 'The temporary case was rejected, with the reasons the household is told.',
  schema: z.object({
    caseId: temporaryCaseIdField,
    township: regionCodeField,
    reasons: textField('Reasons.', 2000),
    charityReferralConsent: z.boolean(),
    contact: contactField.optional(),
    decidedBy: actorField,
    decidedAt: instantField('When.'),
  }),
  example: {
    caseId: exampleTemporaryCaseId,
    township: '330102001',
    reasons: '保险已全额赔付',
    charityReferralConsent: false,
    decidedBy: exampleActors.townshipReviewer,
    decidedAt: '2025-03-09T10:00:00+08:00',
  },
  personalData: ['contact.name', 'contact.phone'],
});

export const temporaryDecisionContracts = [temporaryCaseReferredToCountyV1, temporaryAssistanceApprovedV1, temporaryAssistanceRejectedV1] as const;
