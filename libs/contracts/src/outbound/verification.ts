/** Verification (家庭经济状况核对): the outcome of a household economic-status check. Topic sa.verification.economic-checks.v1. */
import { z } from 'zod';
import { defineContract } from '../contract';
import {
  actorField,
  applicationIdField,
  countySourceField,
  fenField,
  idField,
  instantField,
  maskedResidentIdField,
  messageIdField,
  monthlyFenField,
  programmeField,
  reasonField,
  regionCodeField,
  textField,
} from '../fields/common';
import { exampleActors, exampleApplicationId, exampleCheckId, exampleMembers } from './examples';

export const economicChecksTopicV1 = 'sa.verification.economic-checks.v1';

const ruleTraceItem = z
  .object({
    item: textField('What was assessed, e.g. "wage of member", "employment-cost deduction".', 200),
    memberId: idField('Member the item belongs to.').nullable(),
    amountFen: z
      .number()
      .int('must be a whole number of fen (integer, no decimals)')
      .min(Number.MIN_SAFE_INTEGER)
      .max(Number.MAX_SAFE_INTEGER)
      .meta({ description: 'Monthly amount in integer fen; deductions are negative. countedMonthlyIncomeFen is the sum over counted items.' }),
    counted: z.boolean().meta({ description: 'Whether the amount is counted in household income.' }),
    rule: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a lower-case rule code')
      .meta({ description: 'Rule applied, e.g. resident-basic-pension-excluded.' }),
    basis: textField('Source of the rule (policy clause), so an auditor can recompute it.', 300),
  })
  .meta({ description: 'One step of the income calculation.' });

const categoryField = z
  .object({
    category: z
      .enum(['dibao-eligible', 'extreme-poverty-eligible', 'expenditure-type-hardship', 'marginal', 'ineligible'])
      .meta({ description: '分层认定: 低保, 特困, 支出型困难 (eligible after rigid expenditure), 低保边缘 (marginal), or none.' }),
    reason: textField('Why, with the household figures.', 1000),
    source: textField('Policy source the category rests on.', 1000).optional(),
  })
  .meta({ description: 'The household category the check found (absent from checks completed before categories were named).' });

const singlePersonCoverageField = z
  .array(
    z.object({
      memberId: idField('The member covered as a single-person household.'),
      ground: z.enum(['severe-disability', 'serious-illness']),
      memberCountedIncomeFen: fenField('The member’s own counted income.'),
      monthlyGapFen: fenField('Standard − the member’s counted income, as for a household of one.'),
    }),
  )
  .max(30)
  .meta({ description: '单人保: members of a marginal household the policy covers as single-person households.' });

const pointsAssessmentField = z
  .object({
    score: z.number().int().min(0),
    referenceScore: z.number().int().min(1),
    reachesReference: z.boolean(),
    lines: z
      .array(
        z.object({
          criterion: textField('What earned the points.', 64),
          memberId: idField('Member, or null for the household.').nullable(),
          points: z.number().int().min(1),
        }),
      )
      .max(300),
    source: textField('The scheme’s source.', 1000),
  })
  .meta({ description: '积分评估: auxiliary score shown to the reviewer; never the ground of the decision.' });

export const economicCheckCompletedV1 = defineContract({
  type: 'sa.verification.economic-check-completed',
  version: 1,
  topic: economicChecksTopicV1,
  keyField: 'applicationId',
  direction: 'outbound',
  producer: 'verification service',
  description:
    'The household economic-status check (核对) of an application finished: counted income against the standard in force, ' +
    'the property test, discrepancies between declared and department data, and the full rule trace an auditor can recompute.',
  schema: z
    .object({
      applicationId: applicationIdField,
      checkId: idField('Id of this check; a re-check gets a new id.'),
      programme: programmeField,
      region: regionCodeField,
      assessedAt: instantField('When the assessment was made.'),
      policyId: textField('Regional policy version applied, e.g. "330000-2025-01".', 64),
      standardFen: monthlyFenField('Standard per person per month in force for the region on the assessment date.'),
      householdSize: z.number().int().min(1).max(30).meta({ description: 'Members counted in the household.' }),
      countedMonthlyIncomeFen: fenField('Household monthly income after the rules (sum of counted rule-trace items, not below zero).'),
      perCapitaMonthlyIncomeFen: fenField(
        'countedMonthlyIncomeFen divided by householdSize, rounded half up: a display value. Money is computed for the household: the gap is householdSize × standardFen − countedMonthlyIncomeFen.',
      ),
      propertyTest: z.object({
        passed: z.boolean(),
        failures: z.array(z.object({ rule: textField('Property rule that failed.', 100), detail: textField('What was found.', 500) })).max(50),
      }),
      discrepancies: z
        .array(
          z.object({
            residentIdMasked: maskedResidentIdField,
            kind: textField('What differs, e.g. vehicle, pension, wage, death.', 50),
            declared: textField('What the household declared.', 200),
            reported: textField('What the department reported.', 200),
            source: countySourceField,
          }),
        )
        .max(100),
      eligible: z.boolean().meta({ description: 'Whether the household meets income and property rules.' }),
      ineligibilityReasons: z.array(reasonField).max(20),
      category: categoryField.optional(),
      singlePersonCoverage: singlePersonCoverageField.optional(),
      pointsAssessment: pointsAssessmentField.optional(),
      ruleTrace: z.array(ruleTraceItem).max(500),
      departmentFactsSeen: z
        .array(z.object({ source: countySourceField, factId: messageIdField, recordedAt: instantField('When the fact was recorded here.') }))
        .max(500)
        .meta({ description: 'County messages (by messageId) the check relied on.' }),
      investigator: actorField.optional(),
    })
    .superRefine((check, ctx) => {
      // The trace must add up, so an auditor can recompute the figure from the event alone.
      const traced = Math.max(
        0,
        check.ruleTrace.filter((item) => item.counted).reduce((sum, item) => sum + item.amountFen, 0),
      );
      if (check.ruleTrace.length > 0 && traced !== check.countedMonthlyIncomeFen) {
        ctx.addIssue({
          code: 'custom',
          path: ['countedMonthlyIncomeFen'],
          message: `must equal the sum of counted ruleTrace amounts (${traced}), not below zero`,
        });
      }
    }),
  example: {
    applicationId: exampleApplicationId,
    checkId: exampleCheckId,
    programme: 'dibao',
    region: '330102001001',
    assessedAt: '2025-03-10T16:00:00+08:00',
    policyId: '330000-2025-01',
    standardFen: 119_000,
    householdSize: 3,
    countedMonthlyIncomeFen: 114_300,
    perCapitaMonthlyIncomeFen: 38_100,
    propertyTest: { passed: true, failures: [] },
    discrepancies: [],
    eligible: true,
    ineligibilityReasons: [],
    ruleTrace: [
      {
        item: 'resident basic pension',
        memberId: exampleMembers.applicant.memberId,
        amountFen: 26_000,
        counted: false,
        rule: 'resident-basic-pension-excluded',
        basis: '“十四五”期间城乡居民基本养老保险基础养老金不计入家庭收入',
      },
      {
        item: 'wage',
        memberId: exampleMembers.son.memberId,
        amountFen: 150_000,
        counted: true,
        rule: 'wage-counted',
        basis: 'wages are counted in full',
      },
      {
        item: 'employment-cost deduction',
        memberId: exampleMembers.son.memberId,
        amountFen: -35_700,
        counted: true,
        rule: 'employment-cost-deduction',
        basis: '就业成本扣减: 30% of the urban dibao standard (119,000 fen)',
      },
    ],
    departmentFactsSeen: [{ source: 'hrss', factId: 'rs-20250308-000441', recordedAt: '2025-03-08T02:10:00Z' }],
    investigator: exampleActors.investigator,
  },
});

export const verificationContracts = [economicCheckCompletedV1] as const;
