/** What the audit API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { findingKinds } from '@sa/domain-audit';
import { actorAnswer } from '@sa/platform';
import { z } from 'zod';

const sourcedBreak = z.object({
  source: z.string(),
  stream: z.string(),
  revision: z.int(),
  eventId: z.string().nullable().describe('The event at the broken link; null when the event is missing.'),
  reason: z.string(),
});

const caseIntegrity = z.object({
  ok: z.boolean(),
  streams: z.array(z.object({ source: z.string(), stream: z.string(), events: z.int(), ok: z.boolean(), firstBreak: sourcedBreak.optional() })),
  breaks: z.array(sourcedBreak).describe('The first broken link of each broken stream.'),
});

export const caseIntegrityAnswer = caseIntegrity.extend({ applicationId: z.string(), verifiedAt: z.string() });

const timelineEntry = z
  .looseObject({
    at: z.string(),
    occurredAt: z.string(),
    source: z.string(),
    stream: z.string(),
    revision: z.int(),
    position: z.int(),
    eventId: z.string(),
    type: z.string(),
    actor: actorAnswer,
  })
  .describe('One event in words: what happened, who did it, the reason or note, the rule trace and standard where there is one.');

export const caseHistoryAnswer = z.object({
  case: z.object({
    applicationId: z.string(),
    programme: z.string().optional(),
    region: z.string().optional(),
    events: z.int(),
    sources: z.array(z.string()),
    firstRecordedAt: z.string().optional(),
    lastRecordedAt: z.string().optional(),
  }),
  timeline: z.array(timelineEntry),
  departmentData: z.array(timelineEntry).describe('County facts about the members (resident register), apart from the case’s own events.'),
  integrity: caseIntegrity,
});

export const caseStateAnswer = z
  .looseObject({
    applicationId: z.string(),
    asOf: z.string(),
    exists: z.boolean(),
    status: z.string(),
    programme: z.string().optional(),
    region: z.string().optional(),
    householdSize: z.int().optional(),
    countedMonthlyIncomeFen: z.int().optional(),
    perCapitaMonthlyIncomeFen: z.int().optional(),
    nearRelative: z.boolean(),
    payments: z.array(z.looseObject({})),
  })
  .describe('The case folded from its events up to asOf: check, decision, entitlement, payments (amounts in integer fen).');

const finding = z.looseObject({
  key: z.string(),
  kind: z.enum(findingKinds),
  severity: z.enum(['high', 'medium']),
  applicationIds: z.array(z.string()),
  regions: z.array(z.string()),
  summary: z.string(),
  evidence: z.array(z.looseObject({ eventId: z.string(), why: z.string() })).describe('The events that prove it.'),
  details: z.record(z.string(), z.unknown()),
});

const recordedFinding = finding.extend({ findingId: z.string(), detectedAt: z.string(), scanId: z.string() });

const auditLogEntry = z.looseObject({
  eventId: z.string(),
  type: z.string(),
  recordedAt: z.string(),
  queryId: z.string(),
  query: z.string(),
  auditedBy: actorAnswer,
  queriedAt: z.string(),
  channel: z.enum(['api', 'cli']),
  outcome: z.enum(['answered', 'refused', 'not-found', 'failed']),
  applicationId: z.string().optional(),
  region: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).describe('What came back, in figures, never the personal data itself.'),
});

export const auditLogAnswer = z.object({ items: z.array(auditLogEntry) });

export const caseExportAnswer = caseHistoryAnswer.extend({
  format: z.literal('sa-audit-case-export'),
  version: z.literal(1),
  exportedAt: z.string(),
  exportedBy: actorAnswer,
  stateAtExport: caseStateAnswer,
  findings: z.array(finding),
  auditTrail: z.array(auditLogEntry),
  digest: z.object({ algorithm: z.literal('sha256'), over: z.string(), value: z.string() }),
});

export const findingsAnswer = z.object({ items: z.array(finding.extend({ detectedAt: z.string().optional(), scanId: z.string().optional() })) });

export const scanAnswer = z.object({
  scanId: z.string(),
  scannedAt: z.string(),
  events: z.int(),
  cases: z.int(),
  findings: z.array(recordedFinding),
  newFindings: z.int(),
  byKind: z.record(z.string(), z.int()),
  ms: z.number(),
});

const runStatus = z.enum(['running', 'succeeded', 'failed']);
const run = z.object({
  runId: z.string(),
  status: runStatus,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  requestedBy: actorAnswer,
  error: z.string().optional(),
  statusUrl: z.string(),
});

export const runStartedAnswer = z
  .object({ runId: z.string(), status: runStatus, startedAt: z.string(), requestedBy: actorAnswer, statusUrl: z.string() })
  .describe('The run started, or the one already running');

export const runsAnswer = z.object({
  items: z.array(
    run.extend({
      summary: z.object({ ok: z.boolean(), events: z.int(), streams: z.int(), breaks: z.int(), ms: z.number(), eventsPerSecond: z.number() }).optional(),
    }),
  ),
});

export const runAnswer = run.extend({
  result: z
    .object({
      ok: z.boolean(),
      events: z.int(),
      streams: z.int(),
      ms: z.number(),
      eventsPerSecond: z.number(),
      sources: z.array(
        z.object({ source: z.string(), schema: z.string(), events: z.int(), streams: z.int(), ok: z.boolean(), breaks: z.array(sourcedBreak), ms: z.number() }),
      ),
      breaks: z.array(sourcedBreak),
    })
    .optional(),
});
