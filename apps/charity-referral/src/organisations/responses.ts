/** What the organisation registry answers, as zod schemas for the routes' contracts (api-contract.ts). */
import { needField } from '@sa/contracts';
import { z } from 'zod';

export const organisationParams = z.object({ id: z.string().describe('The organisation id (统一社会信用代码 or registry id).') });

const status = z.enum(['active', 'deregistered']);

export const registrationAnswer = z.object({ organisationId: z.string(), status: z.literal('registered') });

export const deregistrationAnswer = z.object({ organisationId: z.string(), status: z.enum(['registered', 'deregistered']) });

const organisation = z.object({ organisationId: z.string(), name: z.string(), serviceRegions: z.array(z.string()), needs: z.array(needField), status });

export const organisationDetail = organisation;

export const organisationList = z.object({ items: z.array(organisation.extend({ registeredAt: z.string().optional() })) });
