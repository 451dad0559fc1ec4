/** The household as an application declares it (家庭成员、收入、财产), shared by intake and approval events. */
import { z } from 'zod';
import { assetFenField, dateField, idField, monthlyFenField, residentIdField, textField } from './common';

export const relationField = z
  .enum(['applicant', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other'])
  .meta({ description: 'Relation to the applicant (与申请人关系).' });

/**
 * Income kinds the economic check treats differently: the resident basic pension is not counted,
 * happiness-post wages below the minimum wage are not counted, support payments depend on the payer.
 */
export const incomeKindField = z
  .enum([
    'wage', // 工资性收入
    'business', // 经营净收入
    'farming', // 农业生产收入
    'property-rental', // 财产净收入
    'pension-resident-basic', // 城乡居民基本养老金 (not counted)
    'pension-employee', // 职工基本养老金
    'unemployment-benefit', // 失业保险金
    'support-payment', // 赡养/抚养/扶养费
    'happiness-post-wage', // 幸福岗位工资
    'other',
  ])
  .meta({ description: 'Kind of income; the economic check applies a rule per kind.' });

export const declaredIncomeField = z.object({
  kind: incomeKindField,
  monthlyFen: monthlyFenField('Declared monthly amount.'),
  source: textField('Who pays it (employer, payer), when known.', 200).optional(),
});

export const householdMemberField = z.object({
  memberId: idField('Member id within the application (UUID v4 or v7).'),
  residentId: residentIdField,
  name: textField('Full name (姓名). Personal data.', 100),
  relation: relationField,
  birthDate: dateField('Birth date, YYYY-MM-DD.'),
  disabilityGrade: z.literal([1, 2, 3, 4]).nullable().meta({ description: 'Disability grade 1 (most severe) to 4, or null when none is registered.' }),
  seriousIllness: z.boolean().meta({ description: 'Whether the member has a serious illness (重病).' }),
  workAbility: z.enum(['full', 'partial', 'none']).meta({ description: 'Work ability (劳动能力).' }),
  declaredMonthlyIncomes: z.array(declaredIncomeField).max(50),
});

export const declaredAssetsField = z.object({
  vehicles: z.number().int().nonnegative().meta({ description: 'Motor vehicles owned by the household.' }),
  dwellings: z.number().int().nonnegative().meta({ description: 'Dwellings owned by the household.' }),
  financialAssetsFen: assetFenField('Deposits, securities and cash of the whole household.'),
  businessRegistrations: z.number().int().nonnegative().meta({ description: 'Registered businesses (个体工商户/企业) of household members.' }),
});

export const bankAccountField = z
  .object({
    bankName: textField('Bank (开户银行).', 100),
    accountHolder: textField('Account holder name. Personal data.', 100),
    accountNumber: z
      .string()
      .regex(/^\d{8,30}$/, 'must be 8 to 30 digits')
      .meta({ description: 'Account number. Personal data.' }),
  })
  .meta({ description: 'Account benefits are paid into (社会救助资金发放账户).' });

export const consentsField = z.object({
  economicCheck: z.boolean().meta({ description: 'Authorised the household economic-status check (核对授权).' }),
  charityReferral: z.boolean().meta({ description: 'Agreed to be referred to charity organisations (慈善转介).' }),
});

export const nearRelativeField = z
  .object({
    declared: z.boolean().meta({ description: 'Whether a member is a near relative of village cadres or civil-affairs staff (近亲属备案).' }),
    relationToStaff: textField('Relation to the staff member.', 50).optional(),
    staffName: textField('Staff member name. Personal data.', 100).optional(),
    staffPost: textField('Staff member post.', 100).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.declared) return;
    for (const field of ['relationToStaff', 'staffName', 'staffPost'] as const) {
      if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required when declared is true' });
    }
  })
  .meta({ description: 'Near-relative filing; when declared is true, relationToStaff, staffName and staffPost are required.' });

export const householdField = z.object({
  members: z
    .array(householdMemberField)
    .min(1, 'must list at least one member')
    .max(30)
    .superRefine((members, ctx) => {
      const applicants = members.filter((m) => m.relation === 'applicant').length;
      if (applicants !== 1) ctx.addIssue({ code: 'custom', message: `must have exactly one member with relation "applicant" (found ${applicants})` });
    })
    .meta({ description: 'Household members (共同生活的家庭成员); exactly one is the applicant.' }),
  declaredAssets: declaredAssetsField,
  bankAccount: bankAccountField,
});
