/** Intake (受理): applications as they are submitted, amended and withdrawn. Topic sa.intake.applications.v1. */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, applicationIdField, instantField, programmeField, regionCodeField, textField } from '../fields/common';
import { consentsField, declaredAssetsField, householdField, householdMemberField, bankAccountField, nearRelativeField } from '../fields/household';
import { householdFieldV2 } from '../fields/economic-declarations';
import { exampleActors, exampleApplicationId, exampleHousehold, exampleMembers } from './examples';

export const applicationsTopicV1 = 'sa.intake.applications.v1';

const householdPersonalData = [
  'household.members[].residentId',
  'household.members[].name',
  'household.members[].birthDate',
  'household.bankAccount.accountHolder',
  'household.bankAccount.accountNumber',
];

const submittedSchemaV1 = z.object({
  applicationId: applicationIdField,
  programme: programmeField,
  region: regionCodeField.meta({ description: 'Village or community (村/社区) the application belongs to, 12 digits normally.' }),
  applicationLocation: z.enum(['hukou', 'residence']).meta({ description: 'Applied at the hukou location or the place of residence (居住地申报).' }),
  channel: z.enum(['walk-in', 'village-report', 'hotline-12345', 'data-alert']).meta({ description: 'How the case reached intake.' }),
  household: householdField,
  consents: consentsField,
  nearRelative: nearRelativeField,
  takenBy: actorField,
  submittedAt: instantField('When the application was taken.'),
});

export const applicationSubmittedV1 = defineContract({
  type: 'sa.intake.application-submitted',
  version: 1,
  topic: applicationsTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'intake service',
  description:
    'A household applied for dibao or extreme-poverty support (申请), at its hukou location or place of residence, ' +
    'or a case was raised by active discovery (主动发现). Carries the declared household, incomes, assets and consents.',
  schema: submittedSchemaV1,
  example: {
    applicationId: exampleApplicationId,
    programme: 'dibao',
    region: '330102001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: exampleHousehold,
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: { declared: false },
    takenBy: exampleActors.intake,
    submittedAt: '2025-03-03T09:15:00+08:00',
  },
  personalData: [...householdPersonalData, 'nearRelative.staffName'],
});

/**
 * v2: the household also declares what the economic check's rules need — members' student status,
 * rigid expenditures, obliged supporters outside the household and a support-waiver request.
 * Published instead of v1 by intake from catalogue 1.2.0; readers accept both while v1 messages exist.
 */
export const applicationSubmittedV2 = defineContract({
  type: applicationSubmittedV1.type,
  version: 2,
  topic: applicationsTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'intake service',
  description:
    applicationSubmittedV1.description +
    ' Version 2 adds what the economic check needs: student status per member, rigid expenditures (刚性支出), obliged supporters outside the household (赡养/抚养/扶养义务人) and the support paid, and a support-waiver request (支出型困难家庭).',
  schema: submittedSchemaV1.extend({ household: householdFieldV2 }),
  example: {
    ...applicationSubmittedV1.example,
    household: {
      ...exampleHousehold,
      members: exampleHousehold.members.map((m) => (m.memberId === exampleMembers.granddaughter.memberId ? { ...m, student: true } : m)),
      rigidExpenditures: [
        {
          memberResidentId: exampleMembers.son.residentId,
          kind: 'disability' as const,
          monthlyFen: 40_000,
          fromMonth: '2025-01',
          months: 12,
          evidenceReference: '残疾人康复机构收费单 2025-0107',
        },
      ],
      obligedSupporters: [
        {
          name: '王丽',
          residentId: '330102198702150021',
          relation: 'child' as const,
          supportsMemberResidentId: exampleMembers.applicant.residentId,
          monthlySupportFen: 60_000,
        },
      ],
      supportWaiverRequest: { reason: '儿子重度残疾，康复支出大' },
    },
  },
  personalData: [
    ...householdPersonalData,
    'nearRelative.staffName',
    'household.rigidExpenditures[].memberResidentId',
    'household.obligedSupporters[].name',
    'household.obligedSupporters[].residentId',
    'household.obligedSupporters[].supportsMemberResidentId',
  ],
});

export const applicationAmendedV1 = defineContract({
  type: 'sa.intake.application-amended',
  version: 1,
  topic: applicationsTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'intake service',
  description: 'Declared facts of an application were corrected before approval. `changes` holds only the parts that changed, each in full.',
  schema: z.object({
    applicationId: applicationIdField,
    changes: z
      .object({
        region: regionCodeField.optional(),
        applicationLocation: z.enum(['hukou', 'residence']).optional(),
        members: z.array(householdMemberField).min(1).max(30).optional(),
        declaredAssets: declaredAssetsField.optional(),
        bankAccount: bankAccountField.optional(),
        consents: consentsField.optional(),
        nearRelative: nearRelativeField.optional(),
      })
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one part')
      .meta({ description: 'The changed parts of the application, each replaced in full (members replaces the whole member list).' }),
    reason: textField('Why it was amended.', 500),
    amendedBy: actorField,
    amendedAt: instantField('When it was amended.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    changes: { declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 1_250_000, businessRegistrations: 0 } },
    reason: 'Deposit declared twice by mistake',
    amendedBy: exampleActors.intake,
    amendedAt: '2025-03-04T10:00:00+08:00',
  },
  personalData: [
    'changes.members[].residentId',
    'changes.members[].name',
    'changes.members[].birthDate',
    'changes.bankAccount.accountHolder',
    'changes.bankAccount.accountNumber',
    'changes.nearRelative.staffName',
  ],
});

export const applicationWithdrawnV1 = defineContract({
  type: 'sa.intake.application-withdrawn',
  version: 1,
  topic: applicationsTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'intake service',
  description: 'The household withdrew its application before a decision; every downstream step stops.',
  schema: z.object({
    applicationId: applicationIdField,
    reason: textField('Why the household withdrew.', 500),
    withdrawnBy: actorField,
    withdrawnAt: instantField('When it was withdrawn.'),
  }),
  example: {
    applicationId: exampleApplicationId,
    reason: 'Household found employment',
    withdrawnBy: exampleActors.intake,
    withdrawnAt: '2025-03-05T14:30:00+08:00',
  },
});

export const intakeContracts = [applicationSubmittedV1, applicationSubmittedV2, applicationAmendedV1, applicationWithdrawnV1] as const;
