/**
 * Request bodies of the referral API. Limits follow the referral contracts (reason 500, description
 * 1000 characters; ids are lower-case UUIDs v4/v7), so whatever is accepted can be published.
 */
import { dateField, idField, regionCodeField, textField } from '@sa/contracts';
import { referralOutcomes, volunteerServiceKinds } from '@sa/domain-charity-referral';
import { z } from 'zod';

const positiveFen = z
  .number('must be a number of fen')
  .int('must be a whole number of fen (integer, no decimals)')
  .positive('must be more than 0')
  .max(Number.MAX_SAFE_INTEGER, 'must be a safe integer');
const description = textField('What was given or done.', 1000);
/** Optional client-chosen id: retrying the same record is refused (409) instead of counting the help twice. */
const assistanceId = idField('Assistance record id').optional();

export const declineReferralRequest = z.object({ reason: textField('Why it was declined.', 500) });

export const recordAssistanceRequest = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('money'), amountFen: positiveFen, description: description.optional(), date: dateField('Day given').optional(), assistanceId }),
    z.object({ kind: z.literal('goods'), description, valueFen: positiveFen, date: dateField('Day given').optional(), assistanceId }),
    z.object({
      kind: z.literal('service-visit'),
      serviceKind: z.enum(volunteerServiceKinds),
      date: dateField('Day of the visit'),
      description: description.optional(),
      assistanceId,
    }),
  ],
  { error: 'must be money, goods or service-visit' },
);
export type RecordAssistanceRequest = z.infer<typeof recordAssistanceRequest>;

export const closeReferralRequest = z.object({
  summary: textField('How the referral ended.', 2000),
  /** An organisation closes with needs-met (the default); civil affairs may also close for withdrawn consent, no longer needed, or all declined. */
  outcome: z.enum(referralOutcomes).default('needs-met'),
});
export type CloseReferralRequest = z.infer<typeof closeReferralRequest>;

export const offerReferralRequest = z.object({
  /** A case worker's choice among the matching organisations; the best match otherwise. */
  organisationId: z.string().min(1).max(64).optional(),
});

export const listReferralsQuery = z.object({
  status: z.enum(['awaiting-offer', 'offered', 'accepted', 'exhausted', 'closed']).optional(),
  region: regionCodeField.optional(),
  applicationId: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;
