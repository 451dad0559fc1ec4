/** What the health endpoints answer, for their contracts. */
import { z } from 'zod';

export const liveAnswer = z.object({ status: z.literal('ok') });

export const readinessAnswer = z.object({
  status: z.enum(['ready', 'not-ready', 'shutting-down']),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional(), ms: z.number() })),
});
