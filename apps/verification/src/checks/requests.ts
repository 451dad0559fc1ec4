/** Request bodies and queries of the checks API, validated with zod so a 400 names the field and the rule. */
import { regionCodeField, textField } from '@sa/contracts';
import { z } from 'zod';

export const recheckRequest = z.object({
  reason: textField('Why the check runs again.', 500),
});
export type RecheckRequest = z.infer<typeof recheckRequest>;

export const listChecksQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum(['open', 'completed', 'cancelled', 'abandoned']).optional(),
  outcome: z.enum(['eligible', 'ineligible']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListChecksQuery = z.infer<typeof listChecksQuery>;
