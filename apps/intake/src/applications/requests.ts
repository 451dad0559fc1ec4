/**
 * Request bodies of the intake API, validated with zod so a 400 names the field and the rule.
 * Field rules are the integration contract's (libs/contracts), so what intake accepts is exactly
 * what it can publish; member ids are optional here and issued by the service.
 */
import {
  bankAccountField,
  consentsField,
  declaredAssetsField,
  householdMemberField,
  householdMemberFieldV2,
  nearRelativeField,
  obligedSupporterField,
  rigidExpenditureField,
  programmeField,
  regionCodeField,
  textField,
} from '@sa/contracts';
import { z } from 'zod';

const memberRequest = householdMemberField.extend({ memberId: householdMemberField.shape.memberId.optional() });
/** A submission may say whether a member is a student (application-submitted v2); an amendment still carries v1 members. */
const submittedMemberRequest = householdMemberFieldV2.extend({ memberId: householdMemberField.shape.memberId.optional() });

export const submitApplicationRequest = z.object({
  /** Optional client-chosen UUID: a county system retrying a submission gets a 409, never a duplicate. */
  applicationId: z.uuid('must be a UUID').optional(),
  programme: programmeField,
  region: regionCodeField,
  applicationLocation: z.enum(['hukou', 'residence']),
  channel: z.enum(['walk-in', 'village-report', 'hotline-12345', 'data-alert']),
  household: z.object({
    members: z.array(submittedMemberRequest).min(1, 'must list at least one member').max(30),
    declaredAssets: declaredAssetsField,
    bankAccount: bankAccountField,
    rigidExpenditures: z.array(rigidExpenditureField).max(50).optional(),
    obligedSupporters: z.array(obligedSupporterField).max(20).optional(),
    supportWaiverRequest: z.object({ reason: textField('Why the household asks that support not be counted.', 500) }).optional(),
  }),
  consents: consentsField,
  nearRelative: nearRelativeField,
});
export type SubmitApplicationRequest = z.infer<typeof submitApplicationRequest>;

export const amendApplicationRequest = z.object({
  changes: z
    .object({
      region: regionCodeField.optional(),
      applicationLocation: z.enum(['hukou', 'residence']).optional(),
      members: z.array(memberRequest).min(1).max(30).optional(),
      declaredAssets: declaredAssetsField.optional(),
      bankAccount: bankAccountField.optional(),
      consents: consentsField.optional(),
      nearRelative: nearRelativeField.optional(),
    })
    .refine((changes) => Object.keys(changes).length > 0, 'must change at least one part'),
  reason: textField('Why it was amended.', 500),
});
export type AmendApplicationRequest = z.infer<typeof amendApplicationRequest>;

export const withdrawApplicationRequest = z.object({ reason: textField('Why the household withdrew.', 500) });

export const listApplicationsQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum(['submitted', 'withdrawn', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
