/**
 * Approval (审核确认): township review, public notice (公示), objections, and the county's (or a
 * delegated township's) confirmation or rejection. Topic sa.approval.cases.v1.
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
  monthField,
  programmeField,
  reasonField,
  regionCodeField,
  residentIdField,
  textField,
} from '../fields/common';
import { bankAccountField, consentsField } from '../fields/household';
import { exampleActors, exampleApplicationId, exampleBankAccount, exampleMembers, exampleObjectionId } from './examples';

export const casesTopicV1 = 'sa.approval.cases.v1';

const caseContract = { topic: casesTopicV1, keyField: 'applicationId', direction: 'outbound', producer: 'approval service' } as const;

export const townshipReviewCompletedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.township-review-completed',
  version: 1,
  description: 'The township (乡镇/街道) reviewed the case (审核) after the household visit and recommends approval or rejection.',
  schema: z
    .object({
      applicationId: applicationIdField,
      recommendation: z.enum(['approve', 'reject']),
      reasons: z.array(reasonField).max(20).meta({ description: 'Grounds for the recommendation; at least one when rejecting.' }),
      reviewedBy: actorField,
      reviewedAt: instantField('When the review was completed.'),
    })
    .superRefine((review, ctx) => {
      if (review.recommendation === 'reject' && review.reasons.length === 0)
        ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'must give at least one reason when recommending rejection' });
    }),
  example: {
    applicationId: exampleApplicationId,
    recommendation: 'approve',
    reasons: [{ code: 'income-below-standard', message: '家庭月人均收入低于当地低保标准' }],
    reviewedBy: exampleActors.townshipReviewer,
    reviewedAt: '2025-03-12T11:00:00+08:00',
  },
});

export const publicNoticePostedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.public-notice-posted',
  version: 1,
  description:
    'The case was put on public notice (公示) in its village or community. Cases whose applicant is a minor are noticed but not published (published = false).',
  schema: z
    .object({
      applicationId: applicationIdField,
      region: regionCodeField.meta({ description: 'Where the notice is posted.' }),
      startsOn: dateField('First day of the notice period.'),
      endsOn: dateField('Last day of the notice period (inclusive).'),
      published: z.boolean().meta({ description: 'false for minors\u2019 cases: noticed without publishing personal details.' }),
      postedAt: instantField('When the notice was posted.'),
    })
    .refine((notice) => notice.endsOn >= notice.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' }),
  example: {
    applicationId: exampleApplicationId,
    region: '330102001001',
    startsOn: '2025-03-13',
    endsOn: '2025-03-19',
    published: true,
    postedAt: '2025-03-13T08:30:00+08:00',
  },
});

export const objectionLodgedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.objection-lodged',
  version: 1,
  description: 'Someone objected to a case during its public notice (公示异议). The objector\u2019s identity stays inside the approval service.',
  schema: z.object({
    applicationId: applicationIdField,
    objectionId: idField('Id of the objection.'),
    summary: textField('What the objection says, without the objector\u2019s identity.', 1000),
    lodgedAt: instantField('When it was lodged.'),
    recordedBy: actorField,
  }),
  example: {
    applicationId: exampleApplicationId,
    objectionId: exampleObjectionId,
    summary: '反映该户有一辆未申报的小型货车',
    lodgedAt: '2025-03-15T09:20:00+08:00',
    recordedBy: exampleActors.townshipReviewer,
  },
});

export const objectionResolvedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.objection-resolved',
  version: 1,
  description: 'An objection was investigated: sustained (the case goes back for review) or dismissed.',
  schema: z.object({
    applicationId: applicationIdField,
    objectionId: idField('The objection resolved.'),
    outcome: z.enum(['sustained', 'dismissed']),
    explanation: textField('What the investigation found.', 1000),
    resolvedBy: actorField,
    resolvedAt: instantField('When it was resolved.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    objectionId: exampleObjectionId,
    outcome: 'dismissed',
    explanation: '经公安车辆登记核查，该车辆已于2023年注销',
    resolvedBy: exampleActors.townshipReviewer,
    resolvedAt: '2025-03-18T15:00:00+08:00',
  },
});

export const caseSentBackForReinvestigationV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.case-sent-back-for-reinvestigation',
  version: 1,
  description:
    'A sustained objection (公示异议成立) sent the case back: its review and public notice no longer count. ' +
    'Verification runs a new economic check (a new checkId); the township then reviews again and posts a new notice before any confirmation.',
  schema: z.object({
    applicationId: applicationIdField,
    region: regionCodeField.meta({ description: 'The household\u2019s village or community (where the notice was posted).' }),
    objectionId: idField('The sustained objection.'),
    reason: textField('The ruling on the objection: what its investigation found, and so what the new check must look at.', 1000),
    sentBackBy: actorField,
    sentBackAt: instantField('When the objection was sustained and the case sent back.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    region: '330102001001',
    objectionId: exampleObjectionId,
    reason: '经核实，该户确有一辆未申报的小型货车，需重新核对家庭经济状况',
    sentBackBy: exampleActors.townshipReviewer,
    sentBackAt: '2025-03-18T15:00:00+08:00',
  },
});

export const caseApprovedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.case-approved',
  version: 1,
  description:
    'The case was confirmed (确认/审批) by the county, or by the township where approval is delegated (权限下放). ' +
    'Payments grants the entitlement from benefitStartMonth; charity referral may follow when the household is still in hardship and consented.',
  schema: z.object({
    applicationId: applicationIdField,
    programme: programmeField,
    region: regionCodeField,
    confirmedBy: actorField,
    confirmationLevel: z.enum(['county', 'township']),
    confirmedAt: instantField('When the case was confirmed.'),
    benefitStartMonth: monthField('First month the benefit is paid for.'),
    householdSize: z.number().int().min(1).max(30),
    perCapitaMonthlyIncomeFen: fenField('Per-capita monthly income found by the economic check.'),
    countedMonthlyIncomeFen: fenField('Household monthly income found by the economic check.'),
    policyId: textField('Regional policy version the amounts come from.', 64),
    members: z
      .array(z.object({ memberId: idField('Member id.'), residentId: residentIdField, name: textField('Full name. Personal data.', 100) }))
      .min(1)
      .max(30)
      .meta({ description: 'Members covered (保障对象).' }),
    bankAccount: bankAccountField,
    stillInHardship: z.boolean().meta({ description: 'Whether the case worker judged the household still in hardship after the benefit.' }),
    consents: consentsField,
    singlePersonCoverage: z
      .object({
        householdApplicationId: applicationIdField.meta({ description: 'The household case whose economic check covered this member alone.' }),
        memberId: idField('The one member covered (the only entry of members).'),
        ground: z.enum(['severe-disability', 'serious-illness']),
        monthlyGapFen: fenField('Standard − the member’s counted income, as the household check computed it for a household of one.'),
      })
      .optional()
      .meta({
        description:
          '单人保 (added in catalogue 1.3.0, optional: readers of earlier releases ignore it): this case covers one member of a marginal household alone, ' +
          'as a household of one (householdSize 1); absent for a household case.',
      }),
  }),
  example: {
    applicationId: exampleApplicationId,
    programme: 'dibao',
    region: '330102001001',
    confirmedBy: exampleActors.countyApprover,
    confirmationLevel: 'county',
    confirmedAt: '2025-03-21T10:00:00+08:00',
    benefitStartMonth: '2025-04',
    householdSize: 3,
    perCapitaMonthlyIncomeFen: 38_100,
    countedMonthlyIncomeFen: 114_300,
    policyId: '330000-2025-01',
    members: [exampleMembers.applicant, exampleMembers.son, exampleMembers.granddaughter],
    bankAccount: exampleBankAccount,
    stillInHardship: true,
    consents: { economicCheck: true, charityReferral: true },
  },
  personalData: ['members[].residentId', 'members[].name', 'bankAccount.accountHolder', 'bankAccount.accountNumber'],
});

export const caseRejectedV1 = defineContract({
  ...caseContract,
  type: 'sa.approval.case-rejected',
  version: 1,
  description:
    'The case was rejected at review or confirmation, with the written notice (不予批准通知) sent to the applicant. ' +
    'When the household consented, charity referral may offer help; contact carries only what that needs.',
  schema: z.object({
    applicationId: applicationIdField,
    programme: programmeField,
    region: regionCodeField,
    stage: z.enum(['review', 'confirmation']),
    reasons: z.array(reasonField).min(1, 'must give at least one reason').max(20),
    rejectedBy: actorField,
    rejectedAt: instantField('When the case was rejected.'),
    noticeText: textField('Text of the written notice, including how to apply for review (复核) or appeal.', 5000),
    consents: z.object({ charityReferral: z.boolean() }),
    contact: z
      .object({
        applicantResidentId: residentIdField,
        applicantName: textField('Applicant name. Personal data.', 100),
        phone: z
          .string()
          .regex(/^[0-9+\- ]{5,20}$/, 'must be 5 to 20 digits, spaces, + or -')
          .optional()
          .meta({ description: 'Contact phone. Personal data.' }),
        householdSize: z.number().int().min(1).max(30),
      })
      .meta({ description: 'Household contact summary; the applicant is the only resident ID carried.' }),
  }),
  example: {
    applicationId: exampleApplicationId,
    programme: 'dibao',
    region: '330102001001',
    stage: 'confirmation',
    reasons: [{ code: 'property-over-limit', message: '家庭金融资产超过当地规定标准' }],
    rejectedBy: exampleActors.countyApprover,
    rejectedAt: '2025-03-21T10:00:00+08:00',
    noticeText: '经审核，您家庭金融资产超过规定标准，不符合最低生活保障条件。如有异议，可在收到本通知之日起60日内申请行政复议。',
    consents: { charityReferral: true },
    contact: {
      applicantResidentId: exampleMembers.applicant.residentId,
      applicantName: exampleMembers.applicant.name,
      phone: '0571-8888 0000',
      householdSize: 3,
    },
  },
  personalData: ['contact.applicantResidentId', 'contact.applicantName', 'contact.phone'],
});

export const approvalContracts = [
  townshipReviewCompletedV1,
  publicNoticePostedV1,
  objectionLodgedV1,
  objectionResolvedV1,
  caseSentBackForReinvestigationV1,
  caseApprovedV1,
  caseRejectedV1,
] as const;
