/**
 * Periodic reviews (定期核查) of live cases: the township's decision on a review, or the review
 * lapsing when its re-check was not recorded in time (then payment is suspended until a late review
 * decides). Payments carries the outcome out from effectiveMonth. Topic sa.approval.periodic-reviews.v1,
 * keyed by application id so a case's reviews stay in order.
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, applicationIdField, fenField, instantField, monthField, programmeField, reasonField, regionCodeField, textField } from '../fields/common';
import { exampleActors, exampleApplicationId } from './examples';

export const periodicReviewsTopicV1 = 'sa.approval.periodic-reviews.v1';

export const periodicReviewOutcomeField = z
  .enum(['continue', 'change-amount', 'start-gradual-exit', 'suspend', 'terminate'])
  .meta({ description: 'continue; change the amount; start the gradual exit (渐退); suspend (暂停); terminate (终止/退出).' });

export const periodicReviewDecidedV1 = defineContract({
  topic: periodicReviewsTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'approval service',
  type: 'sa.approval.periodic-review-decided',
  version: 1,
  description:
    'A periodic review of a live case was decided (or lapsed: lapsed true, outcome suspend, reason review-overdue). The outcome takes effect in payment from effectiveMonth; the household figures are the re-check’s, with the policy version, so payments recomputes the amount itself.',
  schema: z.object({
    applicationId: applicationIdField,
    programme: programmeField,
    region: regionCodeField,
    cycle: z.number().int().min(1).meta({ description: 'Which review of the case: 1 for the first.' }),
    outcome: periodicReviewOutcomeField,
    lapsed: z.boolean().meta({ description: 'No re-check by its deadline: an automatic suspension, not a township decision.' }),
    reasons: z.array(reasonField).min(1).max(20),
    effectiveMonth: monthField('First month the outcome applies to payment.'),
    // The re-check's figures: absent when the review lapsed (there was no re-check).
    householdSize: z.number().int().min(1).max(100).optional(),
    countedMonthlyIncomeFen: z.number().int().min(0).optional().meta({ description: 'The household’s counted monthly income at the re-check, fen.' }),
    standardFen: fenField('Standard per person per month the review used.').optional(),
    perCapitaMonthlyIncomeFen: z.number().int().min(0).optional(),
    gradualExitMonths: z.number().int().min(0).max(24).optional().meta({ description: 'For start-gradual-exit: months still paid (policy).' }),
    resumesSuspension: z
      .boolean()
      .meta({ description: 'Payment was suspended for a lapsed review and this outcome keeps paying: resume from effectiveMonth.' }),
    policyId: textField('Regional policy version the review used (absent when it lapsed).', 64).optional(),
    decidedBy: actorField,
    decidedAt: instantField('When decided (or lapsed).'),
  }),
  example: {
    applicationId: exampleApplicationId,
    programme: 'dibao',
    region: '330102001001',
    cycle: 1,
    outcome: 'start-gradual-exit',
    lapsed: false,
    reasons: [{ code: 'income-above-standard-from-work', message: '家庭成员就业，人均收入超过低保标准，给予6个月渐退期' }],
    effectiveMonth: '2026-11',
    householdSize: 3,
    countedMonthlyIncomeFen: 400_000,
    standardFen: 119_000,
    perCapitaMonthlyIncomeFen: 133_333,
    gradualExitMonths: 6,
    resumesSuspension: false,
    policyId: 'taizhou-2025',
    decidedBy: exampleActors.townshipReviewer,
    decidedAt: '2026-10-12T10:00:00+08:00',
  },
  personalData: [],
});

export const periodicReviewContracts = [periodicReviewDecidedV1] as const;
