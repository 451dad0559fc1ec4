/** Request bodies and queries of the checks API, validated with zod so a 400 names the field and the rule. */
import { regionCodeField } from '@sa/contracts';
import { z } from 'zod';

export const recheckRequest = z.object({
  reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
});
export type RecheckRequest = z.infer<typeof recheckRequest>;

export const listChecksQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum(['open', 'completed', 'cancelled']).optional(),
  outcome: z.enum(['eligible', 'ineligible']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListChecksQuery = z.infer<typeof listChecksQuery>;
