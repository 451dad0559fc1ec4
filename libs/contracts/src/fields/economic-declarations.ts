/**
 * What an application declares for the economic check's rules, from application-submitted v2:
 * per-member student status, rigid expenditures (刚性支出), obliged supporters outside the household
 * (赡养/抚养/扶养义务人) and a support-waiver request (支出型困难家庭). Members are referred to by
 * resident ID, because member ids may be issued by intake.
 */
import { z } from 'zod';
import { monthField, residentIdField, textField } from './common';
import { householdField, householdMemberField } from './household';
import { monthlyFenField } from './money';

export const householdMemberFieldV2 = householdMemberField.extend({
  student: z.boolean().optional().meta({ description: 'Whether the member is a student in school (在校学生).' }),
});

export const rigidExpenditureField = z
  .object({
    memberResidentId: residentIdField.meta({ description: 'Resident ID of the member the spending is for. Personal data.' }),
    kind: z.enum(['medical', 'disability', 'education']).meta({ description: '因病, 因残 or 因学.' }),
    monthlyFen: monthlyFenField('Monthly amount of the spending.'),
    fromMonth: monthField('First month of the spending.'),
    months: z.number().int().min(1).max(120).meta({ description: 'Months it lasts; the regional policy decides how many are recognised (commonly 12).' }),
    evidenceReference: textField('Receipt, hospital bill or school notice it rests on.', 200),
  })
  .meta({ description: 'A rigid expenditure (刚性支出) the household declares.' });

export const obligedSupporterField = z
  .object({
    name: textField('Full name. Personal data.', 100),
    residentId: residentIdField.meta({ description: 'The supporter’s resident ID (not a member of the household). Personal data.' }),
    relation: z.enum(['child', 'parent', 'spouse', 'sibling', 'grandchild', 'grandparent', 'other']).meta({ description: 'Relation to the member supported.' }),
    supportsMemberResidentId: residentIdField.meta({ description: 'Resident ID of the member the support is paid to. Personal data.' }),
    monthlySupportFen: monthlyFenField('Support paid per month (赡养/抚养/扶养费).'),
  })
  .meta({ description: 'An obliged supporter outside the household (赡养/抚养/扶养义务人).' });

export const householdFieldV2 = householdField.extend({
  members: z
    .array(householdMemberFieldV2)
    .min(1, 'must list at least one member')
    .max(30)
    .superRefine((members, ctx) => {
      const applicants = members.filter((m) => m.relation === 'applicant').length;
      if (applicants !== 1) ctx.addIssue({ code: 'custom', message: `must have exactly one member with relation "applicant" (found ${applicants})` });
    })
    .meta({ description: 'Household members (共同生活的家庭成员); exactly one is the applicant.' }),
  rigidExpenditures: z.array(rigidExpenditureField).max(50).optional(),
  obligedSupporters: z.array(obligedSupporterField).max(20).optional(),
  supportWaiverRequest: z
    .object({ reason: textField('Why the household asks that support not be counted.', 500) })
    .optional()
    .meta({ description: 'A request to waive support payments (支出型困难家庭, 运民发〔2021〕59号); the township files it or not.' }),
});
