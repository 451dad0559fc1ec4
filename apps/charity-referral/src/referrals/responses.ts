/** What the referral API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { needField } from '@sa/contracts';
import { actorAnswer, uuidParam } from '@sa/platform';
import { z } from 'zod';

export const referralParams = z.object({ id: uuidParam('a referral id') });

const status = z.enum(['awaiting-offer', 'offered', 'accepted', 'exhausted', 'closed']);
const totals = z.object({ moneyFen: z.int(), goodsValueFen: z.int(), goodsRecords: z.int(), serviceVisits: z.int() });

export const referralAnswer = z.object({
  referralId: z.string(),
  status,
  organisationId: z.string().optional().describe('The organisation it is offered to, or accepted by.'),
  deadline: z.string().optional().describe('When the offer lapses (UTC), while offered.'),
});

export const assistanceAnswer = referralAnswer.extend({ assistanceId: z.string(), totals: totals.optional() });

export const closureAnswer = referralAnswer.extend({ outcome: z.string().optional(), totals: totals.optional() });

const organisationView = z.object({
  referralId: z.string(),
  applicationId: z.string(),
  status,
  organisationId: z.string().optional(),
  region: z.string(),
  needs: z.array(needField),
  contact: z.looseObject({}).optional().describe('How to reach the household (given with its consent to the referral).'),
  deadline: z.string().optional(),
  totals,
  outcome: z.string().optional(),
});

export const referralDetail = organisationView
  .extend({
    basis: z.string().optional(),
    triedOrganisationIds: z.array(z.string()).optional(),
    assistanceIds: z.array(z.string()).optional(),
    history: z.array(z.object({ revision: z.int(), type: z.string(), occurredAt: z.string(), actor: actorAnswer, data: z.looseObject({}) })).optional(),
  })
  .describe('An organisation sees the first fields; case workers and auditors also the basis, who was asked and the full history');

export const referralList = z.object({
  items: z.array(
    z.object({
      referralId: z.string(),
      applicationId: z.string(),
      status,
      region: z.string(),
      needs: z.array(needField),
      organisationId: z.string().optional(),
      coveredNeeds: z.array(needField).optional(),
      attempt: z.int().optional(),
      offeredAt: z.string().optional(),
      deadline: z.string().optional(),
      totals,
      outcome: z.string().optional(),
      openedAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});
