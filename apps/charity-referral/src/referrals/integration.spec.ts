import { validatePayload } from '@sa/contracts';
import { type CharityOrganisation, type ReferralCommand, referralDecider, type ReferralEvent, type ReferralState } from '@sa/domain-charity-referral';
import { type Actor, parseRegionCode } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { mapDomainEvent } from '@sa/messaging';
import { referralPublication } from './integration';
import { referralIdFor } from './referral-ids';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const referralId = referralIdFor(applicationId);
const region = '331002001001';
const system: Actor = { userId: 'charity-referral-service', role: 'county-system', orgUnit: region };
const charity = (organisationId: string): Actor => ({ userId: organisationId, role: 'charity-organisation', orgUnit: '331002' });
const organisation = (organisationId: string, regions: string[]): CharityOrganisation => ({
  organisationId,
  name: organisationId,
  serviceRegions: regions.map(parseRegionCode),
  provides: ['money', 'goods', 'visits'],
});
const terms = {
  organisations: [organisation('53331002MJ0000001A', [region]), organisation('org-township', ['331002001']), organisation('org-county', ['331002'])],
  responseWindowHours: 72,
};

/** A whole referral through the decider: open with an offer, a decline, a lapse, acceptance, help of each kind, closure. */
function scenario(): ReferralEvent[] {
  const commands: ReferralCommand[] = [
    {
      type: 'OpenReferral',
      referralId,
      applicationId,
      caseOutcome: { outcome: 'rejected' },
      consent: { charityReferral: true, recordedAt: '2025-03-21T02:00:00.000Z' },
      region,
      needs: ['money', 'visits'],
      contact: { name: '陈秀兰', phone: '0576-8888 1234' },
      openedBy: system,
      openedAt: '2025-03-21T02:00:01.000Z',
      autoOffer: terms,
    },
    {
      type: 'DeclineReferral',
      referralId,
      organisationId: '53331002MJ0000001A',
      reason: '名额已满',
      ...terms,
      declinedBy: charity('53331002MJ0000001A'),
      declinedAt: '2025-03-22T02:00:00.000Z',
    },
    { type: 'TimeOutOffer', referralId, ...terms, now: '2025-03-26T02:00:00.000Z', timedOutBy: system },
    { type: 'AcceptReferral', referralId, organisationId: 'org-county', acceptedBy: charity('org-county'), acceptedAt: '2025-03-27T02:00:00.000Z' },
    {
      type: 'RecordAssistance',
      referralId,
      organisationId: 'org-county',
      assistanceId: '0195f4f4-5e6f-7a7b-8c8d-9e0f1a2b3c01',
      assistance: { kind: 'money', amountFen: 50_000, description: '慰问金' },
      providedOn: '2025-03-27',
      recordedBy: charity('org-county'),
      recordedAt: '2025-03-27T03:00:00.000Z',
    },
    {
      type: 'RecordAssistance',
      referralId,
      organisationId: 'org-county',
      assistanceId: '0195f4f4-5e6f-7a7b-8c8d-9e0f1a2b3c02',
      assistance: { kind: 'goods', valueFen: 12_000, description: '米、油' },
      providedOn: '2025-03-27',
      recordedBy: charity('org-county'),
      recordedAt: '2025-03-27T03:00:00.000Z',
    },
    {
      type: 'RecordAssistance',
      referralId,
      organisationId: 'org-county',
      assistanceId: '0195f4f4-5e6f-7a7b-8c8d-9e0f1a2b3c03',
      assistance: { kind: 'volunteer-service', service: 'visits', description: '上门探访' },
      providedOn: '2025-03-27',
      recordedBy: charity('org-county'),
      recordedAt: '2025-03-27T03:00:00.000Z',
    },
    {
      type: 'CloseReferral',
      referralId,
      outcome: 'needs-met',
      summary: '需求已满足',
      organisationId: 'org-county',
      closedBy: charity('org-county'),
      closedAt: '2025-04-01T02:00:00.000Z',
    },
  ];
  const events: ReferralEvent[] = [];
  let state: ReferralState = referralDecider.initialState;
  for (const command of commands) {
    const decision = referralDecider.decide(command, state);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code}`);
    events.push(...decision.events);
    state = decision.events.reduce(referralDecider.evolve, state);
  }
  return events;
}

const recorded = (event: ReferralEvent, revision: number) =>
  ({ type: event.type, data: event.data, revision, stream: `referral-${referralId}` }) as unknown as RecordedEvent;

describe('what charity referral publishes', () => {
  const drafts = scenario().map((event, i) => ({ event, draft: mapDomainEvent(referralPublication.mapping, recorded(event, i)) }));

  it('maps every event it publishes to a payload its contract accepts, keyed by the referral', () => {
    for (const { draft } of drafts) {
      if (!draft) continue;
      expect(validatePayload(draft.contract, draft.payload)).toEqual({ ok: true, payload: expect.anything() });
      expect(draft.contract.key(draft.payload)).toBe(referralId);
    }
  });

  it('publishes offers, answers, help and closure; opening, lapses and exhaustion stay inside', () => {
    expect(drafts.map(({ event, draft }) => [event.type, draft?.contract.type ?? null])).toEqual([
      ['ReferralOpened', null],
      ['ReferralOffered', 'sa.charity.referral-made'],
      ['ReferralDeclined', 'sa.charity.referral-declined'],
      ['ReferralOffered', 'sa.charity.referral-made'],
      ['ReferralOfferTimedOut', null],
      ['ReferralOffered', 'sa.charity.referral-made'],
      ['ReferralAccepted', 'sa.charity.referral-accepted'],
      ['AssistanceRecorded', 'sa.charity.assistance-recorded'],
      ['AssistanceRecorded', 'sa.charity.assistance-recorded'],
      ['AssistanceRecorded', 'sa.charity.assistance-recorded'],
      ['ReferralClosed', 'sa.charity.referral-closed'],
    ]);
  });

  it('names the service, not the declining organisation, as the one who referred onwards; carries money and goods value in fen', () => {
    const payloads = drafts.filter((d) => d.draft).map((d) => d.draft?.payload as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({
      organisationId: '53331002MJ0000001A',
      referredBy: system,
      needs: ['money', 'visits'],
      contact: { name: '陈秀兰', phone: '0576-8888 1234' },
    });
    expect(payloads[2]).toMatchObject({ organisationId: 'org-township', referredBy: system });
    expect(payloads[5]).toMatchObject({ kind: 'money', valueFen: 50_000 });
    expect(payloads[6]).toMatchObject({ kind: 'goods', valueFen: 12_000 });
    expect(payloads[7]).toMatchObject({ kind: 'volunteer-service' });
    expect(payloads[7]).not.toHaveProperty('valueFen');
  });
});

describe('referral ids', () => {
  it('are one per case, the same on every delivery, and UUIDs of the form the contracts require', () => {
    expect(referralIdFor(applicationId)).toBe(referralId);
    expect(referralIdFor('0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5f')).not.toBe(referralId);
    expect(referralId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
