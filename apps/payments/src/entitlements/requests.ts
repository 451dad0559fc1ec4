/** Query parameters of the entitlements API, validated so a 400 names the field and the rule. */
import { regionCodeField } from '@sa/contracts';
import { z } from 'zod';

export const listEntitlementsQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum(['active', 'suspended', 'stopped']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListEntitlementsQuery = z.infer<typeof listEntitlementsQuery>;
