/** What GET /referrals/:id shows, from the referral's own events (always current, unlike the read model). */
import type { ReferralEvent, ReferralState } from '@sa/domain-charity-referral';
import { recordedAs } from '@sa/messaging';
import type { RecordedEvent } from '@sa/event-store';

/** The organisation the referral is with: offered to it, accepted by it, or closed while with it. */
export function holderOf(state: ReferralState, history: readonly RecordedEvent[]): string | undefined {
  switch (state.status) {
    case 'offered':
      return state.offer.organisationId;
    case 'accepted':
      return state.organisationId;
    case 'closed': {
      const accepted = history.filter((e) => e.type === 'ReferralAccepted').at(-1);
      return (accepted?.data as { organisationId?: string } | undefined)?.organisationId;
    }
    default:
      return undefined;
  }
}

/** The organisation's view: what it needs to help the household, nothing about other organisations. */
export function organisationView(state: Exclude<ReferralState, { status: 'not-opened' }>, holder: string | undefined) {
  const { referral } = state;
  return {
    referralId: referral.referralId,
    applicationId: referral.applicationId,
    status: state.status,
    organisationId: holder,
    region: referral.region,
    needs: referral.needs,
    contact: referral.contact,
    ...(state.status === 'offered' ? { deadline: state.offer.deadline } : {}),
    totals: referral.totals,
    ...(state.status === 'closed' ? { outcome: state.outcome } : {}),
  };
}

/** Case workers and auditors also see who was asked, and the full history: who did what, when. */
export function caseWorkerView(state: Exclude<ReferralState, { status: 'not-opened' }>, history: readonly RecordedEvent[]) {
  const opened = recordedAs<ReferralEvent>(history).find((e) => e.type === 'ReferralOpened')?.data;
  return {
    ...organisationView(state, holderOf(state, history)),
    basis: opened?.basis,
    triedOrganisationIds: state.referral.triedOrganisationIds,
    assistanceIds: state.referral.assistanceIds,
    history: history.map((e) => ({ revision: e.revision, type: e.type, occurredAt: e.occurredAt, actor: e.actor, data: e.data })),
  };
}
