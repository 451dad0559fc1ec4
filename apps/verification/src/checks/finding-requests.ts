/**
 * The investigator's finding as a request body (入户调查): one input recorded, corrected or
 * rejected, a county candidate confirmed or rejected, a supporter's status, the waiver, member
 * facts or visit facts — each with the reason and the evidence it rests on. A 400 names the field.
 */
import { monthField, monthlyFenField, residentIdField, textField } from '@sa/contracts';
import { z } from 'zod';

const expenditure = z.object({
  memberId: z.string().min(1).max(64).describe('Member the spending is for (member id from GET /checks/{applicationId}).'),
  kind: z.enum(['medical', 'disability', 'education']),
  monthlyFen: monthlyFenField('Monthly amount of the spending.'),
  fromMonth: monthField('First month it is recognised from.'),
  months: z.number().int().min(1).max(120).describe('Months it lasts; the policy caps how many are recognised.'),
});

const supporter = z.object({
  residentId: residentIdField.describe('The supporter’s resident ID (not a member of the household). Personal data.'),
  relation: z.enum(['child', 'parent', 'spouse', 'sibling', 'grandchild', 'grandparent', 'other']),
  supportsMemberId: z.string().min(1).max(64).describe('The member the support is paid to.'),
  monthlySupportFen: monthlyFenField('Support paid per month (赡养/抚养/扶养费).'),
});

const id = (what: string) => z.string().min(1).max(100).describe(what);

export const findingField = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rigid-expenditure-recorded'), expenditure }),
  z.object({ kind: z.literal('rigid-expenditure-corrected'), expenditureId: id('The rigid expenditure, as the check lists it.'), expenditure }),
  z.object({ kind: z.literal('rigid-expenditure-rejected'), expenditureId: id('The rigid expenditure, as the check lists it.') }),
  z.object({
    kind: z.literal('county-candidate-confirmed'),
    sourceMessageId: id('The county large-medical-bill message listed among rigidExpenditureCandidates.'),
    fromMonth: monthField('First month the spending is recognised from.'),
    months: z.number().int().min(1).max(120).describe('Months the bill is spread over (the policy caps how many are recognised).'),
    monthlyFen: monthlyFenField('For a serious-illness record (no amount): the monthly spending the investigator found.').optional(),
  }),
  z.object({ kind: z.literal('county-candidate-rejected'), sourceMessageId: id('The county message listed among rigidExpenditureCandidates.') }),
  z.object({
    kind: z.literal('supporter-status-recorded'),
    supporterId: id('The obliged supporter, as the check lists them (supporter-1, …).'),
    status: z.enum(['extreme-poverty', 'dibao', 'low-income', 'not-low-income']),
  }),
  z.object({ kind: z.literal('supporter-recorded'), supporter }),
  z.object({ kind: z.literal('supporter-corrected'), supporterId: id('The obliged supporter, as the check lists them.'), supporter }),
  z.object({ kind: z.literal('supporter-rejected'), supporterId: id('The obliged supporter, as the check lists them.') }),
  z.object({
    kind: z.literal('support-waiver-granted'),
    waiver: z.object({
      ground: z.enum(['expenditure-type-hardship', 'monitored-household-unresolved-risk']),
      reference: textField('Village appraisal and township filing reference (民主评议、乡镇审核备案).', 200),
    }),
  }),
  z.object({ kind: z.literal('support-waiver-refused') }),
  z.object({
    kind: z.literal('member-facts-corrected'),
    memberId: id('The member.'),
    workAbility: z.enum(['full', 'partial', 'none']).optional(),
    disabilityGrade: z.literal([1, 2, 3, 4]).nullable().optional(),
    seriousIllness: z.boolean().optional(),
    student: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('visit-recorded'), facts: textField('What the visit found (入户调查).', 2000) }),
]);

export const findingRequest = z.object({
  finding: findingField,
  reason: textField('Why: what the investigator found and concluded.', 500),
  evidenceReference: textField('The evidence: visit form, receipt, bill, filing.', 200),
});
export type FindingRequest = z.infer<typeof findingRequest>;
