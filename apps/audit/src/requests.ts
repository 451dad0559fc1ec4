/** Path and query parameters of the audit API, validated with zod so a 400 names the field and the rule. */
import { findingKinds } from '@sa/domain-audit';
import { z } from 'zod';

export const caseParams = z.object({ id: z.uuid('must be the application id (a UUID)') });

export const runParams = z.object({ runId: z.uuid('must be a verification run id (a UUID), as POST /integrity/verify-all answered') });

export const stateQuery = z.object({
  asOf: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with a zone, e.g. 2025-03-15T08:00:00Z' }).optional(),
});

export const auditLogQuery = z.object({
  auditorId: z.string().trim().min(1).max(100).optional(),
  applicationId: z.uuid('must be an application id (a UUID)').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

export const findingsQuery = z.object({
  kind: z.enum(findingKinds, { message: `must be one of ${findingKinds.join(', ')}` }).optional(),
  applicationId: z.uuid('must be an application id (a UUID)').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type FindingsQueryParams = z.infer<typeof findingsQuery>;
