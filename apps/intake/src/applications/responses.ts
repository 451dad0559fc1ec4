/** What the intake API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { bankAccountField, consentsField, declaredAssetsField, householdMemberField, nearRelativeField, programmeField, regionCodeField } from '@sa/contracts';
import { applicationOutcomes } from '@sa/domain-intake';
import { uuidParam } from '@sa/platform';
import { z } from 'zod';

export const applicationParams = z.object({ id: uuidParam('an application id') });

const status = z.enum(['submitted', 'withdrawn', 'closed']);

export const applicationAnswer = z.object({ applicationId: z.string(), status });

export const applicationDetail = applicationAnswer.extend({
  application: z.object({
    applicationId: z.string(),
    programme: programmeField,
    region: regionCodeField,
    applicationLocation: z.enum(['hukou', 'residence']),
    channel: z.string(),
    household: z.object({ members: z.array(householdMemberField), declaredAssets: declaredAssetsField, bankAccount: bankAccountField }),
    consents: consentsField,
    nearRelative: nearRelativeField,
    flaggedAsNearRelative: z.boolean(),
    leadId: z.string().optional(),
    submittedAt: z.string(),
    amendments: z.int(),
  }),
  outcome: z.enum(applicationOutcomes).optional(),
});

export const applicationList = z.object({
  items: z.array(
    z.object({
      applicationId: z.string(),
      programme: z.string(),
      region: z.string(),
      applicationLocation: z.string(),
      channel: z.string(),
      status,
      outcome: z.string().optional(),
      nearRelativeFlagged: z.boolean(),
      members: z.array(z.object({ memberId: z.string(), residentIdMasked: z.string().describe('e.g. 110101********1234'), relation: z.string() })),
      householdSize: z.int(),
      submittedAt: z.string(),
      submittedBy: z.string(),
      updatedAt: z.string(),
      amendments: z.int(),
    }),
  ),
});
