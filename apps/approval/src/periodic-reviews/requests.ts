/** Request and answer schemas of the periodic-review routes, validated so a 400 names the field and the rule. */
import { idField, monthlyFenField, reasonField, regionCodeField, textField } from '@sa/contracts';
import { uuidParam } from '@sa/platform';
import { z } from 'zod';

export const reviewParams = z.object({ applicationId: uuidParam('an application (case) id') });

export const recheckRequest = z.object({
  householdSize: z.number().int().min(1).max(100).meta({ description: 'Members living in the household now.' }),
  countedMonthlyIncomeFen: monthlyFenField('The household’s counted monthly income now (after the income rules), fen.'),
  incomeFromEmployment: z.boolean().meta({ description: 'A rise in income comes from work (就业): a dibao household then gets the gradual exit.' }),
  membersAbleToWork: z.boolean().meta({ description: 'A member is able to work (有劳动能力): reviewed every six months.' }),
  irregularIncome: z.boolean().meta({ description: 'Income varies month to month (收入来源不固定): reviewed every six months.' }),
  checkId: idField('The economic check the figures come from, when one was run.').optional(),
  findings: textField('What the home visit found (入户核查), recorded for auditors.', 2000),
});

export const decisionRequest = z.object({
  outcome: z.enum(['continue', 'change-amount', 'start-gradual-exit', 'suspend', 'terminate']),
  reasons: z.array(reasonField).min(1).max(20).meta({ description: 'Grounds for the outcome, told to the household.' }),
});

export const reviewAnswer = z.object({
  applicationId: z.string(),
  phase: z.enum(['scheduled', 'open', 'rechecked', 'closed']),
  cycle: z.int(),
  dueOn: z.string(),
  recheckDueBy: z.string().optional(),
  lapsed: z.boolean(),
  monthlyAmountFen: z.int().min(0).meta({ description: 'What the case pays now, fen.' }),
  proposedOutcome: z.string().optional(),
});

export const worklistQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum(['due', 'overdue', 'awaiting-decision', 'upcoming']).optional().meta({
    description:
      'due: open, re-check not yet late; overdue: open past the re-check deadline (or lapsed); awaiting-decision: re-checked; upcoming: scheduled. All but upcoming when absent.',
  }),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/, 'must be the nextAfter of the previous page')
    .optional()
    .meta({ description: 'Keyset cursor: the nextAfter of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorklistQuery = z.infer<typeof worklistQuery>;

export const worklistAnswer = z.object({
  items: z.array(
    z.object({
      applicationId: z.string(),
      programme: z.string(),
      region: z.string(),
      cycle: z.int(),
      phase: z.string(),
      status: z.enum(['due', 'overdue', 'awaiting-decision', 'upcoming']),
      dueOn: z.string(),
      recheckDueBy: z.string().optional(),
      lapsed: z.boolean(),
      proposedOutcome: z.string().optional(),
    }),
  ),
  nextAfter: z.string().optional(),
});
