/**
 * Findings leave the audit service on Kafka (sa.audit.findings.v1; finding-raised v1, and v2 for the temporary-assistance kinds) for discipline inspectors'
 * and county supervision systems: each FindingRaised event of the audit's own store, once, through
 * the same checkpointed relay every service uses; so do the signed checkpoints of the services'
 * hash chains (sa.audit.checkpoints.v1). Audit-log events stay inside.
 */
import { auditFindingRaisedV1, auditFindingRaisedV2, findingKindsV1, integrityCheckpointSignedV1 } from '@sa/contracts';
import { integrationEvent } from '@sa/messaging';
import type { PublicationDefinition } from '@sa/platform';
import { checkpointStreamPrefix } from '../checkpoints/checkpointer';
import type { SignedStatement } from '../checkpoints/signed-checkpoint';
import { findingStreamPrefix, type RecordedFinding } from './findings-scanner';

export const findingsPublication: PublicationDefinition = {
  streamPrefixes: [findingStreamPrefix, checkpointStreamPrefix],
  contracts: [auditFindingRaisedV1, auditFindingRaisedV2, integrityCheckpointSignedV1],
  mapping: {
    // The signed statement as signed: a reader checks the signature over exactly these fields.
    CheckpointSigned: (event) => integrationEvent(integrityCheckpointSignedV1, event.data as SignedStatement),
    FindingRaised: (event) => {
      const f = event.data as RecordedFinding;
      const payload = {
        findingId: f.findingId,
        kind: f.kind,
        severity: f.severity,
        // Bounded as the contract bounds them: a relay must never stall on an oversized finding.
        applicationIds: f.applicationIds.slice(0, 20),
        regions: f.regions.slice(0, 20),
        summary: f.summary.slice(0, 1000),
        evidence: f.evidence
          .slice(0, 50)
          .map((e) => ({ source: e.source, stream: e.stream, revision: e.revision, eventId: e.eventId, type: e.type, recordedAt: e.recordedAt, why: e.why })),
        detectedAt: f.detectedAt,
        detectedBy: { userId: event.actor.userId, role: event.actor.role as never, orgUnit: event.actor.orgUnit },
      };
      // The kinds v1 readers know stay v1; the temporary-assistance kinds are v2 (a v1 reader would refuse them).
      const v1Kind = (findingKindsV1 as readonly string[]).includes(f.kind);
      return v1Kind ? integrationEvent(auditFindingRaisedV1, payload as never) : integrationEvent(auditFindingRaisedV2, payload);
    },
  },
};
