/**
 * Charity referral (慈善转介): with the household's consent, a case is referred to a charity or
 * social organisation, which accepts or declines, records the help it gives and closes the
 * referral. Topic sa.charity.referrals.v1, keyed by referral id (one referral stays in order).
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, applicationIdField, dateField, fenField, idField, instantField, regionCodeField, textField } from '../fields/common';
import { exampleActors, exampleApplicationId, exampleAssistanceId, exampleReferralId } from './examples';

export const referralsTopicV1 = 'sa.charity.referrals.v1';

const referralContract = { topic: referralsTopicV1, keyField: 'referralId', direction: 'outbound', producer: 'charity-referral service' } as const;
const referralIdField = idField('Referral id; the Kafka key of every referral event.');
const organisationIdField = textField('Charity or social organisation id (统一社会信用代码 or registry id).', 64);

export const needField = z.enum(['money', 'goods', 'visits', 'care', 'psychological-support', 'tutoring', 'job-help']);

export const referralMadeV1 = defineContract({
  ...referralContract,
  type: 'sa.charity.referral-made',
  version: 1,
  description: 'A consenting household was referred to a charity organisation, with the needs to meet and how to reach the household.',
  schema: z.object({
    referralId: referralIdField,
    applicationId: applicationIdField,
    organisationId: organisationIdField,
    region: regionCodeField,
    needs: z.array(needField).min(1, 'must name at least one need').max(7),
    contact: z.object({
      name: textField('Name of the household contact. Personal data.', 100),
      phone: z
        .string()
        .regex(/^[0-9+\- ]{5,20}$/, 'must be 5 to 20 digits, spaces, + or -')
        .optional(),
      address: textField('Address. Personal data.', 300).optional(),
    }),
    consentRecordedAt: instantField('When the household consented to the referral.'),
    referredBy: actorField,
    referredAt: instantField('When the referral was made.'),
  }),
  example: {
    referralId: exampleReferralId,
    applicationId: exampleApplicationId,
    organisationId: '53330100MJ1234567X',
    region: '330102001001',
    needs: ['visits', 'tutoring'],
    contact: { name: '王秀英', phone: '0571-8888 0000', address: '杭州市上城区某街道某社区3幢2单元101' },
    consentRecordedAt: '2025-03-03T09:15:00+08:00',
    referredBy: exampleActors.countyApprover,
    referredAt: '2025-03-22T09:00:00+08:00',
  },
  personalData: ['contact.name', 'contact.phone', 'contact.address'],
});

export const referralAcceptedV1 = defineContract({
  ...referralContract,
  type: 'sa.charity.referral-accepted',
  version: 1,
  description: 'The organisation accepted the referral and will contact the household.',
  schema: z.object({
    referralId: referralIdField,
    applicationId: applicationIdField,
    organisationId: organisationIdField,
    acceptedBy: actorField,
    acceptedAt: instantField('When it was accepted.'),
  }),
  example: {
    referralId: exampleReferralId,
    applicationId: exampleApplicationId,
    organisationId: '53330100MJ1234567X',
    acceptedBy: exampleActors.charity,
    acceptedAt: '2025-03-23T10:00:00+08:00',
  },
});

export const referralDeclinedV1 = defineContract({
  ...referralContract,
  type: 'sa.charity.referral-declined',
  version: 1,
  description: 'The organisation declined the referral; civil affairs may refer the household elsewhere.',
  schema: z.object({
    referralId: referralIdField,
    applicationId: applicationIdField,
    organisationId: organisationIdField,
    reason: textField('Why it was declined.', 500),
    declinedBy: actorField,
    declinedAt: instantField('When it was declined.'),
  }),
  example: {
    referralId: exampleReferralId,
    applicationId: exampleApplicationId,
    organisationId: '53330100MJ1234567X',
    reason: '本季度志愿服务名额已满',
    declinedBy: exampleActors.charity,
    declinedAt: '2025-03-23T10:00:00+08:00',
  },
});

export const assistanceRecordedV1 = defineContract({
  ...referralContract,
  type: 'sa.charity.assistance-recorded',
  version: 1,
  description: 'The organisation reported help it gave: money, goods (with their value) or a volunteer service visit.',
  schema: z.object({
    referralId: referralIdField,
    applicationId: applicationIdField,
    organisationId: organisationIdField,
    assistanceId: idField('Id of this record.'),
    kind: z.enum(['money', 'goods', 'volunteer-service']),
    valueFen: fenField('Value of money or goods.').optional(),
    description: textField('What was given or done.', 1000),
    providedOn: dateField('Day it was provided.'),
    recordedBy: actorField,
    recordedAt: instantField('When it was recorded.'),
  }),
  example: {
    referralId: exampleReferralId,
    applicationId: exampleApplicationId,
    organisationId: '53330100MJ1234567X',
    assistanceId: exampleAssistanceId,
    kind: 'volunteer-service',
    description: '志愿者上门辅导孙女功课2小时',
    providedOn: '2025-04-05',
    recordedBy: exampleActors.charity,
    recordedAt: '2025-04-05T18:00:00+08:00',
  },
});

export const referralClosedV1 = defineContract({
  ...referralContract,
  type: 'sa.charity.referral-closed',
  version: 1,
  description: 'The referral ended: needs met, the household withdrew its consent, or help is no longer needed.',
  schema: z.object({
    referralId: referralIdField,
    applicationId: applicationIdField,
    outcome: z.enum(['needs-met', 'consent-withdrawn', 'no-longer-needed', 'declined']),
    closedBy: actorField,
    closedAt: instantField('When it was closed.'),
  }),
  example: {
    referralId: exampleReferralId,
    applicationId: exampleApplicationId,
    outcome: 'needs-met',
    closedBy: exampleActors.charity,
    closedAt: '2025-07-01T12:00:00+08:00',
  },
});

export const charityReferralContracts = [referralMadeV1, referralAcceptedV1, referralDeclinedV1, assistanceRecordedV1, referralClosedV1] as const;
