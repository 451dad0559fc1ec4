/** What the approval API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { reasonField } from '@sa/contracts';
import { uuidParam } from '@sa/platform';
import { z } from 'zod';
import { caseStatuses } from './case-view';

export const caseParams = z.object({ id: uuidParam('an application id') });

export const objectionParams = caseParams.extend({ objectionId: z.string().describe('The objection id POST /cases/{id}/objections answered.') });

const status = z.enum(caseStatuses as [string, ...string[]]);
const reasons = z.array(reasonField);

export const caseAnswer = z.object({ applicationId: z.string(), status });

export const objectionAnswer = caseAnswer.extend({ objectionId: z.string() });

const caseView = z.object({
  applicationId: z.string(),
  status,
  programme: z.string().optional(),
  region: z.string().optional(),
  nearRelative: z.boolean().optional(),
  involvesMinor: z.boolean().optional(),
  applicationTakenBy: z.string().optional(),
  members: z.array(z.object({ memberId: z.string(), residentIdMasked: z.string(), name: z.string() })).optional(),
  consents: z.object({ economicCheck: z.boolean(), charityReferral: z.boolean() }).optional(),
  check: z
    .object({
      checkId: z.string(),
      eligible: z.boolean(),
      ineligibilityReasons: reasons,
      policyId: z.string(),
      standardFen: z.int(),
      householdSize: z.int(),
      countedMonthlyIncomeFen: z.int(),
      perCapitaMonthlyIncomeFen: z.int(),
      assessedAt: z.string(),
      singlePersonCoverage: z
        .array(z.object({ memberId: z.string(), ground: z.string(), memberCountedIncomeFen: z.int(), monthlyGapFen: z.int() }))
        .optional()
        .describe('单人保: members the check covers alone, with their own counted income and gap (integer fen).'),
    })
    .optional(),
  singlePersonOf: z
    .object({ householdApplicationId: z.string(), memberId: z.string(), ground: z.string() })
    .optional()
    .describe('单人保: this case covers one member of the household case named, alone.'),
  singlePersonCases: z
    .array(z.object({ memberId: z.string(), applicationId: z.string(), ground: z.string() }))
    .optional()
    .describe('单人保: the cases of members this household case’s checks covered alone (each decided on its own).'),
  review: z.object({ recommendation: z.enum(['approve', 'reject']), reasons, reviewedBy: z.string(), reviewedAt: z.string() }).optional(),
  notice: z.object({ startsOn: z.string(), endsOn: z.string(), noticeDays: z.int(), published: z.boolean(), postedAt: z.string() }).optional(),
  objections: z.record(
    z.string().describe('objectionId'),
    z.object({
      summary: z.string(),
      lodgedAt: z.string(),
      recordedBy: z.string(),
      status: z.enum(['open', 'sustained', 'dismissed']),
      explanation: z.string().optional(),
      resolvedBy: z.string().optional(),
      resolvedAt: z.string().optional(),
    }),
  ),
  homeVisit: z.object({ visitedOn: z.string(), findings: z.string(), visitedBy: z.string() }).optional(),
  decision: z
    .object({
      outcome: z.enum(['approved', 'rejected', 'withdrawn']),
      at: z.string(),
      by: z.string(),
      level: z.enum(['county', 'township']).optional(),
      benefitStartMonth: z.string().optional(),
      stillInHardship: z.boolean().optional(),
      stage: z.enum(['review', 'confirmation']).optional(),
      reasons: reasons.optional(),
      noticeText: z.string().optional(),
    })
    .optional(),
  greenChannel: z.object({ amountFen: z.int(), grantedAt: z.string() }).optional(),
  openedAt: z.string().optional(),
  updatedAt: z.string(),
});

export const caseDetail = caseView.extend({
  noticeEnded: z.boolean(),
  household: z
    .object({ members: z.array(z.looseObject({ memberId: z.string() })), applicantMemberId: z.string(), bankAccount: z.looseObject({}) })
    .optional()
    .describe('The full household, for the staff handling the case.'),
});

export const caseList = z.object({ items: z.array(caseView) });
