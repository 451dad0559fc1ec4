import { caseSentBackForReinvestigationV1, validatePayload } from '@sa/contracts';
import type { CaseSentBackForReinvestigation } from '@sa/domain-approval';
import { parseRegionCode } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { mapDomainEvent } from '@sa/messaging';
import { approvalPublication } from './integration';

const reviewer = { userId: 'li.ming', role: 'township-reviewer', orgUnit: '331002001' } as const;

function recorded(data: unknown): RecordedEvent {
  return {
    eventId: '0195f3a0-0000-7000-8000-000000000001',
    type: 'CaseSentBackForReinvestigation',
    schemaVersion: 1,
    stream: 'case-x',
    revision: 5,
    position: 42,
    data,
    occurredAt: '2025-07-10T02:00:00.000Z',
    recordedAt: '2025-07-10T02:00:00.000Z',
    actor: reviewer,
    correlationId: 'c',
    causationId: null,
    sourceSystem: 'approval',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

describe('publishing a send-back for re-investigation', () => {
  const sentBack: CaseSentBackForReinvestigation['data'] = {
    applicationId: '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e',
    region: parseRegionCode('331002001001'),
    objectionId: '0195f3a0-6f7a-7b8c-9d9e-0f1a2b3c4d5e',
    reason: '经核实，申请人名下确有一辆未申报的小型货车',
    sentBackBy: reviewer,
    sentBackAt: '2025-07-10T10:00:00+08:00',
  };

  it('maps the domain event field for field onto its contract', () => {
    // Given the event a sustained objection records; when the relay maps it
    const draft = mapDomainEvent(approvalPublication.mapping, recorded(sentBack));

    // Then it is the public contract, with a payload the contract accepts
    expect(draft?.contract).toBe(caseSentBackForReinvestigationV1);
    expect(draft?.payload).toEqual(sentBack);
    expect(validatePayload(caseSentBackForReinvestigationV1, draft?.payload).ok).toBe(true);
    expect(approvalPublication.contracts).toContain(caseSentBackForReinvestigationV1);
  });

  it('publishes nothing for an event recorded before it carried the region, ruling and actor, so a replaying relay does not stop on it', () => {
    const { applicationId, objectionId, sentBackAt } = sentBack;
    expect(mapDomainEvent(approvalPublication.mapping, recorded({ applicationId, objectionId, sentBackAt }))).toBeNull();
  });
});
