/** What the checks API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { actorAnswer, uuidParam } from '@sa/platform';
import { z } from 'zod';

export const checkParams = z.object({ applicationId: uuidParam('an application id') });

const status = z.enum(['open', 'completed', 'cancelled', 'abandoned']);
const outcome = z.enum(['eligible', 'ineligible']);
const refusal = z.object({ code: z.string(), message: z.string() });

const round = z.object({
  checkId: z.string(),
  trigger: z.enum(['application', 'objection', 'investigator', 'amendment']),
  objectionId: z.string().optional().describe('The sustained objection (公示异议) that sent the case back.'),
  reason: z.string().optional(),
  requestedAt: z.string(),
  requestedBy: actorAnswer,
  departmentDataAsOf: z.string().optional(),
  completedAt: z.string().optional(),
  outcome: outcome.optional(),
  cancelledAt: z.string().optional(),
  abandonedAt: z.string().optional(),
  abandonedReason: refusal.optional(),
});

export const checkDetail = z.object({
  applicationId: z.string(),
  status,
  checkId: z.string(),
  programme: z.string(),
  region: z.string(),
  area: z.string(),
  outcome: outcome.optional(),
  abandonedReason: refusal.optional(),
  result: z
    .looseObject({
      eligible: z.boolean().optional(),
      reasons: z.array(z.string()).optional(),
      assessedAt: z.string().optional(),
      discrepancies: z.array(z.looseObject({ residentIdMasked: z.string() })),
    })
    .optional()
    .describe('The assessment with its full rule trace (amounts in integer fen); resident IDs masked.'),
  household: z
    .looseObject({
      members: z.array(z.looseObject({ memberId: z.string(), residentIdMasked: z.string() })),
      rigidExpenditures: z.array(z.looseObject({})),
      obligedSupporters: z.array(z.looseObject({ supporterId: z.string(), residentIdMasked: z.string() })),
      supportWaiverRequested: z.boolean(),
      supportPaymentWaiver: z.looseObject({}).nullable(),
      rejectedCandidates: z.array(z.string()),
      investigation: z.array(z.looseObject({})),
    })
    .describe('The household the current round assesses: ids to name in findings, the waiver request, every finding with who, when, why.'),
  rounds: z.array(round),
});

export const recheckAnswer = z.object({
  applicationId: z.string(),
  checkId: z.string(),
  status,
  outcome: outcome.optional(),
  eligible: z.boolean().optional(),
  abandonedReason: refusal.optional(),
  waitingFor: z.string().optional().describe('Why the new round cannot go on yet (it waits for department data).'),
});

export const checkList = z.object({
  items: z.array(
    z.object({
      applicationId: z.string(),
      programme: z.string(),
      region: z.string(),
      area: z.string(),
      status,
      abandonedReason: z.string().optional(),
      checkId: z.string(),
      rounds: z.int(),
      requestedAt: z.string(),
      completedAt: z.string().optional(),
      outcome: outcome.optional(),
      reasons: z.array(z.string()).optional(),
      policyId: z.string().optional(),
      countedMonthlyIncomeFen: z.int().optional(),
      perCapitaMonthlyIncomeFen: z.int().optional(),
      membersMasked: z.array(z.string()),
      updatedAt: z.string(),
    }),
  ),
});
