/** What the health endpoints answer, for their contracts (also while the service waits for its servers: startup-gate.ts). */
import { z } from 'zod';

export const liveAnswer = z.object({ status: z.literal('ok') });

const checks = z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional(), ms: z.number().optional() }));

export const readinessAnswer = z.object({ status: z.literal('ready'), checks }).describe('Ready');

export const notReadyAnswer = z
  .object({
    status: z.enum(['not-ready', 'shutting-down', 'waiting', 'starting']),
    checks,
    reason: z.string().optional().describe('While starting: what it waits for.'),
    waitingFor: z.array(z.string()).optional().describe('While starting: the servers that do not answer yet.'),
  })
  .describe('Not ready: a server does not answer (each check says which), it is still starting, or it is shutting down');
