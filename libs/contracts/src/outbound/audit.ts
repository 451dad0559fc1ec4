/**
 * Audit (审计/纪检监察): anti-fraud findings raised over the platform's event history, for discipline
 * inspectors' and county supervision systems. Topic sa.audit.findings.v1, keyed by finding id.
 * And the signed checkpoints of the services' hash chains (sa.audit.checkpoints.v1, keyed by source).
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { actorField, applicationIdField, instantField, regionCodeField, textField } from '../fields/common';
import { exampleApplicationId } from './examples';

export const findingsTopicV1 = 'sa.audit.findings.v1';
export const checkpointsTopicV1 = 'sa.audit.checkpoints.v1';

/** The kinds v1 readers know; a new kind is published as v2 (a reader of v1 would refuse it). */
export const findingKindsV1 = [
  'near-relative-confirmed-below-county',
  'segregation-of-duties-breached',
  'confirmed-before-notice-ended',
  'payment-after-death',
  'duplicate-benefit',
  'department-data-ignored',
] as const;
export const findingKindsV2 = [...findingKindsV1, 'temporary-assistance-beyond-yearly-cap', 'temporary-assistance-split-under-township-limit'] as const;

/** Deterministic (name-based) UUIDs: the same violation found again has the same id. */
const findingIdField = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a lower-case UUID')
  .meta({ description: 'Finding id, derived from what was found: a rescan never raises the same finding twice.' });

const findingRaisedSchemaV1 = z.object({
  findingId: findingIdField,
  kind: z.enum(findingKindsV1),
  severity: z.enum(['high', 'medium']),
  applicationIds: z.array(applicationIdField).min(1).max(20),
  regions: z.array(regionCodeField).max(20),
  summary: textField('What was found, for people. Resident IDs masked.', 1000),
  evidence: z
    .array(
      z.object({
        source: textField('Service whose event store holds the event.', 50),
        stream: textField('Stream of the event.', 500),
        revision: z.number().int().nonnegative(),
        eventId: z.string().uuid('must be a UUID'),
        type: textField('Event type.', 100),
        recordedAt: instantField('When the event was recorded.'),
        why: textField('What this event proves.', 500),
      }),
    )
    .min(1)
    .max(50),
  detectedAt: instantField('When the scan found it.'),
  detectedBy: actorField,
});

export const auditFindingRaisedV1 = defineContract({
  type: 'sa.audit.finding-raised',
  version: 1,
  topic: findingsTopicV1,
  keyField: 'findingId',
  direction: 'outbound',
  producer: 'audit service',
  description:
    'An anti-fraud finding: something in a case history an inspector must look at (near-relative case confirmed below the county, ' +
    'segregation of duties breached, confirmation before the public notice ended, payment after death, duplicate benefit, ' +
    'department data ignored), with the exact stored events that prove it.',
  schema: findingRaisedSchemaV1,
  example: {
    findingId: '6f1c2d3e-4a5b-5c6d-8e7f-8091a2b3c4d5',
    kind: 'confirmed-before-notice-ended',
    severity: 'high',
    applicationIds: [exampleApplicationId],
    regions: ['330102001001'],
    summary: '公示期未满即确认：公示期至2025-03-19，确认于2025-03-17',
    evidence: [
      {
        source: 'approval',
        stream: `case-${exampleApplicationId}`,
        revision: 4,
        eventId: '0195f2c0-aaaa-7bbb-8ccc-dddddddddddd',
        type: 'CaseApproved',
        recordedAt: '2025-03-17T09:00:00+08:00',
        why: 'confirmed on 2025-03-17',
      },
    ],
    detectedAt: '2025-03-20T02:00:00+08:00',
    detectedBy: { userId: 'u-audit-0001', role: 'auditor', orgUnit: '330102' },
  },
});

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');

export const integrityCheckpointSignedV1 = defineContract({
  type: 'sa.audit.integrity-checkpoint-signed',
  version: 1,
  topic: checkpointsTopicV1,
  keyField: 'source',
  direction: 'outbound',
  producer: 'audit service',
  description:
    'A signed checkpoint of one service\u2019s event store (防篡改锚定): the log position reached, how many stream heads changed since the ' +
    'previous checkpoint and the SHA-256 of those heads (listed in the audit\u2019s append-only checkpoint file), the previous checkpoint\u2019s ' +
    'digest, and an Ed25519 signature by a key no database holds. Keep the messages: a history rewritten later, even with recomputed ' +
    'hashes, no longer matches them. Verify with the audit\u2019s public key: the signature covers the canonical JSON (sorted keys) of every ' +
    'field but signature.',
  schema: z.object({
    source: textField('The service whose event store is checkpointed.', 50),
    schema: textField('Its event-store schema.', 63),
    position: z.number().int().nonnegative().meta({ description: 'The last log position covered.' }),
    takenAt: instantField('When the checkpoint was signed.'),
    previous: sha256Hex.nullable().meta({ description: 'SHA-256 of the previous checkpoint statement of this source; null for the first.' }),
    headCount: z.number().int().nonnegative().meta({ description: 'Streams whose head this checkpoint records.' }),
    headsDigest: sha256Hex.meta({ description: 'SHA-256 of the canonical JSON of the heads (stream, revision, hash), as in the checkpoint file.' }),
    keyId: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits')
      .meta({ description: 'First 16 hex digits of the SHA-256 of the signing public key (SPKI DER).' }),
    signature: z.base64().meta({ description: 'Ed25519 signature (base64).' }),
  }),
  example: {
    source: 'approval',
    schema: 'es_approval',
    position: 1204,
    takenAt: '2025-03-20T02:00:00+08:00',
    previous: null,
    headCount: 3,
    headsDigest: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
    keyId: '9c1f2e3d4c5b6a79',
    signature: 'bXlzaWduYXR1cmVieXRlcw==',
  },
});

/**
 * v2: the same finding with the temporary-assistance (临时救助) kinds. Findings of the v1 kinds are
 * still published as v1, so existing readers see no change; only the new kinds come as v2.
 */
export const auditFindingRaisedV2 = defineContract({
  type: auditFindingRaisedV1.type,
  version: 2,
  topic: findingsTopicV1,
  keyField: 'findingId',
  direction: 'outbound',
  producer: 'audit service',
  description:
    auditFindingRaisedV1.description +
    ' v2 adds the temporary-assistance kinds: a household’s yearly cap passed over several cases, and approvals split to stay under the township limit.',
  schema: findingRaisedSchemaV1.extend({ kind: z.enum(findingKindsV2) }),
  example: {
    ...auditFindingRaisedV1.example,
    kind: 'temporary-assistance-split-under-township-limit',
    summary: '同一家庭31天内3次乡镇审批临时救助，每次低于乡镇限额，合计超限',
  },
});

export const auditContracts = [auditFindingRaisedV1, auditFindingRaisedV2, integrityCheckpointSignedV1] as const;
