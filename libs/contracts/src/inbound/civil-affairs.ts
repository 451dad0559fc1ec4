/**
 * Civil affairs' own records of a resident's assistance status (低收入人口动态监测信息平台, or another
 * county's social-assistance system): the resident is a dibao recipient, extreme-poor (特困) or a
 * member of a low-income family there. The check uses it for an obliged supporter who lives outside
 * the platform's caseload (运民发〔2021〕59号 二(一): support from such a supporter is not counted).
 */
import { z } from 'zod';
import { dateField, regionCodeField } from '../fields/common';
import { countyContract, countySchema } from './county-contract';

export const assistanceStatusV1 = countyContract({
  type: 'county.civil-affairs.assistance-status',
  topic: 'county.civil-affairs.assistance-status.v1',
  producer: 'county or provincial civil-affairs (民政) low-income population database',
  description:
    'The resident’s own assistance status in another civil-affairs system: dibao, extreme poverty (特困) or a low-income family (低收入家庭), from a date, until a date when it ended. ' +
    'Used to find whether an obliged supporter (赡养/抚养/扶养义务人) outside the household is themselves low-income.',
  schema: countySchema({
    status: z.enum(['dibao', 'extreme-poverty', 'low-income']).meta({ description: 'Status held (低保, 特困, 低收入家庭成员).' }),
    issuingRegion: regionCodeField.meta({ description: 'Region whose civil-affairs system holds the status.' }),
    fromDate: dateField('First day of the status.'),
    toDate: dateField('Last day of the status, when it ended.').optional(),
  }),
  example: { messageId: 'mz-db-20260301-000042', residentId: '330102198702150021', status: 'dibao', issuingRegion: '330106', fromDate: '2025-07-01' },
  personalData: ['status'],
});
