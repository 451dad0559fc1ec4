/**
 * Request bodies of the payroll API, validated with zod so a 400 names the field and the rule.
 * Region and month follow the integration contracts' rules (a normalised region code, YYYY-MM).
 */
import { monthField, regionCodeField } from '@sa/contracts';
import { z } from 'zod';

export const startPayrollRequest = z.object({
  region: regionCodeField,
  month: monthField('Month paid for.'),
});
export type StartPayrollRequest = z.infer<typeof startPayrollRequest>;

/** The bank's result file as JSON: its text under `content` (or `file`), exactly as the bank sent it. */
export const bankResultsJsonRequest = z
  .object({ content: z.string().min(1, 'must not be empty').optional(), file: z.string().min(1, 'must not be empty').optional() })
  .refine((body) => body.content !== undefined || body.file !== undefined, {
    message: 'must carry the result file text in content (or file)',
    path: ['content'],
  });

export const disbursementFileQuery = z.object({
  accountNumbers: z.enum(['full', 'masked']).default('full'),
});
