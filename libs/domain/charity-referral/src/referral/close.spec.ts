import { given } from '@sa/domain-shared';
import type { CloseReferral } from './commands';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import { accepted, applicationId, caseWorker, charityActor, offered, opened, referralId } from './referral.fixtures';

const closedAt = '2025-07-01T12:00:00+08:00';
const close: CloseReferral = {
  type: 'CloseReferral',
  referralId,
  outcome: 'needs-met',
  summary: '孙女学业跟上，每月探访两次',
  organisationId: 'org-village',
  closedBy: charityActor('org-village'),
  closedAt,
};
const help: ReferralEvent = {
  type: 'AssistanceRecorded',
  data: {
    referralId,
    applicationId,
    organisationId: 'org-village',
    assistanceId: 'help-1',
    assistance: { kind: 'money', amountFen: 50_000, description: '慰问金' },
    providedOn: '2025-04-05',
    recordedBy: charityActor('org-village'),
    recordedAt: '2025-04-05T18:00:00+08:00',
  },
};
const acceptedHistory = [opened, offered('org-village'), accepted('org-village'), help];
const exhausted: ReferralEvent = {
  type: 'ReferralExhausted',
  data: { referralId, applicationId, triedOrganisationIds: [], exhaustedAt: '2025-03-22T09:00:00+08:00' },
};

describe('closing a referral', () => {
  it('closes with an outcome summary and what was delivered', () => {
    given(referralDecider, acceptedHistory)
      .when(close)
      .then([
        {
          type: 'ReferralClosed',
          data: {
            referralId,
            applicationId,
            outcome: 'needs-met',
            summary: close.summary,
            totals: { moneyFen: 50_000, goodsValueFen: 0, goodsRecords: 0, serviceVisits: 0 },
            closedBy: charityActor('org-village'),
            closedAt,
          },
        },
      ]);
  });

  it('lets civil affairs close any time the household withdraws consent', () => {
    const decision = given(referralDecider, [opened, offered('org-village')]).when({
      ...close,
      outcome: 'consent-withdrawn',
      closedBy: caseWorker,
      organisationId: undefined,
    }).decision;
    expect(decision.ok && decision.events[0]?.type).toBe('ReferralClosed');
  });

  it('lets civil affairs close only referrals of households in its region (403 outside it)', () => {
    // Given a referral of a household in 330102; When a case worker of the neighbouring county closes it
    const outsider = { ...caseWorker, orgUnit: '330103' };
    const decision = given(referralDecider, [opened, offered('org-village')]).when({
      ...close,
      outcome: 'consent-withdrawn',
      closedBy: outsider,
      organisationId: undefined,
    }).decision;

    // Then the decider refuses it as forbidden, naming the referral
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'OUTSIDE_JURISDICTION', kind: 'forbidden', field: 'referralId' } });
  });

  it('lets an organisation close only a referral it has accepted', () => {
    given(referralDecider, acceptedHistory)
      .when({ ...close, organisationId: 'org-county', closedBy: charityActor('org-county') })
      .thenRejects('NOT_CURRENT_ORGANISATION');
    given(referralDecider, [opened, offered('org-village')])
      .when({ ...close, outcome: 'no-longer-needed' })
      .thenRejects('NOT_CURRENT_ORGANISATION');
  });

  it('closes as needs-met only when accepted, and as declined only when exhausted', () => {
    given(referralDecider, [opened])
      .when({ ...close, closedBy: caseWorker })
      .thenRejects('OUTCOME_DOES_NOT_FIT_STATUS');
    given(referralDecider, acceptedHistory)
      .when({ ...close, outcome: 'declined' })
      .thenRejects('OUTCOME_DOES_NOT_FIT_STATUS');
    const decision = given(referralDecider, [opened, exhausted]).when({ ...close, outcome: 'declined', closedBy: caseWorker }).decision;
    expect(decision.ok).toBe(true);
  });

  it('needs a summary and a known outcome, and closes once', () => {
    given(referralDecider, acceptedHistory)
      .when({ ...close, summary: '' })
      .thenRejects('SUMMARY_REQUIRED');
    given(referralDecider, acceptedHistory)
      .when({ ...close, outcome: 'abandoned' as 'declined' })
      .thenRejects('INVALID_OUTCOME');
    const closed: ReferralEvent = {
      type: 'ReferralClosed',
      data: {
        referralId,
        applicationId,
        outcome: 'needs-met',
        summary: 's',
        totals: { moneyFen: 0, goodsValueFen: 0, goodsRecords: 0, serviceVisits: 0 },
        closedBy: caseWorker,
        closedAt,
      },
    };
    given(referralDecider, [...acceptedHistory, closed])
      .when(close)
      .thenRejects('REFERRAL_CLOSED');
    given(referralDecider, [...acceptedHistory, closed])
      .when({ type: 'AcceptReferral', referralId, organisationId: 'org-village', acceptedBy: charityActor('org-village'), acceptedAt: closedAt })
      .thenRejects('REFERRAL_CLOSED');
  });
});
